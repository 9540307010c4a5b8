// The sign_in_assurance migration on a database with live sign-in state: SSO sessions
// written before it (raw cookie values as ids) end cleanly (their rows and participants stay,
// ended), sign-ins in progress are dropped, users and everything else stay as they were, and
// the application reads the migrated rows. This file's database is rebuilt from the older
// migrations before anything opens it.
import { readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { createClient } from "@libsql/client";
import { beforeAll, describe, expect, it } from "vitest";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const dir = path.join(root, "prisma", "migrations");
const MIGRATION = "sign_in_assurance";
const folders = readdirSync(dir)
  .filter((f) => /^\d{14}_/.test(f))
  .sort();
const mine = folders.findIndex((f) => f.endsWith(`_${MIGRATION}`));
const sql = (folder: string) => readFileSync(path.join(dir, folder, "migration.sql"), "utf8");

const file = process.env.DATABASE_URL!.replace(/^file:/, "");
const RAW_SESSION = "raw-cookie-value-of-a-session-0000000000000";
const RAW_TX = "raw-cookie-value-of-a-transaction-000000000";

beforeAll(async () => {
  expect(mine).toBeGreaterThan(0);
  rmSync(file, { force: true });
  const db = createClient({ url: `file:${file}` });
  for (const f of folders.slice(0, mine)) await db.executeMultiple(sql(f));
  await db.executeMultiple(`
    INSERT INTO "User" ("id","username","usernameNormalized","status","updatedAt") VALUES ('u1','ann','ann','ACTIVE',CURRENT_TIMESTAMP);
    INSERT INTO "SsoSession" ("id","userId","authnInstant","factors","expiresAt") VALUES ('${RAW_SESSION}','u1',CURRENT_TIMESTAMP,'pwd,totp','2999-01-01T00:00:00.000Z');
    INSERT INTO "SsoSession" ("id","userId","authnInstant","factors","expiresAt","endedAt") VALUES ('old-ended','u1',CURRENT_TIMESTAMP,'pwd','2999-01-01T00:00:00.000Z','2020-01-01T00:00:00.000Z');
    INSERT INTO "LoginTransaction" ("id","state","expiresAt") VALUES ('${RAW_TX}','PASSWORD','2999-01-01T00:00:00.000Z');
  `);
  for (const f of folders.slice(mine)) await db.executeMultiple(sql(f));
  db.close();
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
