// GET /admin/users/import/template.csv — the users CSV template (header row and two examples)
import { currentActor } from "@/app/_server/actor";
import { CSV_TEMPLATE } from "@/lib/services/users/csv-format";

export async function GET() {
  if (!(await currentActor())) return new Response("Sign in first.", { status: 401 });
  return new Response(CSV_TEMPLATE, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="portcullis-users-template.csv"',
      "Cache-Control": "no-store",
    },
  });
}
