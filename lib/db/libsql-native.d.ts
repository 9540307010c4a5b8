// The part of libsql's native (better-sqlite3 style) API that lib/db uses (fast-sql.ts,
// wal-checkpointer.mjs). The package ships no declarations; it is the driver under
// @libsql/client and Prisma's adapter.
declare module "libsql" {
  export interface RunResult {
    changes: number;
    lastInsertRowid: number | bigint;
  }
  export interface Statement {
    all(...params: unknown[]): Record<string, unknown>[];
    run(...params: unknown[]): RunResult;
  }
  export default class Database {
    constructor(path: string, options?: { timeout?: number });
    prepare(sql: string): Statement;
    exec(sql: string): void;
    pragma(source: string): unknown;
    close(): void;
    readonly inTransaction: boolean;
  }
}
