// POST /saml2/sp/{sourceKey}/acs — an authentication source's Response (upstream IdP, HTTP-POST binding)
import { readCookie, setCookieHeader } from "@/app/_server/cookies";
import { formFieldsOf, postFormResponse, seeOther } from "@/app/_server/saml-http";
import { loginContext, SSO_COOKIE, TX_COOKIE } from "@/app/_server/sso";
import { sourceAcsUrl, upstreamErrorPage } from "@/lib/services/auth-sources/upstream-sign-in";
import { SSO_TTL_MS, upstreamResponse } from "@/lib/services/sign-in/hosted-login";

export const dynamic = "force-dynamic";

export async function POST(req: Request, ctx: { params: Promise<{ sourceKey: string }> }) {
  const { sourceKey } = await ctx.params;
  const fields = (await formFieldsOf(req)) ?? { SAMLResponse: "x".repeat(128 * 1024) };
  const txCookie = await readCookie(TX_COOKIE);
  if (!txCookie && fields.bounce !== "1") {
    // The IdP's cross-site POST carries no SameSite=Lax cookie: post the same form again from
    // this origin (a same-site navigation, which does), once.
    const url = await sourceAcsUrl(sourceKey);
    const bounce: Record<string, string> = { bounce: "1" };
    if (fields.SAMLResponse !== undefined) bounce.SAMLResponse = fields.SAMLResponse;
    if (fields.RelayState !== undefined) bounce.RelayState = fields.RelayState;
    return postFormResponse({ id: "", binding: "post", url, fields: bounce });
  }
  const r = await upstreamResponse(txCookie, sourceKey, fields, await loginContext());
  if (r.kind === "refused") return seeOther(`/sso/error?reason=${upstreamErrorPage(r.reason)}&ref=${r.reference}`);
  const cookie = r.session
    ? await setCookieHeader(SSO_COOKIE, r.session.token, "sign-in", { maxAgeMs: SSO_TTL_MS })
    : undefined;
  if (r.next) return seeOther(r.next, cookie);
  const outcome = r.outcome;
  if (outcome.kind === "denied") return seeOther(`/sso/error?reason=${outcome.reason}`);
  return seeOther("/sso/login");
}
