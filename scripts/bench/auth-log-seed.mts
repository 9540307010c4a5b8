// Benchmark helpers for the console: a scratch database made from the migrations, and fast
// raw-SQL seeding of users, applications and Authentication Log rows spread over the last 90
// days. SQLite: batched multi-row INSERTs, 10,000 rows per transaction. PostgreSQL: set-based
// INSERT … SELECT FROM generate_series (the rows are made by the server, a million per
// statement), the AuthLog indexes dropped during the load and built once after it.
import { randomBytes } from "node:crypto";
import { createClient, type Client, type InValue } from "@libsql/client";
import { benchDatabase, type BenchDb } from "./database.mts";

/** Creates an empty migrated database (SQLite, or PostgreSQL with PORTCULLIS_BENCH_DB=postgresql) and points this process at it. */
export async function scratchDatabase(prefix = "portcullis-bench-"): Promise<BenchDb> {
  return benchDatabase(prefix);
}

/** Prisma's stored DateTime text on SQLite. */
const dbTime = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");

const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";
/** A cuid-shaped id (25 characters, starts with "c"). */
function fakeCuid(): string {
  const b = randomBytes(24);
  let s = "c";
  for (let i = 0; i < 24; i++) s += ALPHABET[b[i]! % 36];
  return s;
}

/** Deterministic pseudo-random numbers (mulberry32), so runs are comparable. */
export function rng(seed = 42) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function insertRows(
  client: Client,
  table: string,
  columns: string[],
  rows: InValue[][],
  perStatement = 200,
  perTransaction = 10_000,
) {
  const cols = columns.map((c) => `"${c}"`).join(", ");
  const one = `(${columns.map(() => "?").join(", ")})`;
  for (let t = 0; t < rows.length; t += perTransaction) {
    const chunk = rows.slice(t, t + perTransaction);
    const stmts = [];
    for (let i = 0; i < chunk.length; i += perStatement) {
      const part = chunk.slice(i, i + perStatement);
      stmts.push({
        sql: `INSERT INTO "${table}" (${cols}) VALUES ${part.map(() => one).join(", ")}`,
        args: part.flat(),
      });
    }
    await client.batch(stmts, "write");
  }
}

export type SeededTenant = { users: { id: string; username: string }[]; applications: { id: string; name: string }[] };

/** Users (statuses, enrollment, a few in the trash) and SAML applications. */
export async function seedDirectory(
  db: BenchDb,
  opts: { users: number; applications: number },
  random = rng(1),
): Promise<SeededTenant> {
  if (db.provider === "postgresql") return seedDirectoryPg(db, opts);
  const client = createClient({ url: db.url });
  await client.execute("PRAGMA journal_mode = WAL");
  await client.execute("PRAGMA synchronous = OFF");
  const now = Date.now();
  const users: { id: string; username: string }[] = [];
  const userRows: InValue[][] = [];
  for (let i = 0; i < opts.users; i++) {
    const id = fakeCuid();
    const username = `user${String(i).padStart(6, "0")}`;
    users.push({ id, username });
    const p = random();
    const status = p < 0.9 ? "ACTIVE" : p < 0.94 ? "BYPASS" : p < 0.98 ? "DISABLED" : "LOCKED_OUT";
    const deletedAt = random() < 0.005 ? dbTime(now - 86_400_000) : null;
    userRows.push([
      id,
      username,
      username,
      `${username}@bench.example.com`,
      `${username}@bench.example.com`,
      `Bench User ${i}`,
      status,
      random() < 0.8 ? 1 : 0,
      deletedAt,
      dbTime(now),
      dbTime(now),
    ]);
  }
  await insertRows(
    client,
    "User",
    [
      "id",
      "username",
      "usernameNormalized",
      "email",
      "emailNormalized",
      "realName",
      "status",
      "isEnrolled",
      "deletedAt",
      "createdAt",
      "updatedAt",
    ],
    userRows,
  );
  const applications = Array.from({ length: opts.applications }, (_, i) => ({
    id: fakeCuid(),
    name: `Bench application ${String(i + 1).padStart(2, "0")}`,
  }));
  await insertRows(
    client,
    "Application",
    ["id", "key", "name", "spEntityId", "createdAt", "updatedAt"],
    applications.map((a, i) => [
      a.id,
      `DIBENCH${String(i).padStart(13, "0")}`,
      a.name,
      `https://sp${i}.bench.example.com/metadata`,
      dbTime(now),
      dbTime(now),
    ]),
  );
  client.close();
  return { users, applications };
}

