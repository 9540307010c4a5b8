// GET|POST /saml2/idp/{appKey}/resume — after sign-in (or with an SSO session): post the signed Response to the ACS
import { cookieReader } from "@/app/_server/cookies";
import { completeSignIn } from "@/lib/services/sign-in/saml-sso";
import { requestContext, stepResponse } from "@/app/_server/saml-http";
import { SSO_COOKIE, TX_COOKIE } from "@/app/_server/sso";

export const dynamic = "force-dynamic";

export async function GET(req: Request, ctx: { params: Promise<{ appKey: string }> }) {
  const { appKey } = await ctx.params;
  const read = await cookieReader();
  const step = await completeSignIn(appKey, read(TX_COOKIE), read(SSO_COOKIE), requestContext(req));
  return stepResponse(step, appKey);
}

// A sign-in form submitted without JavaScript ends in a 307 redirect that keeps its POST.
export const POST = GET;
