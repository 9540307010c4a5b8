// Prepared statements for the sign-in hot path, on the same driver Prisma uses (issue 11: "where
// the ORM costs more than the work"). A round trip with an SSO session reads a session and its
// user and writes four or five rows; through Prisma each statement is compiled by its query
// compiler and re-prepared by libsql (about 40% of the server's CPU per round trip). Here each
// statement is prepared once per connection and run with its arguments.
//
// Only lib/db uses this, for a handful of fixed statements written for both providers: double-
// quoted identifiers, `?` placeholders (numbered for PostgreSQL here), ON CONFLICT upserts.
// Values are stored exactly as Prisma stores them, so either side reads the other's rows:
//  - SQLite (libsql's native API): DateTime as text `YYYY-MM-DDTHH:MM:SS.mmm+00:00`, Boolean 0/1.
//    Statements run synchronously; a write is BEGIN IMMEDIATE … COMMIT within one call, so it
//    never holds the write lock across an await. The connection has the pragmas every other
//    connection gets (lib/db/libsql-connections.ts) and is dropped after an error.
//  - PostgreSQL (node-postgres): the pool Prisma's adapter uses (lib/db/client.ts), named
//    statements (prepared once per connection by the server), `timestamp(3)` read as UTC.
import { createHash } from "node:crypto";
import Database, { type Statement } from "libsql";
import type pg from "pg";
import type { Db } from "./client";
import { connectionPragmas } from "./libsql-connections";

export { sqlitePathOf } from "./sqlite-file.mjs";

export type SqlValue = string | number | boolean | Date | null;
export type Row = Record<string, unknown>;
export type Query = { sql: string; args: readonly SqlValue[] };
/** A write step; with `mustChange`, a step that changes no row rolls the whole write back. */
export type WriteStep = Query & { mustChange?: boolean };
/** `ok`, or the index of the `mustChange` step that changed nothing (everything rolled back). */
export type WriteResult = { ok: true } | { ok: false; unchanged: number };

export interface FastSql {
  /** Runs the queries (each sees committed data) and returns their rows, in order. */
  read<const Q extends readonly Query[]>(queries: Q): Promise<{ [K in keyof Q]: Row[] }>;
  /** Runs the steps in order in one transaction. */
  write(steps: readonly WriteStep[]): Promise<WriteResult>;
  close(): void;
}

const quoted = (name: string) => `"${name}"`;

/**
 * An INSERT of one row (its keys are the columns, in order; the text is the same for the same
 * keys, so it is prepared once), with an optional tail such as an ON CONFLICT clause.
 */
export function insertStep(table: string, row: Record<string, SqlValue>, tail = ""): Query {
  const cols = Object.keys(row);
  return {
    sql: `INSERT INTO ${quoted(table)} (${cols.map(quoted).join(", ")}) VALUES (${cols.map(() => "?").join(", ")})${tail ? ` ${tail}` : ""}`,
    args: Object.values(row),
  };
}

/** A column read back: Date from PostgreSQL, Prisma's ISO text from SQLite. */
export function dateOf(v: unknown): Date | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v;
  const d = new Date(String(v));
  if (Number.isNaN(d.getTime())) throw new Error(`not a stored date: ${JSON.stringify(v)}`);
  return d;
}

/** A count or nullable integer column (SQLite may give a bigint for large values). */
export function intOf(v: unknown): number | null {
  if (v === null || v === undefined) return null;
  return Number(v);
}

// ------------------------------------------------------------------ SQLite

/** Prisma's SQLite text form of a DateTime. */
const sqliteDate = (d: Date) => d.toISOString().replace("Z", "+00:00");
const sqliteArg = (v: SqlValue) => (v instanceof Date ? sqliteDate(v) : typeof v === "boolean" ? (v ? 1 : 0) : v);

export class SqliteFastSql implements FastSql {
  #db: Database | null = null;
  readonly #statements = new Map<string, Statement>();

  constructor(private readonly path: string) {}

  #open(): Database {
    if (this.#db) return this.#db;
    const db = new Database(this.path);
    try {
      for (const p of connectionPragmas()) db.pragma(p);
    } catch (e) {
      db.close();
      throw e;
    }
    this.#db = db;
    return db;
  }

