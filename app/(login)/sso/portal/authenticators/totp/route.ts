// POST /sso/portal/authenticators/totp — confirms a new authenticator app added from the portal
import { cookies } from "next/headers";
import { cookieOptions, loginContext, readSsoCookies } from "@/app/_server/sso";
import { seeOther } from "@/app/_server/sso-factor";
import { confirmTotpForPortal, PORTAL_TOTP_COOKIE } from "@/lib/services/sign-in/portal-authenticators";
import { portalRedirect } from "../result";

export async function POST(req: Request) {
  const fd = await req.formData().catch(() => null);
  const { ssoId } = await readSsoCookies();
  const token = String(fd?.get("token") ?? "");
  const r = await confirmTotpForPortal(
    ssoId,
    token,
    String(fd?.get("passcode") ?? "").slice(0, 24),
    await loginContext(),
  );
  const jar = await cookies();
  // After a wrong code the same key is shown again (the person has already scanned it).
  if (!r.ok && r.error !== "expired" && r.error !== "verify")
    jar.set(PORTAL_TOTP_COOKIE, token, await cookieOptions(10 * 60_000));
  else jar.delete(PORTAL_TOTP_COOKIE);
  return seeOther(
    portalRedirect(
      r,
      r.ok || r.error === "expired" || r.error === "verify" ? undefined : "/sso/portal/add?method=totp",
    ),
  );
}
