// POST /sso/portal/authenticators/passkey/options — WebAuthn creation options for a passkey added from the portal
import { loginContext, readSsoCookies } from "@/app/_server/sso";
import { json } from "@/app/_server/sso-factor";
import { passkeyOptionsForPortal } from "@/lib/services/sign-in/portal-authenticators";

export async function POST() {
  const { ssoId } = await readSsoCookies();
  const r = await passkeyOptionsForPortal(ssoId, await loginContext());
  return r ? json(r) : json({ error: "expired" }, 401);
}
