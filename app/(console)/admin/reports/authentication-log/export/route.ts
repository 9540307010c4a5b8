// GET /admin/reports/authentication-log/export — the Authentication Log for the current filters as CSV (streamed, every row)
import { currentActor } from "@/app/_server/actor";
import { csvDownload } from "@/app/_server/csv-download";
import { can } from "@/lib/authz";
import { csvFileName, exportAuthenticationLogCsv } from "@/lib/services/auth-log-csv";
import { parseAuthLogFilters } from "@/lib/services/auth-log-filters";

export async function GET(req: Request) {
  const actor = await currentActor();
  if (!actor || !can(actor.role, "authlog:view")) return new Response("Forbidden", { status: 403 });
  const { query, errors } = parseAuthLogFilters(new URL(req.url).searchParams);
  const messages = Object.values(errors);
  if (messages.length)
    return new Response(`The filters are not valid: ${messages.join(" ")}`, {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  return csvDownload(exportAuthenticationLogCsv(actor, query), csvFileName(), "Authentication Log CSV");
}
