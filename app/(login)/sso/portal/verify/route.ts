// POST /sso/portal/verify — "Verify it's you" before changing authenticators: a step-up of the SSO session on the hosted pages, back to the portal
import { loginContext, readSsoCookies, TX_COOKIE, TX_TTL_MS } from "@/app/_server/sso";
import { setCookie } from "@/app/_server/cookies";
import { seeOther } from "@/app/_server/sso-factor";
import { startPortalStepUp } from "@/lib/services/sign-in/portal-authenticators";

export async function POST() {
  const { ssoId } = await readSsoCookies();
  const r = await startPortalStepUp(ssoId, await loginContext());
  if (r.txToken) await setCookie(TX_COOKIE, r.txToken, "sign-in", { maxAgeMs: TX_TTL_MS });
  return seeOther(r.next);
}
