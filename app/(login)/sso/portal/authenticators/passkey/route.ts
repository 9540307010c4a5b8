// POST /sso/portal/authenticators/passkey — the browser's WebAuthn registration for a passkey added from the portal
import { loginContext, readSsoCookies } from "@/app/_server/sso";
import { CEREMONY_MAX_BYTES, ceremonyBody, json } from "@/app/_server/sso-factor";
import { readBodyCapped } from "@/app/_server/request";
import { confirmPasskeyForPortal } from "@/lib/services/sign-in/portal-authenticators";
import { portalRedirect } from "../result";

export async function POST(req: Request) {
  const raw = (await readBodyCapped(req, CEREMONY_MAX_BYTES))?.toString("utf8") ?? "";
  const { ssoId } = await readSsoCookies();
  const body = await ceremonyBody(new Request("http://local/", { method: "POST", body: raw }));
  let token: string | undefined;
  try {
    const t = (JSON.parse(raw) as { token?: unknown }).token;
    token = typeof t === "string" ? t : undefined;
  } catch {
    token = undefined;
  }
  const r = await confirmPasskeyForPortal(ssoId, { ...body, token }, await loginContext());
  return r.ok || r.error === "verify" ? json({ next: portalRedirect(r) }) : json({ error: r.error });
}