// Result/reason mix: mostly successes, some denials and failures, a long tail of SAML refusals.
const OUTCOMES: { w: number; result: string; reason: string; factor: string | null; user: boolean }[] = [
  { w: 50, result: "SUCCESS", reason: "valid_password", factor: "password", user: true },
  { w: 20, result: "SUCCESS", reason: "sso_session", factor: "sso_session", user: true },
  { w: 8, result: "SUCCESS", reason: "valid_passcode", factor: "totp", user: true },
  { w: 3, result: "SUCCESS", reason: "user_marked_bypass", factor: "password", user: true },
  { w: 2, result: "SUCCESS", reason: "logout", factor: null, user: true },
  { w: 6, result: "FAILURE", reason: "invalid_password", factor: "password", user: true },
  { w: 2, result: "FAILURE", reason: "unknown_user", factor: "password", user: false },
  { w: 2, result: "FAILURE", reason: "invalid_passcode", factor: "totp", user: true },
  { w: 2, result: "DENIED", reason: "user_disabled", factor: "password", user: true },
  { w: 1.5, result: "DENIED", reason: "user_not_in_permitted_group", factor: "password", user: true },
  { w: 1, result: "DENIED", reason: "locked_out", factor: "password", user: true },
  { w: 0.5, result: "DENIED", reason: "policy_denied", factor: "password", user: true },
  { w: 0.5, result: "FAILURE", reason: "unregistered_acs", factor: null, user: false },
  { w: 0.3, result: "FAILURE", reason: "stale_request", factor: null, user: false },
  { w: 0.1, result: "FAILURE", reason: "replayed_request", factor: null, user: false },
  { w: 0.1, result: "FAILURE", reason: "bad_signature", factor: null, user: false },
];
const TOTAL_W = OUTCOMES.reduce((s, o) => s + o.w, 0);

const USER_AGENTS = [
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
  "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
  "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
];

/**
 * `count` log rows, oldest first, evenly spread over `days` days up to now with jitter; about
 * 1 in 100 shares the previous row's timestamp exactly (keyset ties). Users and applications
 * are picked with a skew (a few busy ones), as in a real tenant.
 */
export async function seedAuthLog(
  db: BenchDb,
  tenant: SeededTenant,
  opts: { count: number; days: number },
  random = rng(2),
  onProgress?: (done: number) => void,
): Promise<void> {
  if (db.provider === "postgresql") return seedAuthLogPg(db, tenant, opts, onProgress);
  const client = createClient({ url: db.url });
  await client.execute("PRAGMA journal_mode = WAL");
  await client.execute("PRAGMA synchronous = OFF");
  // Bulk load without the six AuthLog indexes, then build them once from sorted data (the
  // same CREATE INDEX statements the migrations ran, read back from sqlite_master).
  const indexes = (
    await client.execute(
      `SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'AuthLog' AND sql IS NOT NULL`,
    )
  ).rows.map((r) => String(r.sql));
  const names = (
    await client.execute(
      `SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'AuthLog' AND sql IS NOT NULL`,
    )
  ).rows.map((r) => String(r.name));
  for (const name of names) await client.execute(`DROP INDEX "${name}"`);
  const end = Date.now();
  const start = end - opts.days * 86_400_000;
  const step = (end - start) / opts.count;
  const columns = [
    "id",
    "createdAt",
    "userId",
    "username",
    "applicationId",
    "applicationName",
    "result",
    "reason",
    "factor",
    "ip",
    "userAgent",
    "endpointId",
    "detail",
  ];
  const batch = 50_000;
  let prev = start;
  for (let done = 0; done < opts.count; done += batch) {
    const rows: InValue[][] = [];
    for (let i = done; i < Math.min(done + batch, opts.count); i++) {
      const at = random() < 0.01 ? prev : Math.min(end - 1, Math.floor(start + i * step + random() * step));
      prev = at;
      let pick = random() * TOTAL_W;
      const o = OUTCOMES.find((x) => (pick -= x.w) < 0) ?? OUTCOMES[0]!;
      const user = tenant.users[Math.floor(Math.pow(random(), 2) * tenant.users.length)]!;
      const app = tenant.applications[Math.floor(Math.pow(random(), 1.5) * tenant.applications.length)]!;
      const ip = `198.51.${Math.floor(random() * 256)}.${Math.floor(random() * 256)}`;
      const username = o.user
        ? user.username
        : o.reason === "unknown_user"
          ? `nobody${Math.floor(random() * 5000)}`
          : null;
      rows.push([
        fakeCuid(),
        dbTime(at),
        o.user ? user.id : null,
        username,
        app.id,
        app.name,
        o.result,
        o.reason,
        o.factor,
        ip,
        USER_AGENTS[Math.floor(random() * USER_AGENTS.length)]!,
        null,
        o.user ? null : JSON.stringify({ reference: randomBytes(4).toString("hex") }),
      ]);
    }
    await insertRows(client, "AuthLog", columns, rows, 100, 10_000);
    onProgress?.(Math.min(done + batch, opts.count));
  }
  for (const sql of indexes) await client.execute(sql);
  await client.execute("PRAGMA wal_checkpoint(TRUNCATE)");
  client.close();
}

