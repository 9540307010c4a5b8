// The server's WAL checkpoint off the request path (./wal-checkpointer.mjs): the server's
// connections leave the checkpoint to it, and it copies committed pages into the database file
// while writers go on, on this thread or on a thread of its own. SQLite files only.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "libsql";
import { afterEach, describe, expect, it } from "vitest";
import { SqliteFastSql } from "./fast-sql";
import { connectionPragmas } from "./libsql-connections";
import { CHECKPOINTER_ENV, FALLBACK_AUTOCHECKPOINT_PAGES } from "./sqlite-file.mjs";
import { startWalCheckpointer, type CheckpointResult } from "./wal-checkpointer.mjs";

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "portcullis-wal-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function withEnv(value: string | undefined) {
  const before = process.env[CHECKPOINTER_ENV];
  if (value === undefined) delete process.env[CHECKPOINTER_ENV];
  else process.env[CHECKPOINTER_ENV] = value;
  cleanups.push(() => {
    if (before === undefined) delete process.env[CHECKPOINTER_ENV];
    else process.env[CHECKPOINTER_ENV] = before;
  });
}

/** A writer as the server's connections are: WAL, and its own checkpoint only past the fallback size. */
function serverWriter(file: string): Database {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma(`wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
  db.exec("CREATE TABLE IF NOT EXISTS t (n INTEGER, pad BLOB)");
  cleanups.push(() => db.close());
  return db;
}

function insertRows(db: Database, from: number, count: number) {
  const insert = db.prepare("INSERT INTO t (n, pad) VALUES (?, randomblob(2000))");
  for (let i = from; i < from + count; i++) insert.run(i);
}

/**
 * Rows in the database file itself, without its WAL: what a checkpoint has copied there. Read
 * from a copy of the file alone (-1 while a copy catches a checkpoint half-way).
 */
function rowsInDatabaseFile(file: string): number {
  const copy = `${file}.copy-${process.hrtime.bigint()}`;
  copyFileSync(file, copy);
  try {
    const db = new Database(copy);
    try {
      if (db.prepare("SELECT name FROM sqlite_master WHERE name = 't'").all().length === 0) return 0;
      return Number(db.prepare("SELECT count(*) AS c FROM t").all()[0]!.c);
    } finally {
      db.close();
    }
  } catch {
    return -1;
  } finally {
    for (const f of [copy, `${copy}-wal`, `${copy}-shm`]) rmSync(f, { force: true });
  }
}

/**
 * The checkpointer on `file`, stopped after the test, with what it logs and (unless
 * `results: false`, as in the server) every checkpoint's result.
 */
function checkpointer(file: string, thread: boolean, opts: { intervalMs?: number; results?: boolean } = {}) {
  const results: CheckpointResult[] = [];
  const logged: string[] = [];
  const c = startWalCheckpointer({
    databaseUrl: `file:${file}`,
    thread,
    intervalMs: opts.intervalMs ?? 20,
    log: (l) => logged.push(l),
    ...(opts.results === false ? {} : { onCheckpoint: (r: CheckpointResult) => results.push(r) }),
  });
  expect(c).not.toBeNull();
  cleanups.push(() => c!.stop());
  return { results, logged };
}

describe("the server's connections", () => {
  it("leave the checkpoint to the background checkpointer only where it runs", async () => {
    const dir = tempDir();
    withEnv(undefined);
    expect(connectionPragmas()).not.toContainEqual(expect.stringMatching(/wal_autocheckpoint/));
    const plain = new SqliteFastSql(path.join(dir, "a.db"));
    cleanups.push(() => plain.close());
    expect((await plain.read([{ sql: "PRAGMA wal_autocheckpoint", args: [] }]))[0]).toEqual([
      { wal_autocheckpoint: 1000 },
    ]);

    withEnv("background");
    expect(connectionPragmas()).toContain(`wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
    const server = new SqliteFastSql(path.join(dir, "b.db"));
    cleanups.push(() => server.close());
    expect((await server.read([{ sql: "PRAGMA wal_autocheckpoint", args: [] }]))[0]).toEqual([
      { wal_autocheckpoint: FALLBACK_AUTOCHECKPOINT_PAGES },
    ]);
  });
});

