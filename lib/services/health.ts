// Liveness and database reachability for GET /healthz.
import { pingDatabase } from "../db/throttle";

export async function checkHealth(): Promise<{ ok: boolean; database: "ok" | "unreachable" }> {
  try {
    await pingDatabase();
    return { ok: true, database: "ok" };
  } catch {
    return { ok: false, database: "unreachable" };
  }
}