// ---------------------------------------------------------------- PostgreSQL: set-based

/** A UTC epoch-milliseconds expression as the timestamp(3) Prisma stores. */
const pgTime = (msExpr: string) => `(to_timestamp((${msExpr}) / 1000.0) AT TIME ZONE 'UTC')`;

async function seedDirectoryPg(db: BenchDb, opts: { users: number; applications: number }): Promise<SeededTenant> {
  const now = Date.now();
  await db.exec("SELECT setseed(0.1)");
  await db.exec(
    `INSERT INTO "User" ("id", "username", "usernameNormalized", "email", "emailNormalized", "realName", "status",
                         "isEnrolled", "deletedAt", "createdAt", "updatedAt")
     SELECT 'c' || left(md5('user' || i), 24), name, name, name || '@bench.example.com', name || '@bench.example.com',
            'Bench User ' || i,
            CASE WHEN p < 0.9 THEN 'ACTIVE' WHEN p < 0.94 THEN 'BYPASS' WHEN p < 0.98 THEN 'DISABLED' ELSE 'LOCKED_OUT' END,
            random() < 0.8,
            CASE WHEN random() < 0.005 THEN ${pgTime(`$2::float8 - 86400000`)} END,
            ${pgTime("$2::float8")}, ${pgTime("$2::float8")}
       FROM (SELECT i, 'user' || lpad(i::text, 6, '0') AS name, random() AS p FROM generate_series(0, $1::int - 1) i) s`,
    [opts.users, now],
  );
  const applications = Array.from({ length: opts.applications }, (_, i) => ({
    id: fakeCuid(),
    name: `Bench application ${String(i + 1).padStart(2, "0")}`,
  }));
  await db.insert(
    "Application",
    ["id", "key", "name", "spEntityId", "createdAt", "updatedAt"],
    applications.map((a, i) => [
      a.id,
      `DIBENCH${String(i).padStart(13, "0")}`,
      a.name,
      `https://sp${i}.bench.example.com/metadata`,
      new Date(now),
      new Date(now),
    ]),
  );
  await db.exec(`VACUUM (ANALYZE) "User"`);
  const users = (await db.exec(`SELECT "id", "username" FROM "User" ORDER BY "username"`)) as {
    id: string;
    username: string;
  }[];
  return { users, applications };
}

