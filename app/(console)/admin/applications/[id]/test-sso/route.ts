// GET /admin/applications/{id}/test-sso — Test SSO: the administrator signs in as a test user
// (in a new tab) and sees the Response that would be sent, without it being posted to the SP
import { currentActor } from "@/app/_server/actor";
import { can } from "@/lib/authz";
import { startTestSso } from "@/lib/services/sign-in/saml-sso";
import { findApplicationKey } from "@/lib/services/saml-trace/test-sso";
import { requestContext, stepResponse } from "@/app/_server/saml-http";

export const dynamic = "force-dynamic";

export async function GET(req: Request, ctx: { params: Promise<{ id: string }> }) {
  const actor = await currentActor();
  if (!actor) return Response.redirect(new URL("/admin/login", req.url), 303);
  if (!can(actor.role, "applications:view")) return new Response("Forbidden", { status: 403 });
  const id = (await ctx.params).id;
  const appKey = await findApplicationKey(id);
  if (!appKey) return new Response("Not found", { status: 404 });
  return stepResponse(await startTestSso(actor, id, requestContext(req)), appKey);
}
