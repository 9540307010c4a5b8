// GET|POST|DELETE /admin/v1/… — Duo Admin API (lib/services/duo-api/admin-api.ts)
import { handleAdminApi } from "@/lib/services/duo-api/admin-api";
import { apiRequest, jsonResponse } from "@/app/_server/duo-api";

export const dynamic = "force-dynamic";

async function handle(req: Request): Promise<Response> {
  const parsed = await apiRequest(req);
  if (!parsed.ok) return jsonResponse(parsed.status, parsed.envelope);
  const { status, envelope } = await handleAdminApi(parsed.request);
  return jsonResponse(status, envelope);
}

export { handle as GET, handle as POST, handle as PUT, handle as DELETE, handle as PATCH };
