// Glue for the import's fetch endpoints. They use the console session cookie, so they only
// answer requests that carry the custom header the import page sends (a cross-site page
// cannot send it without a CORS preflight, which is never granted) and, when the browser
// names an Origin, only our own.
import { currentActor, type ConsoleActor } from "@/app/_server/actor";
import { isAppError } from "@/lib/errors";

export const IMPORT_HEADER = "x-portcullis-import";

export function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", "Cache-Control": "no-store" },
  });
}

export async function importRequestActor(req: Request): Promise<ConsoleActor | Response> {
  if (req.headers.get(IMPORT_HEADER) !== "1")
    return json(403, { message: "This request must come from the Import Users page." });
  const origin = req.headers.get("origin");
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  if (origin) {
    let originHost: string | null = null;
    try {
      originHost = new URL(origin).host;
    } catch {
      // not a URL
    }
    if (!host || originHost !== host)
      return json(403, { message: "This request must come from the Import Users page." });
  }
  const actor = await currentActor();
  if (!actor) return json(401, { message: "Your session ended. Sign in again." });
  return actor;
}

/** AppErrors become their message with their status; anything else a generic 500. */
export function errorResponse(e: unknown): Response {
  if (isAppError(e) && e.expose) return json(e.status, { message: e.message, fieldErrors: e.fieldErrors });
  console.error("[import] unexpected error", e);
  return json(500, { message: "Something went wrong. Nothing was imported; try again." });
}
