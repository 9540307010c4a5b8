// GET /admin/users/export.csv — every user (not the trash) as CSV in the import's format, streamed in batches
import { currentActor } from "@/app/_server/actor";
import { can } from "@/lib/authz";
import { exportFileName, exportUsersCsv } from "@/lib/services/users/csv-export";

export const dynamic = "force-dynamic";

export async function GET() {
  const actor = await currentActor();
  if (!actor) return new Response("Sign in first.", { status: 401 });
  if (!can(actor.role, "users:view")) return new Response("Your administrator role does not allow this.", { status: 403 });
  const chunks = exportUsersCsv(actor);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (e) {
        console.error("[export] users CSV failed", e);
        controller.error(e);
      }
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${exportFileName()}"`,
      "Cache-Control": "no-store",
    },
  });
}