  #statement(sql: string): Statement {
    let s = this.#statements.get(sql);
    if (!s) {
      s = this.#open().prepare(sql);
      this.#statements.set(sql, s);
    }
    return s;
  }

  /** Runs fn; after any error the connection is closed (rolled back first) and never used again. */
  #guard<T>(fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      const db = this.#db;
      this.#db = null;
      this.#statements.clear();
      if (db) {
        try {
          if (db.inTransaction) db.exec("ROLLBACK");
        } catch {
          // closing rolls back what is left
        }
        db.close();
      }
      throw e;
    }
  }

  async read<const Q extends readonly Query[]>(queries: Q): Promise<{ [K in keyof Q]: Row[] }> {
    return this.#guard(() => queries.map((q) => this.#statement(q.sql).all(...q.args.map(sqliteArg)))) as {
      [K in keyof Q]: Row[];
    };
  }

  async write(steps: readonly WriteStep[]): Promise<WriteResult> {
    return this.#guard(() => {
      const prepared = steps.map((s) => this.#statement(s.sql));
      const db = this.#open();
      db.exec("BEGIN IMMEDIATE");
      for (let i = 0; i < steps.length; i++) {
        const { changes } = prepared[i]!.run(...steps[i]!.args.map(sqliteArg));
        if (steps[i]!.mustChange && changes === 0) {
          db.exec("ROLLBACK");
          return { ok: false as const, unchanged: i };
        }
      }
      db.exec("COMMIT");
      return { ok: true as const };
    });
  }

  close(): void {
    this.#statements.clear();
    this.#db?.close();
    this.#db = null;
  }
}

// ------------------------------------------------------------------ PostgreSQL

const TIMESTAMP_OID = 1114;
const numbered = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

export class PostgresFastSql implements FastSql {
  readonly #texts = new Map<string, { name: string; text: string }>();
  readonly #types: pg.CustomTypesConfig;

  constructor(
    private readonly pool: pg.Pool,
    types: typeof pg.types,
  ) {
    // timestamp(3) holds UTC (as Prisma writes it); node-postgres would read it as local time.
    this.#types = {
      getTypeParser: ((oid: number, format?: "text" | "binary") =>
        oid === TIMESTAMP_OID && format !== "binary"
          ? (s: string) => new Date(`${s.replace(" ", "T")}Z`)
          : types.getTypeParser(oid, format)) as pg.CustomTypesConfig["getTypeParser"],
    };
  }

  #config(q: Query): pg.QueryConfig {
    let t = this.#texts.get(q.sql);
    if (!t) {
      t = { name: `pc_${createHash("sha256").update(q.sql).digest("hex").slice(0, 24)}`, text: numbered(q.sql) };
      this.#texts.set(q.sql, t);
    }
    return { ...t, values: q.args as unknown[], types: this.#types };
  }

  async read<const Q extends readonly Query[]>(queries: Q): Promise<{ [K in keyof Q]: Row[] }> {
    const rows = await Promise.all(queries.map(async (q) => (await this.pool.query(this.#config(q))).rows as Row[]));
    return rows as { [K in keyof Q]: Row[] };
  }

  async write(steps: readonly WriteStep[]): Promise<WriteResult> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query("BEGIN");
      for (let i = 0; i < steps.length; i++) {
        const r = await client.query(this.#config(steps[i]!));
        if (steps[i]!.mustChange && r.rowCount === 0) {
          await client.query("ROLLBACK");
          return { ok: false, unchanged: i };
        }
      }
      await client.query("COMMIT");
      return { ok: true };
    } catch (e) {
      await client.query("ROLLBACK").catch((rollbackError: Error) => {
        broken = rollbackError;
      });
      throw e;
    } finally {
      // A connection whose ROLLBACK failed is not given back to the pool.
      client.release(broken);
    }
  }

  close(): void {
    // The pool belongs to lib/db/client.ts.
  }
}

// ------------------------------------------------------------------ libsql:// (a remote libsql server)

/** The same statements through Prisma's raw queries, where no local file can be opened (`libsql://`). */
export class RawPrismaFastSql implements FastSql {
  constructor(private readonly client: Db) {}

  async read<const Q extends readonly Query[]>(queries: Q): Promise<{ [K in keyof Q]: Row[] }> {
    const out: Row[][] = [];
    for (const q of queries) out.push(await this.client.$queryRawUnsafe<Row[]>(q.sql, ...q.args.map(sqliteArg)));
    return out as { [K in keyof Q]: Row[] };
  }

  async write(steps: readonly WriteStep[]): Promise<WriteResult> {
    const unchanged = Symbol("unchanged");
    try {
      await this.client.$transaction(async (tx) => {
        for (let i = 0; i < steps.length; i++) {
          const n = await tx.$executeRawUnsafe(steps[i]!.sql, ...steps[i]!.args.map(sqliteArg));
          if (steps[i]!.mustChange && n === 0) throw Object.assign(new Error("rolled back"), { [unchanged]: i });
        }
      });
      return { ok: true };
    } catch (e) {
      const i = (e as Record<symbol, unknown>)[unchanged];
      if (typeof i === "number") return { ok: false, unchanged: i };
      throw e;
    }
  }

  close(): void {}
}
