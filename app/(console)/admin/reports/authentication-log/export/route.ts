// GET /admin/reports/authentication-log/export — the Authentication Log for the current filters as CSV (streamed, every row)
import { currentActor } from "@/app/_server/actor";
import { can } from "@/lib/authz";
import { csvFileName, exportAuthenticationLogCsv } from "@/lib/services/auth-log-csv";
import { parseAuthLogFilters } from "@/lib/services/auth-log-filters";

export async function GET(req: Request) {
  const actor = await currentActor();
  if (!actor || !can(actor.role, "authlog:view")) return new Response("Forbidden", { status: 403 });
  const { query, errors } = parseAuthLogFilters(new URL(req.url).searchParams);
  const messages = Object.values(errors);
  if (messages.length) return new Response(`The filters are not valid: ${messages.join(" ")}`, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const chunks = exportAuthenticationLogCsv(actor, query);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (e) {
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
      "Content-Disposition": `attachment; filename="${csvFileName()}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
