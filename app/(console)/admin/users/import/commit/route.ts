// POST /admin/users/import/commit — { token, sha256 } of a clean preview; imports its rows in one transaction
import { commitUserImport } from "@/lib/services/users/csv-import";
import { errorResponse, importRequestActor, json } from "../same-origin";

export const maxDuration = 120;

export async function POST(req: Request) {
  const actor = await importRequestActor(req);
  if (actor instanceof Response) return actor;
  let body: { token?: unknown; sha256?: unknown };
  try {
    body = (await req.json()) as typeof body;
  } catch {
    return json(400, { message: "The request could not be read. Upload the file again." });
  }
  if (
    typeof body.token !== "string" ||
    typeof body.sha256 !== "string" ||
    body.token.length > 100 ||
    body.sha256.length > 100
  ) {
    return json(400, { message: "The request could not be read. Upload the file again." });
  }
  try {
    return json(200, await commitUserImport(actor, body.token, body.sha256));
  } catch (e) {
    return errorResponse(e);
  }
}
