// The hot path's prepared statements (./fast-sql.ts) on the provider DATABASE_URL names (this
// file runs in both vitest projects): rows they write read back through Prisma exactly as
// Prisma's own, and the other way round; a write is all or nothing; an error leaves the
// connection usable for the next call.
import { describe, expect, it } from "vitest";
import { dbReady, fastSql } from "./client";
import { dateOf, insertStep, intOf, RawPrismaFastSql, sqlitePathOf, type FastSql } from "./fast-sql";
import { newRowId } from "./ids";
import { databaseProvider } from "./provider";

/** The implementations this provider uses: the driver's, and on SQLite the one for libsql:// URLs (Prisma's raw queries). */
async function implementations(): Promise<[string, FastSql][]> {
  const db = await dbReady();
  return [
    ["driver", await fastSql()],
    ...(databaseProvider() === "sqlite" ? [["prisma raw", new RawPrismaFastSql(db)] as [string, FastSql]] : []),
  ];
}

describe("fast-sql", () => {
  it("stores dates and booleans as Prisma does, and reads Prisma's", async () => {
    for (const [name, sql] of await implementations()) await storesAsPrisma(name, sql);
  });

  async function storesAsPrisma(name: string, sql: FastSql) {
    const db = await dbReady();
    const at = new Date("2026-06-01T10:20:30.456Z");
    const id = newRowId();
    await sql.write([insertStep("ReplayEntry", { key: `fast|${id}`, expiresAt: at })]);
    // Prisma finds it by the same instant (an equality on the stored form) and reads it back whole.
    const viaPrisma = await db.replayEntry.findFirst({ where: { key: `fast|${id}`, expiresAt: at } });
    expect(viaPrisma?.expiresAt.toISOString()).toBe(at.toISOString());

    const user = await db.user.create({
      data: { username: `fast.${id}`, usernameNormalized: `fast.${id}`, sessionsRevokedAt: at, isEnrolled: true },
    });
    const [[row]] = await sql.read([
      {
        sql: 'SELECT "sessionsRevokedAt", "isEnrolled", "failedAttempts" FROM "User" WHERE "id" = ? AND "sessionsRevokedAt" = ? AND "isEnrolled" = ?',
        args: [user.id, at, true],
      },
    ] as const);
    expect(row).toBeDefined();
    expect(dateOf(row!.sessionsRevokedAt)?.toISOString()).toBe(at.toISOString());
    expect(intOf(row!.failedAttempts)).toBe(0);
    // Ordering compares instants, not text forms.
    const [later, earlier] = await sql.read([
      {
        sql: 'SELECT "key" FROM "ReplayEntry" WHERE "key" = ? AND "expiresAt" > ?',
        args: [`fast|${id}`, new Date(at.getTime() - 1)],
      },
      { sql: 'SELECT "key" FROM "ReplayEntry" WHERE "key" = ? AND "expiresAt" > ?', args: [`fast|${id}`, at] },
    ] as const);
    expect(later, name).toHaveLength(1);
    expect(earlier, name).toHaveLength(0);
  }

  it("rolls a write back whole when a mustChange step changes nothing, or a step fails; the next write works", async () => {
    for (const [name, sql] of await implementations()) await rollsBack(name, sql);
  });

  async function rollsBack(name: string, sql: FastSql) {
    const db = await dbReady();
    const key = `fast|${newRowId()}`;
    const claim = (expiresAt: Date, now: Date) => {
      const s = insertStep(
        "ReplayEntry",
        { key, expiresAt },
        'ON CONFLICT ("key") DO UPDATE SET "expiresAt" = excluded."expiresAt" WHERE "ReplayEntry"."expiresAt" <= ?',
      );
      return { sql: s.sql, args: [...s.args, now], mustChange: true };
    };
    const log = (reason: string) =>
      insertStep("AuthLog", { id: newRowId(), createdAt: new Date(), result: "SUCCESS", reason });
    const now = new Date();
    const soon = new Date(now.getTime() + 60_000);

    expect(await sql.write([claim(soon, now), log(`${key} first`)])).toEqual({ ok: true });
    // A live entry: the claim changes nothing, so the log row after it is not written either.
    expect(await sql.write([claim(soon, now), log(`${key} replayed`)])).toEqual({ ok: false, unchanged: 0 });
    expect(await db.authLog.count({ where: { reason: `${key} replayed` } })).toBe(0);

    // A failing step (the same primary key twice) rolls back the claim before it.
    const dup = newRowId();
    const failing = insertStep("AuthLog", { id: dup, createdAt: now, result: "SUCCESS", reason: `${key} dup` });
    const later = new Date(soon.getTime() + 60_000);
    await expect(sql.write([claim(later, soon), failing, failing])).rejects.toThrow();
    expect(await db.authLog.count({ where: { reason: `${key} dup` } })).toBe(0);
    expect((await db.replayEntry.findUnique({ where: { key } }))?.expiresAt.toISOString()).toBe(soon.toISOString());

    // The connection after the error: reads and writes go on, and an expired entry is claimed again.
    expect(await sql.write([claim(later, soon), log(`${key} reclaimed`)])).toEqual({ ok: true });
    expect(await db.authLog.count({ where: { reason: `${key} reclaimed` } })).toBe(1);
    expect((await db.replayEntry.findUnique({ where: { key } }))?.expiresAt.toISOString(), name).toBe(
      later.toISOString(),
    );
  }

  it("opens the file a file: URL names, as @libsql/client does", () => {
    expect(sqlitePathOf("file:./data/portcullis.db")).toBe("./data/portcullis.db");
    expect(sqlitePathOf("file:/var/lib/portcullis/p.db?mode=rwc")).toBe("/var/lib/portcullis/p.db");
    expect(sqlitePathOf("file:///var/lib/portcullis/p%20q.db")).toBe("/var/lib/portcullis/p q.db");
    expect(sqlitePathOf("file://localhost/var/p.db")).toBe("/var/p.db");
    expect(() => sqlitePathOf("file://example.com/var/p.db")).toThrow(/invalid host/);
    expect(() => sqlitePathOf("libsql://db.example.com")).toThrow(/not a file/);
  });
});
