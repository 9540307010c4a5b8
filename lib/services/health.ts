// Liveness and database reachability for GET /healthz.
import { pingDatabase } from "../db/throttle";

export type Health = {
  ok: boolean;
  database: "ok" | "unreachable";
  /** Which worker of the server answered (1..PORTCULLIS_WORKERS; null: a single-process server). */
  worker: number | null;
};

export async function checkHealth(): Promise<Health> {
  const index = Number(process.env.PORTCULLIS_WORKER_INDEX);
  const worker = Number.isInteger(index) && index > 0 ? index : null;
  try {
    await pingDatabase();
    return { ok: true, database: "ok", worker };
  } catch {
    return { ok: false, database: "unreachable", worker };
  }
}
