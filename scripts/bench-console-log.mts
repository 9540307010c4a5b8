// Authentication Log and Dashboard benchmark: a scratch database from the migrations, 100,000
// users, 20 applications and the log rows over 90 days (raw SQL: batched on SQLite, set-based
// on PostgreSQL), then p50/p95 server time of the service functions the pages call (the same
// queries, in process): first page, deep pages by cursor, each filter, combinations, and the
// dashboard queries.
// Usage: npm run bench:console:log [-- <log rows>]            SQLite, 1,000,000 rows by default
//        PORTCULLIS_BENCH_DB=postgresql npm run bench:console:log   PostgreSQL, 10,000,000 by default
import { scratchDatabase, seedAuthLog, seedDirectory, rng } from "./bench/auth-log-seed.mts";
import { benchProvider } from "./bench/database.mts";

const rowsArg = process.argv.slice(2).find((a) => /^\d+$/.test(a));
const ROWS = Math.max(10_000, Number(rowsArg ?? (benchProvider === "postgresql" ? 10_000_000 : 1_000_000)));
const USERS = 100_000;
const LOG_USERS = 1000;
const APPS = 20;
const RUNS = 40;

const db = await scratchDatabase("portcullis-bench-log-");
process.on("exit", db.remove);
console.log(`database: ${db.describe}`);

let t = performance.now();
const tenant = await seedDirectory(db, { users: USERS, applications: APPS });
console.log(
  `seeded ${USERS.toLocaleString("en-US")} users and ${APPS} applications in ${((performance.now() - t) / 1000).toFixed(1)} s`,
);
t = performance.now();
const logTenant = { users: tenant.users.slice(0, LOG_USERS), applications: tenant.applications };
await seedAuthLog(db, logTenant, { count: ROWS, days: 90 }, rng(2), (n) =>
  process.stdout.write(`\rseeding log rows: ${n.toLocaleString("en-US")}`),
);
console.log(
  `\nseeded ${ROWS.toLocaleString("en-US")} Authentication Log rows in ${((performance.now() - t) / 1000).toFixed(1)} s`,
);

const { listAuthenticationLog, authLogFilterOptions } = await import("../lib/services/auth-log.ts");
const { parseAuthLogFilters } = await import("../lib/services/auth-log-filters.ts");
const { getAuthenticationChart, getUserStatusCounts } = await import("../lib/services/dashboard.ts");
const { encodeCursor } = await import("../lib/services/keyset.ts");

const actor = { adminId: "bench", email: "bench@example.com", role: "OWNER" as const };
const r = rng(7);
const pick = <T,>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;

/** Cursor after row number `offset` (newest first), as the page's "Next page" link would carry it. */
async function cursorAt(offset: number, where = "1=1", args: unknown[] = []): Promise<string> {
  const at = db.provider === "postgresql" ? `(extract(epoch from "createdAt") * 1000)::float8` : `"createdAt"`;
  const rows = await db.exec(
    `SELECT "id" AS id, ${at} AS "at" FROM "AuthLog" WHERE ${where} ORDER BY "createdAt" DESC, "id" DESC LIMIT 1 OFFSET ${offset}`,
    args,
  );
  const row = rows[0] as { id: string; at: string | number };
  return encodeCursor({ createdAt: new Date(row.at), id: row.id });
}

const deepCursors = await Promise.all([ROWS * 0.5, ROWS * 0.9, ROWS - 60].map((o) => cursorAt(Math.floor(o))));
const page20000 = await cursorAt(Math.min(20_000 * 50, ROWS) - 50 - 1);
const busyApp = tenant.applications[0]!;
const appDeep = await cursorAt(
  Math.min(200 * 50, Math.floor(ROWS * 0.1)) - 1,
  `"applicationId" = ${db.provider === "postgresql" ? "$1" : "?"}`,
  [busyApp.id],
);
const filters = (q: Record<string, string>) => parseAuthLogFilters(q).query;
const day = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 16);

const { pingDatabase } = await import("../lib/db/throttle.ts");

