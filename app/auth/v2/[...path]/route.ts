// GET|POST /auth/v2/… — Duo Auth API: ping, check, preauth, auth, auth_status (lib/services/duo-api/auth-api.ts)
import { handleAuthApiV2 } from "@/lib/services/duo-api/auth-api";
import { apiRequest, jsonResponse } from "@/app/_server/duo-api";

export const dynamic = "force-dynamic";

async function handle(req: Request): Promise<Response> {
  const parsed = await apiRequest(req);
  if (!parsed.ok) return jsonResponse(parsed.status, parsed.envelope);
  const { status, envelope } = await handleAuthApiV2(parsed.request);
  return jsonResponse(status, envelope);
}

export { handle as GET, handle as POST, handle as PUT, handle as DELETE };
