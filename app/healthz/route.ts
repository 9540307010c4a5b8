// GET /healthz — liveness and database reachability, for load balancers and the test runner
import { checkHealth } from "@/lib/services/health";

export const dynamic = "force-dynamic";

export async function GET() {
  const health = await checkHealth();
  return Response.json(health, { status: health.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
