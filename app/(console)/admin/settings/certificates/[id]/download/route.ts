// GET /admin/settings/certificates/{id}/download — one IdP signing certificate (PEM)
import { currentActor } from "@/app/_server/actor";
import { can } from "@/lib/authz";
import { certificateForDownload } from "@/lib/services/signing-keys/signing-keys";

export async function GET(_req: Request, ctx: { params: Promise<{ id: string }> }) {
  const actor = await currentActor();
  if (!actor || !can(actor.role, "settings:view")) return new Response("Forbidden", { status: 403 });
  const cert = await certificateForDownload(actor, (await ctx.params).id);
  if (!cert) return new Response("Not found", { status: 404 });
  return new Response(cert.pem, {
    headers: {
      "Content-Type": "application/x-pem-file",
      "Content-Disposition": `attachment; filename="portcullis-${cert.sha1.replace(/:/g, "").slice(0, 12).toLowerCase()}.pem"`,
      "Cache-Control": "no-store",
    },
  });
}
