// Which database this process runs on, from DATABASE_URL (README "Scale out").
import { env } from "../env";

export type DbProvider = "sqlite" | "postgresql";

export function databaseProvider(): DbProvider {
  return /^postgres(ql)?:\/\//i.test(env().DATABASE_URL) ? "postgresql" : "sqlite";
}
