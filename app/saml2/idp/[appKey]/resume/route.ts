// GET|POST /saml2/idp/{appKey}/resume — after sign-in (or with an SSO session): post the signed Response to the ACS
import { cookieReader } from "@/app/_server/cookies";
import { completeSignIn } from "@/lib/services/sign-in/saml-sso";
import { stepResponse } from "@/app/_server/saml-http";
import { loginContext, SSO_COOKIE, TX_COOKIE } from "@/app/_server/sso";

export const dynamic = "force-dynamic";

export async function GET(_req: Request, ctx: { params: Promise<{ appKey: string }> }) {
  const { appKey } = await ctx.params;
  const read = await cookieReader();
  // The request context includes this browser's remembered-device cookies (a step-up may be spared).
  const step = await completeSignIn(appKey, read(TX_COOKIE), read(SSO_COOKIE), await loginContext());
  return stepResponse(step, appKey);
}

// A sign-in form submitted without JavaScript ends in a 307 redirect that keeps its POST.
export const POST = GET;
