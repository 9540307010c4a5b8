// POST /admin/users/import/preview — the CSV file as the body; answers the per-row preview (nothing is written)
import { previewUserImport } from "@/lib/services/users/csv-import";
import { MAX_IMPORT_BYTES } from "@/lib/services/users/csv-format";
import { readBodyCapped } from "@/app/_server/request";
import { errorResponse, importRequestActor, json } from "../same-origin";

const TOO_LARGE = `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Split it into smaller files.`;

export async function POST(req: Request) {
  const actor = await importRequestActor(req);
  if (actor instanceof Response) return actor;
  const body = await readBodyCapped(req, MAX_IMPORT_BYTES);
  const bytes = body && new Uint8Array(body);
  if (!bytes) return json(413, { message: TOO_LARGE, fieldErrors: { file: TOO_LARGE } });
  const name = decodeURIComponent(new URL(req.url).searchParams.get("name") ?? "users.csv");
  try {
    return json(200, await previewUserImport(actor, { name, bytes }));
  } catch (e) {
    return errorResponse(e);
  }
}
