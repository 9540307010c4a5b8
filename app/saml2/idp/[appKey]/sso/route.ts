// GET|POST /saml2/idp/{appKey}/sso — AuthnRequest by HTTP-Redirect or HTTP-POST
import { receiveAuthnRequest } from "@/lib/services/sign-in/saml-sso";
import { postMessageOf, redirectMessage, requestContext, stepResponse } from "@/app/_server/saml-http";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ appKey: string }> };

export async function GET(req: Request, ctx: Ctx) {
  const { appKey } = await ctx.params;
  return stepResponse(await receiveAuthnRequest(appKey, redirectMessage(req), requestContext(req)), appKey);
}

export async function POST(req: Request, ctx: Ctx) {
  const { appKey } = await ctx.params;
  return stepResponse(await receiveAuthnRequest(appKey, await postMessageOf(req), requestContext(req)), appKey);
}