describe("startWalCheckpointer", () => {
  for (const thread of [false, true]) {
    it(`copies committed pages into the database file while writers go on (${thread ? "a thread of its own" : "this thread"})`, async () => {
      const file = path.join(tempDir(), "p.db");
      const writer = serverWriter(file);
      insertRows(writer, 0, 300); // ~150 pages: under the fallback, so the writer checkpoints nothing
      expect(rowsInDatabaseFile(file)).toBe(0);

      const { results, logged } = checkpointer(file, thread);
      await expect.poll(() => rowsInDatabaseFile(file), { timeout: 10_000 }).toBe(300);

      // Writers are not held up meanwhile, and what they commit later is copied too.
      for (let i = 0; i < 10; i++) {
        insertRows(writer, 300 + i * 20, 20);
        await new Promise((r) => setTimeout(r, 5));
      }
      await expect.poll(() => rowsInDatabaseFile(file), { timeout: 10_000 }).toBe(500);
      expect(results.some((r) => r.checkpointed > 0 && r.busy === 0)).toBe(true);
      expect(logged).toEqual([]);
    });
  }

  it("does not create a database that is not there, and starts once it is", async () => {
    const file = path.join(tempDir(), "later.db");
    const { results } = checkpointer(file, true);
    await new Promise((r) => setTimeout(r, 200));
    expect(existsSync(file)).toBe(false);
    expect(results).toEqual([]);

    insertRows(serverWriter(file), 0, 50);
    await expect.poll(() => rowsInDatabaseFile(file), { timeout: 10_000 }).toBe(50);
  });

  it("checkpoints a database that was switched to WAL after it started (a first start: migrations, then the server)", async () => {
    const file = path.join(tempDir(), "fresh.db");
    const migrated = new Database(file); // a rollback journal, as prisma migrate deploy leaves it
    migrated.exec("CREATE TABLE t (n INTEGER, pad BLOB)");
    migrated.close();
    const { results } = checkpointer(file, true);
    await expect.poll(() => results.length, { timeout: 10_000 }).toBeGreaterThan(2);

    insertRows(serverWriter(file), 0, 200); // the server's first connection switches the file to WAL
    await expect.poll(() => rowsInDatabaseFile(file), { timeout: 10_000 }).toBe(200);
  });

  for (const thread of [false, true]) {
    it(`logs a failure once, not on every tick, and its recovery (${thread ? "thread" : "this thread"})`, async () => {
      const dir = tempDir();
      const file = path.join(dir, "x.db");
      mkdirSync(file); // a directory where the database should be: it cannot be opened
      const { logged } = checkpointer(file, thread, { intervalMs: 10, results: false });
      await expect.poll(() => logged.length, { timeout: 10_000 }).toBe(1);
      await new Promise((r) => setTimeout(r, 150)); // ~15 more failing ticks
      expect(logged).toHaveLength(1);
      expect(logged[0]).toMatch(
        /^\[db\] WAL checkpoint failed: .+ \(connections checkpoint by themselves past \d+ pages\)$/,
      );
      expect(logged[0]).toContain(`past ${FALLBACK_AUTOCHECKPOINT_PAGES} pages`);

      rmSync(file, { recursive: true });
      insertRows(serverWriter(file), 0, 20);
      await expect.poll(() => logged.at(-1), { timeout: 10_000 }).toBe("[db] WAL checkpoints work again");
      await expect.poll(() => rowsInDatabaseFile(file), { timeout: 10_000 }).toBe(20);
    });
  }

  it("is not started for PostgreSQL or a libsql:// server", () => {
    expect(startWalCheckpointer({ databaseUrl: "postgresql://u@localhost/p", thread: false })).toBeNull();
    expect(startWalCheckpointer({ databaseUrl: "libsql://db.example.com", thread: true })).toBeNull();
    expect(startWalCheckpointer({ databaseUrl: undefined, thread: true })).toBeNull();
  });
});
