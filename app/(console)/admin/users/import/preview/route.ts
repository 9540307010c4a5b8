// POST /admin/users/import/preview — the CSV file as the body; answers the per-row preview (nothing is written)
import { previewUserImport } from "@/lib/services/users/csv-import";
import { MAX_IMPORT_BYTES } from "@/lib/services/users/csv-format";
import { errorResponse, importRequestActor, json } from "../same-origin";

const TOO_LARGE = `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Split it into smaller files.`;

/** The body, refused past the cap both by its declared length and while reading. */
async function readCapped(req: Request): Promise<Uint8Array | null> {
  if (Number(req.headers.get("content-length") ?? "0") > MAX_IMPORT_BYTES) return null;
  const reader = req.body?.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > MAX_IMPORT_BYTES) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

export async function POST(req: Request) {
  const actor = await importRequestActor(req);
  if (actor instanceof Response) return actor;
  const bytes = await readCapped(req);
  if (!bytes) return json(413, { message: TOO_LARGE, fieldErrors: { file: TOO_LARGE } });
  const name = decodeURIComponent(new URL(req.url).searchParams.get("name") ?? "users.csv");
  try {
    return json(200, await previewUserImport(actor, { name, bytes }));
  } catch (e) {
    return errorResponse(e);
  }
}
