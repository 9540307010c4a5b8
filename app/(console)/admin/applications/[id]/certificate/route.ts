// GET /admin/applications/{id}/certificate — the IdP signing certificate (PEM) for an application
import { currentActor } from "@/app/_server/actor";
import { can } from "@/lib/authz";
import { getApplication } from "@/lib/services/applications/manage-applications";
import { isAppError } from "@/lib/errors";

export async function GET(_req: Request, ctx: { params: Promise<{ id: string }> }) {
  const actor = await currentActor();
  if (!actor || !can(actor.role, "applications:view")) return new Response("Forbidden", { status: 403 });
  try {
    const { app, certificatePem } = await getApplication(actor, (await ctx.params).id);
    const filename = `${app.name.replace(/[^A-Za-z0-9._-]+/g, "_").slice(0, 60) || "application"}-certificate.pem`;
    return new Response(certificatePem, {
      headers: {
        "Content-Type": "application/x-pem-file",
        "Content-Disposition": `attachment; filename="${filename}"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (e) {
    if (isAppError(e) && e.code === "not_found") return new Response("Not found", { status: 404 });
    throw e;
  }
}
