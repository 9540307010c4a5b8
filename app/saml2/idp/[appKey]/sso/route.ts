// GET|POST /saml2/idp/{appKey}/sso — AuthnRequest by HTTP-Redirect or HTTP-POST. With an SSO
// session cookie the assurance accepts as it is, the Response comes in this same request. (A
// cross-site POST carries no SameSite=Lax cookie: that request keeps the hop through /resume.)
// The Portcullis server answers GET itself with the same function (app/_server/fast-routes.ts);
// this handler answers GET under `next dev` and whatever else reaches Next.
import { receiveAuthnRequest } from "@/lib/services/sign-in/saml-sso";
import { postMessageOf, stepResponse, toResponse } from "@/app/_server/saml-http";
import { ssoRedirectAnswer } from "@/app/_server/fast-routes";
import { cookieReader } from "@/app/_server/cookies";
import { loginContext, SSO_COOKIE } from "@/app/_server/sso";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ appKey: string }> };

export async function GET(req: Request, ctx: Ctx) {
  const { appKey } = await ctx.params;
  return toResponse(await ssoRedirectAnswer(appKey, { url: req.url, header: (n) => req.headers.get(n) }));
}

export async function POST(req: Request, ctx: Ctx) {
  const [{ appKey }, read, context] = await Promise.all([ctx.params, cookieReader(), loginContext()]);
  return stepResponse(await receiveAuthnRequest(appKey, await postMessageOf(req), context, read(SSO_COOKIE)), appKey);
}
