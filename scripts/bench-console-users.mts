// Users list benchmark: seeds 100,000 users in 200 groups (one holds everyone; with aliases, enrollment,
// statuses and last logins) into a scratch database made with the migrations (SQLite, or
// PostgreSQL with PORTCULLIS_BENCH_DB=postgresql), then
// times listUsers (the use case behind /admin/users) for the first page, page 500 (a keyset
// cursor deep in the list), a prefix search, and the status, group and enrollment filters.
// Prints p50/p95 in ms; target p95 < 100 ms.
// Run: npm run bench:console:users   (USERS=… RUNS=… to change the sizes; -- --explain prints
// the query plan of every query first)
import { benchDatabase } from "./bench/database.mts";

const USERS = Math.max(30_000, Number(process.env.USERS ?? 100_000)); // page 500 needs 25,000+
const GROUPS = 200;
const RUNS = Number(process.env.RUNS ?? 40);
process.env.NODE_ENV = "production";
const bench = await benchDatabase("portcullis-bench-users-");
process.on("exit", bench.remove);

const pad = (n: number, w = 6) => String(n).padStart(w, "0");
const STATUSES = [
  "ACTIVE",
  "ACTIVE",
  "ACTIVE",
  "ACTIVE",
  "ACTIVE",
  "ACTIVE",
  "ACTIVE",
  "BYPASS",
  "DISABLED",
  "LOCKED_OUT",
];
const FIRST = [
  "ana",
  "ben",
  "chen",
  "dana",
  "eli",
  "fatima",
  "gus",
  "hana",
  "ivan",
  "jun",
  "kai",
  "lea",
  "mo",
  "nia",
  "omar",
  "pia",
  "quinn",
  "raj",
  "sara",
  "tom",
  "uma",
  "vic",
  "wei",
  "xena",
  "yusuf",
  "zoe",
];

async function seed() {
  const now = Date.now();
  const created = new Date(now);
  const groupIds: string[] = [];
  const groupRows: unknown[][] = [];
  for (let g = 0; g < GROUPS; g++) {
    const id = `grp${pad(g, 4)}`;
    groupIds.push(id);
    const name = g === 0 ? "All Users" : `Group ${pad(g, 3)}`;
    groupRows.push([id, name, name.toLowerCase(), "ACTIVE", created, created]);
  }
  await bench.insert("Group", ["id", "name", "nameNormalized", "status", "createdAt", "updatedAt"], groupRows);
  const CHUNK = 2000;
  for (let start = 0; start < USERS; start += CHUNK) {
    const users: unknown[][] = [];
    const members: unknown[][] = [];
    const aliases: unknown[][] = [];
    for (let i = start; i < Math.min(USERS, start + CHUNK); i++) {
      const id = `usr${pad(i, 7)}`;
      const first = FIRST[i % FIRST.length]!;
      const username = `${first}.${pad(i)}`;
      const email = `${first}.${pad(i)}@corp${i % 7}.example.com`;
      const lastLogin = i % 4 === 0 ? null : new Date(now - ((i * 7919) % (90 * 86_400_000)));
      users.push([
        id,
        username,
        username,
        email,
        email,
        `${first[0]!.toUpperCase()}${first.slice(1)} ${pad(i)}`,
        STATUSES[i % 10],
        lastLogin,
        i % 3 !== 0,
        created,
        created,
      ]);
      // Group 0 holds everyone; each user is also in one of the other 199, every fifth in two.
      members.push([groupIds[0], id, created], [groupIds[1 + (i % (GROUPS - 1))], id, created]);
      if (i % 5 === 0) members.push([groupIds[1 + ((i * 31 + 7) % (GROUPS - 1))], id, created]);
      if (i % 10 === 0) aliases.push([`als${pad(i, 7)}`, id, `x${pad(i)}`, `x${pad(i)}`]);
    }
    await bench.insert(
      "User",
      [
        "id",
        "username",
        "usernameNormalized",
        "email",
        "emailNormalized",
        "realName",
        "status",
        "lastLoginAt",
        "isEnrolled",
        "createdAt",
        "updatedAt",
      ],
      users,
    );
    await bench.insert("GroupMember", ["groupId", "userId", "addedAt"], members, { ignoreConflicts: true });
    if (aliases.length) await bench.insert("UserAlias", ["id", "userId", "alias", "aliasNormalized"], aliases);
  }
  await bench.analyze();
  return groupIds;
}

const EXPLAIN = process.argv.includes("--explain");
const captured: { sql: string; params: unknown[] }[] = [];

