// GET|POST /rest/v1/{preauth,auth,status}.bson — the Auth API as libduo 1.x (Debian's login_duo / pam_duo) calls it, in BSON
import { handleLegacyRestV1 } from "@/lib/services/duo-api/auth-api";
import { apiRequest, bsonResponse } from "@/app/_server/duo-api";

export const dynamic = "force-dynamic";

async function handle(req: Request): Promise<Response> {
  const parsed = await apiRequest(req);
  if (!parsed.ok) return bsonResponse(parsed.status, parsed.envelope);
  const { status, envelope } = await handleLegacyRestV1(parsed.request);
  return bsonResponse(status, envelope);
}

export { handle as GET, handle as POST };
