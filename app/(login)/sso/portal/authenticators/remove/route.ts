// POST /sso/portal/authenticators/remove — the portal's remove form (the last authenticator stays while 2FA is required; a removal ends the user's sessions)
import { loginContext, readSsoCookies, SSO_COOKIE } from "@/app/_server/sso";
import { deleteCookie } from "@/app/_server/cookies";
import { readFormCapped, SMALL_FORM_BYTES } from "@/app/_server/request";
import { seeOther } from "@/app/_server/sso-factor";
import { removeMine } from "@/lib/services/sign-in/portal-authenticators";
import { portalRedirect } from "../result";

export async function POST(req: Request) {
  const fd = await readFormCapped(req, SMALL_FORM_BYTES);
  const { ssoId } = await readSsoCookies();
  const r = await removeMine(ssoId, String(fd?.get("id") ?? "").slice(0, 64), await loginContext());
  if (r.ok && r.signedOut) await deleteCookie(SSO_COOKIE);
  return seeOther(portalRedirect(r));
}
