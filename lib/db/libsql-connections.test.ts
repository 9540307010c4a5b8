// Several processes writing one SQLite file at once (the server, a second instance, scripts):
// every write waits for the others' locks, no transaction is left open, and each process
// reads what was committed. With @libsql/client's file client as Prisma's adapter uses it,
// the same run fails almost every write ("Operation has timed out", "cannot commit
// transaction - SQL statements in progress") and reads go stale.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { createClient } from "@libsql/client";
import { describe, expect, it } from "vitest";
import { BUSY_TIMEOUT_MS, HealthyConnectionsClient } from "./libsql-connections";

const ROOT = path.join(__dirname, "..", "..");
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");
const ROUNDS = 40;

describe("HealthyConnectionsClient with three writing processes", () => {
  it(
    "commits every write, waits instead of failing, and never reads a stale snapshot",
    { timeout: 120_000 },
    async () => {
      const url = process.env.DATABASE_URL!;
      const setup = createClient({ url });
      await setup.execute("PRAGMA journal_mode = WAL");
      await setup.execute("CREATE TABLE writes (who TEXT NOT NULL, n INTEGER NOT NULL)");
      setup.close();

      const runs = await Promise.all(
        ["a", "b", "c"].map((who) =>
          promisify(execFile)(TSX, [path.join(ROOT, "test", "db-writer.mts"), url, who, String(ROUNDS)], {
            cwd: ROOT,
            timeout: 110_000,
          }),
        ),
      );
      const reports = runs.map((r) => JSON.parse(r.stdout.trim().split("\n").pop()!));
      for (const r of reports) expect(r, r.who).toMatchObject({ errorCount: 0, stale: 0 });

      const check = createClient({ url });
      const total = await check.execute("SELECT count(*) AS c FROM writes");
      check.close();
      expect(Number(total.rows[0]!.c)).toBe(3 * 2 * ROUNDS);
    },
  );
});

describe("a transaction whose statement fails", () => {
  it("releases the write lock at once (rolled back, not left to a closed connection)", async () => {
    const client = new HealthyConnectionsClient({ url: process.env.DATABASE_URL! });
    await client.execute("CREATE TABLE uniq (k TEXT PRIMARY KEY)");
    await client.execute("INSERT INTO uniq (k) VALUES ('a')");

    const tx = await client.transaction();
    await expect(tx.execute("INSERT INTO uniq (k) VALUES ('a')")).rejects.toThrow(/UNIQUE/);
    expect(tx.closed).toBe(true);

    // Another connection writes without waiting out the busy timeout for a lock nobody holds.
    const started = Date.now();
    const next = await client.transaction();
    await next.execute("INSERT INTO uniq (k) VALUES ('b')");
    await next.commit();
    expect(Date.now() - started).toBeLessThan(BUSY_TIMEOUT_MS / 2);
    const rows = await client.execute("SELECT k FROM uniq ORDER BY k");
    expect(rows.rows.map((r) => r.k)).toEqual(["a", "b"]);
    client.close();
  });
});
