// POST /sso/portal/authenticators/remove — the portal's remove form (the last authenticator stays while 2FA is required; a removal ends the user's sessions)
import { cookies } from "next/headers";
import { loginContext, readSsoCookies, SSO_COOKIE } from "@/app/_server/sso";
import { seeOther } from "@/app/_server/sso-factor";
import { removeMine } from "@/lib/services/sign-in/portal-authenticators";
import { portalRedirect } from "../result";

export async function POST(req: Request) {
  const fd = await req.formData().catch(() => null);
  const { ssoId } = await readSsoCookies();
  const r = await removeMine(ssoId, String(fd?.get("id") ?? "").slice(0, 64), await loginContext());
  if (r.ok && r.signedOut) (await cookies()).delete(SSO_COOKIE);
  return seeOther(portalRedirect(r));
}
