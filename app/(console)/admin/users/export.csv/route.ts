// GET /admin/users/export.csv — every user (not the trash) as CSV in the import's format, streamed in batches
import { currentActor } from "@/app/_server/actor";
import { csvDownload } from "@/app/_server/csv-download";
import { can } from "@/lib/authz";
import { exportFileName, exportUsersCsv } from "@/lib/services/users/csv-export";

export const dynamic = "force-dynamic";

export async function GET() {
  const actor = await currentActor();
  if (!actor) return new Response("Sign in first.", { status: 401 });
  if (!can(actor.role, "users:view"))
    return new Response("Your administrator role does not allow this.", { status: 403 });
  return csvDownload(exportUsersCsv(actor), exportFileName(), "users CSV");
}
