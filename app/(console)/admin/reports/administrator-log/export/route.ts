// GET /admin/reports/administrator-log/export — the Administrator Log for the current filters as CSV (streamed, every entry)
import { currentActor } from "@/app/_server/actor";
import { csvDownload } from "@/app/_server/csv-download";
import { can } from "@/lib/authz";
import { adminLogCsvFileName, exportAdministratorLogCsv } from "@/lib/services/admin-log";
import { adminLogSearchParams, parseAdminLogFilters } from "@/lib/services/admin-log-filters";

export async function GET(req: Request) {
  const actor = await currentActor();
  if (!actor || !can(actor.role, "adminlog:view")) return new Response("Forbidden", { status: 403 });
  const { query, errors, input } = parseAdminLogFilters(new URL(req.url).searchParams);
  const messages = Object.values(errors);
  if (messages.length)
    return new Response(`The filters are not valid: ${messages.join(" ")}`, {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  const filters = Object.fromEntries(adminLogSearchParams(input));
  return csvDownload(exportAdministratorLogCsv(actor, query, filters), adminLogCsvFileName(), "Administrator Log CSV");
}
