// GET|POST /saml2/idp/{appKey}/slo — Single Logout: LogoutRequest or LogoutResponse, HTTP-Redirect or HTTP-POST
import { deleteCookie, readCookie } from "@/app/_server/cookies";
import { receiveLogoutMessage, type SloStep } from "@/lib/services/sign-in/saml-slo";
import type { InboundMessage } from "@/lib/saml";
import { postFormResponse, postMessageOf, redirectMessage, requestContext, seeOther } from "@/app/_server/saml-http";
import { SSO_COOKIE } from "@/app/_server/sso";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ appKey: string }> };

/** The SP answered one LogoutRequest of an IdP-initiated logout: this page sits in a frame of our logout page and tells it. */
function hopAnswered(relayState: string): Response {
  const attr = relayState.replace(/[^A-Za-z0-9_.-]/g, "");
  return new Response(
    `<!doctype html><html lang="en"><meta charset="utf-8"><title>Signed out</title>` +
      `<p>Signed out.</p><script src="/sso/logout-hop.js" data-hop="${attr}"></script></html>`,
    {
      headers: {
        "Content-Type": "text/html; charset=utf-8",
        "Cache-Control": "no-store",
        "Content-Security-Policy": "default-src 'none'; script-src 'self'; frame-ancestors 'self'; base-uri 'none'",
        "X-Frame-Options": "SAMEORIGIN",
      },
    },
  );
}

async function handle(req: Request, appKey: string, message: InboundMessage): Promise<Response> {
  const step: SloStep = await receiveLogoutMessage(appKey, message, await readCookie(SSO_COOKIE), requestContext(req));
  if (step.kind === "hop") return hopAnswered(step.relayState);
  if (step.kind !== "error" && step.endSession) await deleteCookie(SSO_COOKIE);
  if (step.kind === "error")
    return seeOther(
      step.reason ? `/sso/error?reason=${step.reason}&app=${encodeURIComponent(step.appKey ?? "")}` : "/sso/error",
    );
  if (step.kind === "done") return seeOther("/sso/login?signedout=1");
  return step.message.binding === "post" ? postFormResponse(step.message) : seeOther(step.message.url);
}

export async function GET(req: Request, ctx: Ctx) {
  return handle(req, (await ctx.params).appKey, redirectMessage(req));
}

export async function POST(req: Request, ctx: Ctx) {
  return handle(req, (await ctx.params).appKey, await postMessageOf(req));
}
