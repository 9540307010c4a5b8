// Users CSV import benchmark: a scratch database (SQLite, or PostgreSQL with
// PORTCULLIS_BENCH_DB=postgresql) with an existing directory
// (BENCH_EXISTING users, default 100,000, in 200 groups), then a 10,000-user CSV (email, real
// name, 2 aliases, 2 groups, status) is previewed and imported through the same service the
// console uses. Prints the time of each step. Target: the import finishes well under 30 s.
// Run: npm run bench:console:import   (BENCH_ROWS and BENCH_EXISTING change the sizes)
import { benchDatabase } from "./bench/database.mts";

const ROWS = Number(process.env.BENCH_ROWS ?? 10_000);
const EXISTING = Number(process.env.BENCH_EXISTING ?? 100_000);
const GROUPS = 200;
process.env.NODE_ENV = "production";
const bench = await benchDatabase("portcullis-bench-import-");

const ms = (t0: number) => performance.now() - t0;
const s = (n: number) => `${(n / 1000).toFixed(2)} s`;

try {
  console.log(`database: ${bench.describe}`);
  const { dbReady } = await import("../lib/db/client.ts");
  const { insertAdmin } = await import("../lib/db/admins.ts");
  const { previewUserImport, commitUserImport } = await import("../lib/services/users/csv-import.ts");
  const db = await dbReady();

  // The existing directory, written directly (this is not what is measured).
  let t0 = performance.now();
  const admin = await insertAdmin({ email: "bench@example.com", name: "Bench", role: "OWNER", passwordHash: "x" });
  const actor = { adminId: admin.id, email: admin.email, role: "OWNER" as const, ip: null };
  await db.group.createMany({
    data: Array.from({ length: GROUPS }, (_, i) => ({ id: `g${i}`, name: `Group ${i}`, nameNormalized: `group ${i}` })),
  });
  for (let i = 0; i < EXISTING; i += 5000) {
    const n = Math.min(5000, EXISTING - i);
    await db.user.createMany({
      data: Array.from({ length: n }, (_, k) => ({
        id: `u${i + k}`,
        username: `existing${i + k}`,
        usernameNormalized: `existing${i + k}`,
        email: `existing${i + k}@corp.example`,
        emailNormalized: `existing${i + k}@corp.example`,
      })),
    });
    await db.userAlias.createMany({
      data: Array.from({ length: n }, (_, k) => ({
        id: `a${i + k}`,
        userId: `u${i + k}`,
        alias: `ex${i + k}`,
        aliasNormalized: `ex${i + k}`,
      })),
    });
    await db.groupMember.createMany({
      data: Array.from({ length: n }, (_, k) => ({ groupId: `g${(i + k) % GROUPS}`, userId: `u${i + k}` })),
    });
  }
  console.log(`seeded ${EXISTING.toLocaleString("en-US")} existing users in ${GROUPS} groups: ${s(ms(t0))}`);

  const lines = ["username,email,realname,aliases,groups,status"];
  const statuses = ["Active", "Bypass", "Disabled", ""];
  for (let i = 0; i < ROWS; i++) {
    lines.push(
      `imported${i},imported${i}@corp.example,"Imported, User ${i}",imp${i}a;imp${i}b,Group ${i % GROUPS};Group ${(i + 7) % GROUPS},${statuses[i % 4]}`,
    );
  }
  const bytes = new TextEncoder().encode(lines.join("\r\n") + "\r\n");
  console.log(`CSV: ${ROWS.toLocaleString("en-US")} rows, ${(bytes.byteLength / 1024 / 1024).toFixed(2)} MB`);

  t0 = performance.now();
  const preview = await previewUserImport(actor, { name: "bench.csv", bytes });
  const previewMs = ms(t0);
  if (!preview.token || preview.counts.create !== ROWS)
    throw new Error(
      `unexpected preview: ${JSON.stringify(preview.counts)} ${JSON.stringify(preview.rows.slice(0, 3))}`,
    );
  console.log(`preview (parse + check every row against the directory): ${s(previewMs)}`);

  t0 = performance.now();
  const result = await commitUserImport(actor, preview.token, preview.sha256);
  const commitMs = ms(t0);
  if (!result.ok || result.created !== ROWS) throw new Error(`unexpected result: ${JSON.stringify(result)}`);
  console.log(`import (re-check + one transaction, batched inserts): ${s(commitMs)}`);

  const [users, aliases, members] = await Promise.all([
    db.user.count({ where: { usernameNormalized: { startsWith: "imported" }, isEnrolled: false } }),
    db.userAlias.count({ where: { aliasNormalized: { startsWith: "imp" } } }),
    db.groupMember.count({ where: { user: { usernameNormalized: { startsWith: "imported" } } } }),
  ]);
  console.log(
    `written: ${users.toLocaleString("en-US")} users, ${aliases.toLocaleString("en-US")} aliases, ${members.toLocaleString("en-US")} memberships`,
  );
  const total = previewMs + commitMs;
  console.log(
    `TOTAL preview + import of ${ROWS.toLocaleString("en-US")} users: ${s(total)} (target < 30 s) ${total < 30_000 ? "OK" : "TOO SLOW"}`,
  );
  await db.$disconnect();
  process.exitCode = total < 30_000 ? 0 : 1;
} finally {
  await bench.close();
  bench.remove();
}
