// GET|POST /saml2/idp/{appKey}/sso — AuthnRequest by HTTP-Redirect or HTTP-POST
import { receiveAuthnRequest } from "@/lib/services/sign-in/saml-sso";
import { BodyTooLarge, readFormCapped, redirectMessage, requestContext, stepResponse } from "@/app/_server/saml-http";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ appKey: string }> };

export async function GET(req: Request, ctx: Ctx) {
  const { appKey } = await ctx.params;
  return stepResponse(await receiveAuthnRequest(appKey, redirectMessage(req), requestContext(req)), appKey);
}

export async function POST(req: Request, ctx: Ctx) {
  const { appKey } = await ctx.params;
  let fields: Record<string, string>;
  try {
    fields = await readFormCapped(req);
  } catch (e) {
    if (!(e instanceof BodyTooLarge)) throw e;
    // Far over any real AuthnRequest: refuse before parsing (the log row says why).
    fields = { SAMLRequest: "x".repeat(70_000) };
  }
  return stepResponse(await receiveAuthnRequest(appKey, { binding: "post", fields }, requestContext(req)), appKey);
}
