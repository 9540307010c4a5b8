// The sign_in_assurance migration on a database with live sign-in state: SSO sessions
// written before it (raw cookie values as ids) end cleanly (their rows and participants stay,
// ended), sign-ins in progress are dropped, users and everything else stay as they were, and
// the application reads the migrated rows. This file's database is rebuilt from the older
// migrations of the provider under test before anything opens it.
import { readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { createClient } from "@libsql/client";
import pg from "pg";
import { beforeAll, describe, expect, inject, it } from "vitest";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const provider = inject("portcullisProvider");
const dir = path.join(root, "prisma", "migrations", provider);
const MIGRATION = "sign_in_assurance";
const folders = readdirSync(dir)
  .filter((f) => /^\d{14}_/.test(f))
  .sort();
const mine = folders.findIndex((f) => f.endsWith(`_${MIGRATION}`));
const sql = (folder: string) => readFileSync(path.join(dir, folder, "migration.sql"), "utf8");

const RAW_SESSION = "raw-cookie-value-of-a-session-0000000000000";
const RAW_TX = "raw-cookie-value-of-a-transaction-000000000";
const LIVE_STATE = `
    INSERT INTO "User" ("id","username","usernameNormalized","status","updatedAt") VALUES ('u1','ann','ann','ACTIVE',CURRENT_TIMESTAMP);
    INSERT INTO "SsoSession" ("id","userId","authnInstant","factors","expiresAt") VALUES ('${RAW_SESSION}','u1',CURRENT_TIMESTAMP,'pwd,totp','2999-01-01T00:00:00.000Z');
    INSERT INTO "SsoSession" ("id","userId","authnInstant","factors","expiresAt","endedAt") VALUES ('old-ended','u1',CURRENT_TIMESTAMP,'pwd','2999-01-01T00:00:00.000Z','2020-01-01T00:00:00.000Z');
    INSERT INTO "LoginTransaction" ("id","state","expiresAt") VALUES ('${RAW_TX}','PASSWORD','2999-01-01T00:00:00.000Z');
  `;

/** Runs SQL scripts on this file's own database, emptied first. */
async function freshDatabase(): Promise<{ run: (script: string) => Promise<void>; close: () => Promise<void> }> {
  const url = process.env.DATABASE_URL!;
  if (provider === "postgresql") {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
    return { run: async (script) => void (await client.query(script)), close: () => client.end() };
  }
  const file = url.replace(/^file:/, "");
  rmSync(file, { force: true });
  const db = createClient({ url: `file:${file}` });
  return { run: (script) => db.executeMultiple(script), close: async () => db.close() };
}

beforeAll(async () => {
  expect(mine).toBeGreaterThan(0);
  const db = await freshDatabase();
  try {
    for (const f of folders.slice(0, mine)) await db.run(sql(f));
    await db.run(LIVE_STATE);
    for (const f of folders.slice(mine)) await db.run(sql(f));
  } finally {
    await db.close();
  }
});

describe(`migration ${MIGRATION}`, () => {
  it("ends live sessions (rows kept), drops sign-ins in progress, keeps users; the app reads the rows", async () => {
    const { dbReady } = await import("../lib/db/client");
    const { resolveSsoSession } = await import("../lib/login/session");
    const { loadLogin } = await import("../lib/login/transaction");
    const db = await dbReady();
    const sessions = await db.ssoSession.findMany({ orderBy: { id: "asc" } });
    expect(sessions.map((s) => [s.id, s.factors, s.proofs, s.endedAt instanceof Date])).toEqual([
      ["old-ended", "pwd", "{}", true],
      [RAW_SESSION, "pwd,totp", "{}", true],
    ]);
    expect(sessions.find((s) => s.id === "old-ended")!.endedAt!.toISOString()).toBe("2020-01-01T00:00:00.000Z");
    expect(await db.loginTransaction.count()).toBe(0);
    expect(
      await db.user.findUnique({ where: { id: "u1" }, select: { username: true, sessionsRevokedAt: true } }),
    ).toEqual({ username: "ann", sessionsRevokedAt: null });
    // The old cookie values open nothing.
    expect(await resolveSsoSession(RAW_SESSION)).toBeNull();
    expect(await loadLogin(RAW_TX)).toBeNull();
  });
});
