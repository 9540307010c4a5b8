// GET /saml2/idp/{appKey}/init — IdP-initiated sign-in to the application's default ACS
import { startIdpInitiated } from "@/lib/services/sign-in/saml-sso";
import { requestContext, stepResponse } from "@/app/_server/saml-http";

export const dynamic = "force-dynamic";

export async function GET(req: Request, ctx: { params: Promise<{ appKey: string }> }) {
  const { appKey } = await ctx.params;
  return stepResponse(await startIdpInitiated(appKey, requestContext(req)), appKey);
}