type Scenario = { name: string; run: () => Promise<unknown> };
const scenarios: Scenario[] = [
  // The floor on this machine in this run: one round trip through Prisma that does no work.
  { name: "baseline: SELECT 1 through Prisma", run: () => pingDatabase() },
  { name: "first page (no filter)", run: () => listAuthenticationLog(actor, {}) },
  { name: "page 20,000 (cursor, row 1,000,000)", run: () => listAuthenticationLog(actor, { cursor: page20000 }) },
  {
    name: "deep pages (cursors at 50% / 90% / end)",
    run: () => listAuthenticationLog(actor, { cursor: pick(deepCursors) }),
  },
  {
    name: "filter: user (username)",
    run: () => listAuthenticationLog(actor, { query: filters({ user: pick(logTenant.users).username }) }),
  },
  {
    name: "filter: user typed, unknown (as typed)",
    run: () => listAuthenticationLog(actor, { query: filters({ user: `nobody${Math.floor(r() * 5000)}` }) }),
  },
  {
    name: "filter: application",
    run: () => listAuthenticationLog(actor, { query: filters({ application: pick(tenant.applications).id }) }),
  },
  {
    name: "filter: application, page 200",
    run: () => listAuthenticationLog(actor, { query: filters({ application: busyApp.id }), cursor: appDeep }),
  },
  {
    name: "filter: result (denied / failure)",
    run: () => listAuthenticationLog(actor, { query: filters({ result: pick(["denied", "failure"]) }) }),
  },
  {
    name: "filter: reason (rare: replayed_request)",
    run: () =>
      listAuthenticationLog(actor, {
        query: filters({ reason: pick(["replayed_request", "bad_signature", "locked_out"]) }),
      }),
  },
  {
    name: "filter: time range (last 7 days)",
    run: () => listAuthenticationLog(actor, { query: filters({ range: "7d" }) }),
  },
  {
    name: "filter: custom range (1 day, 45 days ago)",
    run: () =>
      listAuthenticationLog(actor, {
        query: filters({ range: "custom", from: iso(Date.now() - 45 * day), to: iso(Date.now() - 44 * day) }),
      }),
  },
  {
    name: "filter: user + result",
    run: () =>
      listAuthenticationLog(actor, {
        query: filters({ user: pick(logTenant.users.slice(0, 50)).username, result: "failure" }),
      }),
  },
  {
    name: "filter: application + reason + 30 days",
    run: () =>
      listAuthenticationLog(actor, {
        query: filters({ application: pick(tenant.applications).id, reason: "locked_out", range: "30d" }),
      }),
  },
  {
    name: "filter: result + custom range",
    run: () =>
      listAuthenticationLog(actor, {
        query: filters({
          result: "denied",
          range: "custom",
          from: iso(Date.now() - 60 * day),
          to: iso(Date.now() - 59 * day),
        }),
      }),
  },
  { name: "filter options (apps + reasons present)", run: () => authLogFilterOptions(actor) },
  { name: "dashboard: chart last 24 hours (hourly)", run: () => getAuthenticationChart(actor, "24h") },
  { name: "dashboard: chart last 7 days (6-hourly)", run: () => getAuthenticationChart(actor, "7d") },
  { name: "dashboard: chart last 30 days (daily)", run: () => getAuthenticationChart(actor, "30d") },
  { name: "dashboard: users by status (100k users)", run: () => getUserStatusCounts(actor) },
];
console.log(`\n${ROWS.toLocaleString("en-US")} log rows on ${db.provider}`);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

// PostgreSQL: the server's own execution time per call (pg_stat_statements), beside the wall
// clock of the whole call (Prisma, driver, network, and this shared machine's scheduling).
const serverTime = db.provider === "postgresql";
if (serverTime) await db.exec("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
console.log(
  `\n${"scenario".padEnd(46)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)}${serverTime ? "  server ms/call" : ""}  rows`,
);
let worstLog = 0;
for (const s of scenarios) {
  for (let i = 0; i < 3; i++) await s.run();
  if (serverTime) await db.exec("SELECT pg_stat_statements_reset()");
  const times: number[] = [];
  let rows = 0;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const out = (await s.run()) as { rows?: unknown[] };
    times.push(performance.now() - t0);
    rows = out?.rows?.length ?? rows;
  }
  const p95 = pct(times, 95);
  if (!/^(dashboard|filter options|baseline)/.test(s.name)) worstLog = Math.max(worstLog, p95);
  let server = "";
  if (serverTime) {
    const [row] = await db.exec(
      `SELECT coalesce(sum(total_exec_time), 0)::float8 AS ms FROM pg_stat_statements
        WHERE query NOT ILIKE '%pg_stat_statements%' AND dbid = (SELECT oid FROM pg_database WHERE datname = current_database())`,
    );
    server = `  ${(Number(row!.ms) / RUNS).toFixed(2).padStart(14)}`;
  }
  console.log(
    `${s.name.padEnd(46)} ${pct(times, 50).toFixed(1).padStart(8)} ${p95.toFixed(1).padStart(8)}${server}  ${rows || ""}`,
  );
}
console.log(
  `\nworst log listing p95: ${worstLog.toFixed(1)} ms (target < 150 ms) — ${worstLog < 150 ? "OK" : "OVER TARGET"}`,
);
process.exit(worstLog < 150 ? 0 : 1);
