// Benchmark helpers for the console: a scratch database made from the migrations, and fast
// raw-SQL seeding (batched multi-row INSERTs, 10,000 rows per transaction) of users,
// applications and Authentication Log rows spread over the last 90 days.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createClient, type Client, type InValue } from "@libsql/client";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..", "..");

/** Creates an empty migrated database in a temporary folder and points this process at it. */
export async function scratchDatabase(
  prefix = "portcullis-bench-",
): Promise<{ dir: string; url: string; remove: () => void }> {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  const url = `file:${path.join(dir, "portcullis.db")}`;
  Object.assign(process.env, {
    PORTCULLIS_DATA_DIR: dir,
    DATABASE_URL: url,
    PORTCULLIS_SEAL_KEY: randomBytes(32).toString("base64"),
    NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    PORTCULLIS_BASE_URL: "http://localhost:3000",
  });
  const { runtimeEnv } = await import("../runtime-env.mjs");
  const env = runtimeEnv();
  Object.assign(process.env, env);
  const r = spawnSync(path.join(root, "node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
    cwd: root,
    env,
    stdio: "pipe",
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`prisma migrate deploy failed: ${r.stderr || r.stdout}`);
  return { dir, url, remove: () => rmSync(dir, { recursive: true, force: true }) };
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
  url: string,
  opts: { users: number; applications: number },
  random = rng(1),
): Promise<SeededTenant> {
  const client = createClient({ url });
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
  url: string,
  tenant: SeededTenant,
  opts: { count: number; days: number },
  random = rng(2),
  onProgress?: (done: number) => void,
): Promise<void> {
  const client = createClient({ url });
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
