// PUT /api/v1/trusted-endpoints/{integrationId}/devices — a management tool replaces its device inventory
import { isAppError } from "@/lib/errors";
import { inventoryBodySchema, checkEntries, MAX_INVENTORY_BYTES } from "@/lib/endpoints/inventory";
import { authenticateDeviceApi, replaceInventoryFromApi } from "@/lib/services/endpoints/integrations";
import { clientIpFrom, readBodyCapped } from "@/app/_server/request";

const json = (status: number, body: unknown, extra: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", "Cache-Control": "no-store", ...extra },
  });
const error = (status: number, code: string, message: string, details?: unknown, extra?: Record<string, string>) =>
  json(status, { error: { code, message, ...(details !== undefined && { details }) } }, extra);

export async function PUT(req: Request, ctx: { params: Promise<{ integrationId: string }> }) {
  const { integrationId } = await ctx.params;
  const auth = req.headers.get("authorization") ?? "";
  const bearer = /^Bearer ([\x21-\x7e]{1,200})$/.exec(auth)?.[1] ?? null;
  const unauthorized = () =>
    error(
      401,
      "unauthenticated",
      "Send the integration's device API token: Authorization: Bearer <token>.",
      undefined,
      { "WWW-Authenticate": 'Bearer realm="portcullis-device-api"' },
    );
  if (!bearer) return unauthorized();
  let integration: { id: string; name: string };
  try {
    integration = await authenticateDeviceApi(integrationId, bearer);
  } catch (e) {
    if (isAppError(e) && e.code === "unauthenticated") return unauthorized();
    throw e;
  }
  if (!(req.headers.get("content-type") ?? "").toLowerCase().startsWith("application/json"))
    return error(415, "unsupported_media_type", "Send the inventory as application/json.");
  const bytes = await readBodyCapped(req, MAX_INVENTORY_BYTES);
  if (!bytes) return error(413, "too_large", `The body is larger than ${MAX_INVENTORY_BYTES / 1024 / 1024} MiB.`);
  const raw = bytes.toString("utf8");
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return error(400, "invalid_json", "The body is not valid JSON.");
  }
  const parsed = inventoryBodySchema.safeParse(body);
  if (!parsed.success) {
    return error(
      400,
      "validation",
      "The inventory is not valid; nothing was changed.",
      parsed.error.issues.slice(0, 20).map((i) => ({ path: i.path.join("."), message: i.message })),
    );
  }
  const dup = checkEntries(parsed.data.devices);
  if (dup) return error(400, "validation", dup);
  try {
    const r = await replaceInventoryFromApi(
      integration,
      parsed.data.devices,
      clientIpFrom((n) => req.headers.get(n)),
    );
    return json(200, {
      total: r.total,
      added: r.added,
      updated: r.updated,
      removed: r.removed,
      unknownOwners: r.unknownOwners,
    });
  } catch (e) {
    if (isAppError(e) && e.expose) return error(e.status, e.code, e.message);
    console.error("[device-api] failed", e);
    return error(500, "internal", "The inventory could not be replaced; nothing was changed.");
  }
}

const notAllowed = () =>
  error(405, "method_not_allowed", "Use PUT to replace the inventory.", undefined, { Allow: "PUT" });
export { notAllowed as GET, notAllowed as POST, notAllowed as PATCH, notAllowed as DELETE };
