// POST /sso/portal/authenticators/totp — confirms a new authenticator app added from the portal
import { readSsoCookies } from "@/app/_server/sso";
import { seeOther } from "@/app/_server/sso-factor";
import { confirmTotpForPortal } from "@/lib/services/sign-in/portal-authenticators";
import { portalRedirect } from "../result";

export async function POST(req: Request) {
  const fd = await req.formData().catch(() => null);
  const { ssoId } = await readSsoCookies();
  const r = await confirmTotpForPortal(ssoId, String(fd?.get("token") ?? ""), String(fd?.get("passcode") ?? "").slice(0, 24));
  return seeOther(portalRedirect(r, r.ok || r.error === "expired" ? undefined : "/sso/portal/add?method=totp"));
}
