// Repository: tenant-wide figures for the dashboard and the empty states. Every query here
// stays cheap at 100,000 users and 1,000,000 log rows: counts are index-only scans, and no
// query reads the whole Authentication Log.
import { dbReady } from "./client";
import { databaseProvider } from "./provider";

export async function countTenant() {
  const db = await dbReady();
  const [applications, users, groups, policies, endpoints, admins] = await Promise.all([
    db.application.count(),
    db.user.count({ where: { deletedAt: null } }),
    db.group.count(),
    db.policy.count(),
    db.endpoint.count(),
    db.admin.count(),
  ]);
  return { applications, users, groups, policies, endpoints, admins };
}

/** The text form Prisma stores DateTime in on SQLite ("2026-11-22T08:00:00.000+00:00"). */
export const dbTime = (d: Date) => d.toISOString().replace("Z", "+00:00");

/**
 * A DateTime bound into raw SQL, as the provider compares it with a DateTime column: the text
 * Prisma stores on SQLite, a timestamp (UTC, as Prisma stores it) on PostgreSQL. `k` is the
 * 1-based parameter number (PostgreSQL numbers them; SQLite takes `?` in order).
 */
function timeParam(k: number): string {
  return databaseProvider() === "postgresql" ? `$${k}::timestamp(3)` : "?";
}
const timeArg = (d: Date): Date | string => (databaseProvider() === "postgresql" ? d : dbTime(d));

/**
 * Authentications per result in each [start, end) bucket given by consecutive `bounds`. One
 * statement: a COUNT per (bucket, result) over a range of the covering (result, createdAt,
 * id) index, so no table row is read and nothing is sorted (a GROUP BY on a computed
 * bucket read the same index entries five times slower). Returns counts[result][bucket].
 */
export async function countAuthLogsInBuckets(bounds: Date[]): Promise<Record<string, number[]>> {
  const n = bounds.length - 1;
  const out: Record<string, number[]> = {
    SUCCESS: Array(Math.max(n, 0)).fill(0),
    DENIED: Array(Math.max(n, 0)).fill(0),
    FAILURE: Array(Math.max(n, 0)).fill(0),
  };
  if (n < 1) return out;
  if (n > 400) throw new Error("too many buckets");
  const values = Array.from({ length: n }, (_, i) => `(${i}, ${timeParam(2 * i + 1)}, ${timeParam(2 * i + 2)})`).join(
    ", ",
  );
  const args = Array.from({ length: n }, (_, i) => [timeArg(bounds[i]!), timeArg(bounds[i + 1]!)]).flat();
  const rows = await (
    await dbReady()
  ).$queryRawUnsafe<{ i: bigint | number; result: string; n: bigint | number }[]>(
    `WITH b(i, s, e) AS (VALUES ${values}), r(result) AS (VALUES ('SUCCESS'), ('DENIED'), ('FAILURE'))
     SELECT b.i AS i, r.result AS result,
       (SELECT COUNT(*) FROM "AuthLog" a WHERE a."result" = r.result AND a."createdAt" >= b.s AND a."createdAt" < b.e) AS n
     FROM b, r`,
    ...args,
  );
  for (const r of rows) out[r.result]![Number(r.i)] = Number(r.n);
  return out;
}

/**
 * Users by status and by enrollment, deleted users (the trash) left out: index-only counts
 * on (status, usernameNormalized) and (isEnrolled, usernameNormalized), minus the trash
 * (read through the deletedAt index).
 */
export async function countUsersByStatus(): Promise<{
  byStatus: Record<string, number>;
  enrolled: number;
  notEnrolled: number;
}> {
  const db = await dbReady();
  // The trash is read as rows (it is small); a GROUP BY there would make SQLite walk the status index instead.
  const [all, enrollment, trash] = await Promise.all([
    db.$queryRawUnsafe<{ status: string; n: bigint | number }[]>(
      `SELECT "status", COUNT(*) AS n FROM "User" GROUP BY "status"`,
    ),
    db.$queryRawUnsafe<{ e: bigint | number | boolean; n: bigint | number }[]>(
      `SELECT "isEnrolled" AS e, COUNT(*) AS n FROM "User" GROUP BY "isEnrolled"`,
    ),
    // "> epoch" rather than "IS NOT NULL": SQLite walks the deletedAt index only for a range.
    db.user.findMany({ where: { deletedAt: { gt: new Date(0) } }, select: { status: true, isEnrolled: true } }),
  ]);
  const byStatus: Record<string, number> = {};
  for (const r of all) byStatus[r.status] = (byStatus[r.status] ?? 0) + Number(r.n);
  let enrolled = 0;
  let notEnrolled = 0;
  for (const r of enrollment) {
    if (Number(r.e)) enrolled += Number(r.n);
    else notEnrolled += Number(r.n);
  }
  for (const u of trash) {
    byStatus[u.status] = (byStatus[u.status] ?? 0) - 1;
    if (u.isEnrolled) enrolled -= 1;
    else notEnrolled -= 1;
  }
  return { byStatus, enrolled, notEnrolled };
}