async function seedAuthLogPg(
  db: BenchDb,
  tenant: SeededTenant,
  opts: { count: number; days: number },
  onProgress?: (done: number) => void,
): Promise<void> {
  // Bulk load without the AuthLog indexes (primary key included); then build each once.
  const indexes = (await db.exec(
    `SELECT indexname::text AS name, indexdef::text AS def FROM pg_indexes
      WHERE schemaname = 'public' AND tablename = 'AuthLog' AND indexname <> 'AuthLog_pkey'`,
  )) as { name: string; def: string }[];
  for (const i of indexes) await db.exec(`DROP INDEX "${i.name}"`);
  await db.exec(`ALTER TABLE "AuthLog" DROP CONSTRAINT "AuthLog_pkey"`);

  const end = Date.now();
  const start = end - opts.days * 86_400_000;
  const step = (end - start) / opts.count;
  // Outcomes as cumulative weight ranges; the row's first random number picks one.
  let acc = 0;
  const outcomes = OUTCOMES.map((o) => {
    const lo = acc;
    acc += o.w / TOTAL_W;
    const q = (v: string | null) => (v === null ? "NULL::text" : `'${v}'`);
    return `(${lo}::float8, ${acc}::float8, ${q(o.result)}, ${q(o.reason)}, ${q(o.factor)}, ${o.user})`;
  });
  // Row i's time: evenly spread with a jitter that is a hash of i (so row i-1's is known too);
  // about 1 in 100 rows takes the previous row's time exactly (keyset ties).
  const frac = (i: string) => `((abs(hashint8(${i})) % 1000000) / 1000000.0)`;
  const at = (i: string) => `least($4::float8 - 1, floor($3::float8 + (${i}) * $5::float8 + ${frac(i)} * $5::float8))`;
  const sql = `
    INSERT INTO "AuthLog" ("id", "createdAt", "userId", "username", "applicationId", "applicationName", "result",
                           "reason", "factor", "ip", "userAgent", "endpointId", "detail")
    SELECT 'c' || left(md5('log' || s.i), 24),
           ${pgTime(`CASE WHEN s.i > 0 AND abs(hashint8(s.i * 7919 + 13)) % 100 = 0 THEN ${at("s.i - 1")} ELSE ${at("s.i")} END`)},
           CASE WHEN o.has_user THEN ($6::text[])[s.ui] END,
           CASE WHEN o.has_user THEN ($7::text[])[s.ui]
                WHEN o.reason = 'unknown_user' THEN 'nobody' || floor(s.r4 * 5000)::int END,
           ($8::text[])[s.ai], ($9::text[])[s.ai], o.result, o.reason, o.factor,
           '198.51.' || floor(s.r5 * 256)::int || '.' || floor(s.r6 * 256)::int,
           ($10::text[])[1 + floor(s.r7 * ${USER_AGENTS.length})::int],
           NULL,
           CASE WHEN NOT o.has_user THEN json_build_object('reference', left(md5('ref' || s.i), 8))::text END
      FROM (SELECT i, random() AS r1,
                   1 + floor(power(random(), 2) * ${tenant.users.length})::int AS ui,
                   1 + floor(power(random(), 1.5) * ${tenant.applications.length})::int AS ai,
                   random() AS r4, random() AS r5, random() AS r6, random() AS r7
              FROM generate_series($1::bigint, $2::bigint - 1) i) s
      JOIN (VALUES ${outcomes.join(", ")}) AS o(lo, hi, result, reason, factor, has_user)
        ON s.r1 >= o.lo AND (s.r1 < o.hi OR o.hi >= 0.999999999)`;
  await db.exec("SELECT setseed(0.2)");
  const chunk = 1_000_000;
  for (let done = 0; done < opts.count; done += chunk) {
    const upto = Math.min(done + chunk, opts.count);
    await db.exec(sql, [
      done,
      upto,
      start,
      end,
      step,
      tenant.users.map((u) => u.id),
      tenant.users.map((u) => u.username),
      tenant.applications.map((a) => a.id),
      tenant.applications.map((a) => a.name),
      USER_AGENTS,
    ]);
    onProgress?.(upto);
  }
  await db.exec(`ALTER TABLE "AuthLog" ADD CONSTRAINT "AuthLog_pkey" PRIMARY KEY ("id")`);
  for (const i of indexes) await db.exec(i.def);
  await db.exec(`VACUUM (ANALYZE) "AuthLog"`);
}