/** With --explain: a client that records its SQL, installed where lib/db/client.ts looks for one. */
async function captureQueries() {
  const client =
    bench.provider === "postgresql"
      ? new (await import("../lib/db/generated/postgresql/client.ts")).PrismaClient({
          adapter: new (await import("@prisma/adapter-pg")).PrismaPg({ connectionString: bench.url }),
          log: [{ emit: "event", level: "query" }],
        })
      : new (await import("../lib/db/generated/sqlite/client.ts")).PrismaClient({
          adapter: new (await import("@prisma/adapter-libsql")).PrismaLibSQL({ url: bench.url }),
          log: [{ emit: "event", level: "query" }],
        });
  client.$on("query", (e: { query: string; params: string }) => {
    if (!e.query.startsWith("EXPLAIN")) captured.push({ sql: e.query, params: JSON.parse(e.params) as unknown[] });
  });
  Object.assign(globalThis, { portcullisDb: client, portcullisDbReady: Promise.resolve() });
}

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
  return { p50: q(50), p95: q(95), max: s[s.length - 1]! };
}

async function main() {
  const t0 = performance.now();
  console.log(`database: ${bench.describe}`);
  const groupIds = await seed();
  console.log(
    `seeded ${USERS.toLocaleString("en-US")} users in ${GROUPS} groups in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );

  if (EXPLAIN) await captureQueries();
  const { listUsers, encodeUserCursor, PAGE_SIZE } = await import("../lib/services/users/list-users.ts");
  const actor = { adminId: "bench", email: "bench@example.com", role: "READ_ONLY" as const };
  // Page 500 directly: the cursor of the row that ends page 499 (usernames are zero-padded, so the order is known).
  const sorted = Array.from({ length: USERS }, (_, i) => `${FIRST[i % FIRST.length]}.${pad(i)}`).sort();
  const deep = sorted[499 * PAGE_SIZE - 1]!;
  const page500 = encodeUserCursor("username", { usernameNormalized: deep, status: "", lastLoginAt: null, id: "" });
  const firstOf500 = (await listUsers(actor, { cursor: page500 })).rows[0]?.username;
  if (firstOf500 !== sorted[499 * PAGE_SIZE])
    throw new Error(`page 500 starts at ${firstOf500}, expected ${sorted[499 * PAGE_SIZE]}`);

  const cases: [string, Record<string, string>][] = [
    ["first page", {}],
    ["page 500 (keyset)", { cursor: page500 }],
    ["prefix search 'chen.01'", { q: "chen.01" }],
    ["prefix search 'x0012' (alias)", { q: "x0012" }],
    ["status filter Locked Out", { status: "LOCKED_OUT" }],
    ["group filter (~600 members)", { group: groupIds[42]! }],
    ["group filter (All Users: everyone)", { group: groupIds[0]! }],
    ["enrollment: not enrolled", { enrollment: "not_enrolled" }],
    ["sort last login, newest", { sort: "lastLogin", dir: "desc" }],
  ];
  if (EXPLAIN) {
    // The plan of each query a case runs: on SQLite every step should SEARCH an index, none SCAN a table.
    const { dbReady } = await import("../lib/db/client.ts");
    const db = await dbReady();
    for (const [name, query] of cases) {
      captured.length = 0;
      await listUsers(actor, query);
      console.log(`\n${name}:`);
      for (const q of [...captured]) {
        console.log(`  ${q.sql.replace(/SELECT .*? FROM/, "SELECT … FROM").slice(0, 160)}`);
        if (bench.provider === "postgresql") {
          const plan = (await db.$queryRawUnsafe(`EXPLAIN ${q.sql}`, ...q.params)) as { "QUERY PLAN": string }[];
          for (const p of plan) console.log(`    ${p["QUERY PLAN"]}`);
        } else {
          const plan = (await db.$queryRawUnsafe(`EXPLAIN QUERY PLAN ${q.sql}`, ...q.params)) as { detail: string }[];
          for (const p of plan) console.log(`    ${p.detail}`);
        }
      }
    }
    captured.length = 0;
  }
  const results: Record<string, ReturnType<typeof stats> & { rows: number }> = {};
  // Warm-up: JIT, Prisma's query plans and SQLite's page cache, for every case.
  for (let i = 0; i < 5; i++) for (const [, query] of cases) await listUsers(actor, query);
  for (const [name, query] of cases) {
    const rows = (await listUsers(actor, query)).rows.length;
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      await listUsers(actor, query);
      times.push(performance.now() - t);
    }
    results[name] = { ...stats(times), rows };
  }
  console.log(`\nlistUsers, ${RUNS} runs each (ms):`);
  for (const [name, r] of Object.entries(results))
    console.log(
      `  ${name.padEnd(34)} p50 ${r.p50.toFixed(1).padStart(6)}  p95 ${r.p95.toFixed(1).padStart(6)}  max ${r.max.toFixed(1).padStart(6)}  rows ${r.rows}`,
    );
  const worst = Math.max(...Object.values(results).map((r) => r.p95));
  console.log(`\nworst p95 ${worst.toFixed(1)} ms (target < 100 ms): ${worst < 100 ? "OK" : "TOO SLOW"}`);
  process.exit(worst < 100 ? 0 : 1);
}

await main();
