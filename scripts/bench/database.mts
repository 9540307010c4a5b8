// The benchmarks' scratch database, on either provider:
//   SQLite (default): a file in a temporary folder;
//   PostgreSQL (PORTCULLIS_BENCH_DB=postgresql, or --postgresql): a throwaway cluster
//     (scripts/pg-cluster.mjs) tuned as a small dedicated database server would be.
// Either way the database is made by `prisma migrate deploy` of that provider's migrations,
// and this process's environment points lib/db at it.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createClient, type InValue } from "@libsql/client";
import pg from "pg";
import { startCluster } from "../pg-cluster.mjs";
import { prismaEnv } from "../runtime-env.mjs";

export type BenchProvider = "sqlite" | "postgresql";

export const benchProvider: BenchProvider =
  process.env.PORTCULLIS_BENCH_DB === "postgresql" || process.argv.includes("--postgresql") ? "postgresql" : "sqlite";

/**
 * postgresql.conf of the bench cluster: memory for a 24 GB machine that runs the database
 * beside the app, SSD costs, and no durability (a benchmark, not data: fsync stays off).
 */
export const PG_BENCH_SETTINGS = {
  shared_buffers: "'2GB'",
  effective_cache_size: "'8GB'",
  work_mem: "'32MB'",
  maintenance_work_mem: "'1GB'",
  max_wal_size: "'8GB'",
  random_page_cost: "1.1",
  max_parallel_maintenance_workers: "2",
  jit: "off",
  // The bench reads each scenario's server-side execution time from it.
  shared_preload_libraries: "'pg_stat_statements'",
};

export type BenchDb = {
  provider: BenchProvider;
  url: string;
  /** Raw SQL with `?` placeholders on SQLite and `$n` on PostgreSQL. */
  exec: (sql: string, args?: unknown[]) => Promise<Record<string, unknown>[]>;
  /** Multi-row INSERTs in transactions; booleans and dates converted for the provider. */
  insert: (table: string, columns: string[], rows: unknown[][], opts?: { ignoreConflicts?: boolean }) => Promise<void>;
  /** Planner statistics (and, on PostgreSQL, the visibility map that index-only scans need). */
  analyze: () => Promise<void>;
  close: () => Promise<void>;
  remove: () => void;
  describe: string;
};

/** Prisma's stored DateTime text on SQLite. */
export const sqliteTime = (d: Date) => d.toISOString().replace("Z", "+00:00");

export async function benchDatabase(prefix = "portcullis-bench-"): Promise<BenchDb> {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  let url: string;
  let stopCluster = () => {};
  let describe: string;
  if (benchProvider === "postgresql") {
    const cluster = await startCluster({ prefix: `${prefix}pg-`, settings: PG_BENCH_SETTINGS });
    stopCluster = cluster.stop;
    const admin = new pg.Client({ connectionString: cluster.adminUrl });
    await admin.connect();
    await admin.query("CREATE DATABASE portcullis");
    const v = await admin.query("SHOW server_version");
    await admin.end();
    url = cluster.url("portcullis");
    describe = `PostgreSQL ${v.rows[0].server_version} (throwaway cluster on 127.0.0.1:${cluster.port}; shared_buffers 2GB, random_page_cost 1.1, fsync off)`;
  } else {
    url = `file:${path.join(dir, "portcullis.db")}`;
    describe = `SQLite (libsql) ${url}`;
  }
  Object.assign(process.env, {
    PORTCULLIS_DATA_DIR: dir,
    DATABASE_URL: url,
    PORTCULLIS_SEAL_KEY: randomBytes(32).toString("base64"),
    NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    PORTCULLIS_BASE_URL: "http://localhost:3000",
    PORTCULLIS_TRUST_PROXY: "false",
  });
  const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..", "..");
  execFileSync(path.join(root, "node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    env: prismaEnv(process.env),
  });
  const remove = () => {
    stopCluster();
    rmSync(dir, { recursive: true, force: true });
  };

  if (benchProvider === "postgresql") {
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    const exec = async (sql: string, args: unknown[] = []) => (await pool.query(sql, args)).rows;
    return {
      provider: "postgresql",
      url,
      describe,
      exec,
      insert: async (table, columns, rows, opts = {}) => {
        const cols = columns.map((c) => `"${c}"`).join(", ");
        const per = Math.max(1, Math.floor(30_000 / columns.length));
        const client = await pool.connect();
        try {
          await client.query("BEGIN");
          for (let i = 0; i < rows.length; i += per) {
            const part = rows.slice(i, i + per);
            let k = 0;
            const values = part.map((r) => `(${r.map(() => `$${++k}`).join(", ")})`).join(", ");
            await client.query(
              `INSERT INTO "${table}" (${cols}) VALUES ${values}${opts.ignoreConflicts ? " ON CONFLICT DO NOTHING" : ""}`,
              part.flat(),
            );
          }
          await client.query("COMMIT");
        } catch (e) {
          await client.query("ROLLBACK");
          throw e;
        } finally {
          client.release();
        }
      },
      analyze: async () => {
        await exec("VACUUM (ANALYZE)");
      },
      close: () => pool.end(),
      remove,
    };
  }

  const client = createClient({ url });
  await client.execute("PRAGMA journal_mode = WAL");
  await client.execute("PRAGMA synchronous = OFF");
  const toSqlite = (v: unknown): InValue =>
    v instanceof Date ? sqliteTime(v) : typeof v === "boolean" ? (v ? 1 : 0) : (v as InValue);
  return {
    provider: "sqlite",
    url,
    describe,
    exec: async (sql, args = []) =>
      (await client.execute({ sql, args: args.map(toSqlite) })).rows as unknown as Record<string, unknown>[],
    insert: async (table, columns, rows, opts = {}) => {
      const cols = columns.map((c) => `"${c}"`).join(", ");
      const one = `(${columns.map(() => "?").join(", ")})`;
      const per = Math.max(1, Math.floor(30_000 / columns.length));
      const stmts = [];
      for (let i = 0; i < rows.length; i += per) {
        const part = rows.slice(i, i + per);
        stmts.push({
          sql: `INSERT${opts.ignoreConflicts ? " OR IGNORE" : ""} INTO "${table}" (${cols}) VALUES ${part.map(() => one).join(", ")}`,
          args: part.flat().map(toSqlite),
        });
      }
      await client.batch(stmts, "write");
    },
    analyze: async () => {
      await client.execute("ANALYZE");
    },
    close: async () => client.close(),
    remove,
  };
}
