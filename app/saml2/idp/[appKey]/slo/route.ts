// GET|POST /saml2/idp/{appKey}/slo — Single Logout: LogoutRequest or LogoutResponse, HTTP-Redirect or HTTP-POST
import { deleteCookie, readCookie } from "@/app/_server/cookies";
import { receiveLogoutMessage, type SloStep } from "@/lib/services/sign-in/saml-slo";
import type { InboundMessage } from "@/lib/saml";
import { postFormResponse, postMessageOf, redirectMessage, requestContext, seeOther } from "@/app/_server/saml-http";
import { SSO_COOKIE } from "@/app/_server/sso";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ appKey: string }> };

async function handle(req: Request, appKey: string, message: InboundMessage): Promise<Response> {
  const step: SloStep = await receiveLogoutMessage(appKey, message, await readCookie(SSO_COOKIE), requestContext(req));
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
