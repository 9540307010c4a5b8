// POST /sso/portal/authenticators/totp — confirms a new authenticator app added from the portal
import { loginContext, readSsoCookies } from "@/app/_server/sso";
import { deleteCookie, setCookie } from "@/app/_server/cookies";
import { readFormCapped, SMALL_FORM_BYTES } from "@/app/_server/request";
import { seeOther } from "@/app/_server/sso-factor";
import { confirmTotpForPortal, PORTAL_TOTP_COOKIE } from "@/lib/services/sign-in/portal-authenticators";
import { portalRedirect } from "../result";

export async function POST(req: Request) {
  const fd = await readFormCapped(req, SMALL_FORM_BYTES);
  const { ssoId } = await readSsoCookies();
  const token = String(fd?.get("token") ?? "");
  const r = await confirmTotpForPortal(
    ssoId,
    token,
    String(fd?.get("passcode") ?? "").slice(0, 24),
    await loginContext(),
  );
  // After a wrong code the same key is shown again (the person has already scanned it).
  if (!r.ok && r.error !== "expired" && r.error !== "verify")
    await setCookie(PORTAL_TOTP_COOKIE, token, "sign-in", { maxAgeMs: 10 * 60_000 });
  else await deleteCookie(PORTAL_TOTP_COOKIE);
  return seeOther(
    portalRedirect(
      r,
      r.ok || r.error === "expired" || r.error === "verify" ? undefined : "/sso/portal/add?method=totp",
    ),
  );
}
