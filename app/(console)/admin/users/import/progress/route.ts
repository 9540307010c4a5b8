// GET /admin/users/import/progress?token= — how many users of a running import are written
import { importProgress } from "@/lib/services/users/csv-import";
import { errorResponse, importRequestActor, json } from "../same-origin";

export async function GET(req: Request) {
  const actor = await importRequestActor(req);
  if (actor instanceof Response) return actor;
  try {
    const p = await importProgress(actor, new URL(req.url).searchParams.get("token") ?? "");
    return p ? json(200, p) : json(404, { message: "No import is running for this file." });
  } catch (e) {
    return errorResponse(e);
  }
}
