// SQLite connections for Prisma's libsql adapter that stay healthy when several processes
// write one database file (the server, the device-check listeners' process, scripts, more
// instances).
//
// @libsql/client's file client, as the adapter uses it, breaks under a second writer:
//  - a transaction takes the client's connection and the next statement gets a fresh one,
//    without the connection's pragmas: no busy timeout, so it fails at once with SQLITE_BUSY
//    instead of waiting for the other writer;
//  - a statement that fails part-way (SQLITE_BUSY while stepping) stays "in progress" on its
//    connection: the connection keeps an old read snapshot (later reads miss other processes'
//    writes) and, inside a transaction, COMMIT fails ("SQL statements in progress") and the
//    transaction and its write lock stay open, so every other writer times out;
//  - transactions start DEFERRED, so one that reads and then writes can fail with
//    SQLITE_BUSY_SNAPSHOT without waiting at all.
// Here every connection gets its pragmas (busy timeout, synchronous) when it opens, a
// connection that saw an error is closed (closing aborts its statements and rolls back) and
// never used again, and each transaction runs on a connection of its own with BEGIN IMMEDIATE
// (it waits for the write lock up front, within the busy timeout).
import {
  createClient,
  type Client,
  type Config,
  type InStatement,
  type ResultSet,
  type Transaction,
} from "@libsql/client";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { walAutocheckpointPages } from "./sqlite-file.mjs";

/** How long a statement waits for another process's write lock before SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 10_000;
const MAX_IDLE = 4;

/**
 * The pragmas every connection of this process gets when it opens (here, and the hot path's own in
 * ./fast-sql.ts). In the server, whose WAL is checkpointed in the background
 * (./wal-checkpointer.mjs), a connection checkpoints by itself only past the fallback size.
 */
export function connectionPragmas(): string[] {
  const pages = walAutocheckpointPages();
  return [
    `busy_timeout = ${BUSY_TIMEOUT_MS}`,
    "synchronous = NORMAL",
    ...(pages === null ? [] : [`wal_autocheckpoint = ${pages}`]),
  ];
}

async function open(config: Config): Promise<Client> {
  const client = createClient(config);
  try {
    for (const p of connectionPragmas()) await client.execute(`PRAGMA ${p}`);
  } catch (e) {
    client.close();
    throw e;
  }
  return client;
}

const statement = (stmt: InStatement | string, args?: unknown): InStatement =>
  typeof stmt === "string" ? ({ sql: stmt, args: args ?? [] } as InStatement) : stmt;

/** A transaction on a connection of its own; the connection goes back to the pool only when it ended cleanly. */
class OwnConnectionTransaction implements Transaction {
  #client: Client | null;

  constructor(
    client: Client,
    private readonly release: (client: Client, healthy: boolean) => void,
  ) {
    this.#client = client;
  }

  get closed() {
    return this.#client === null;
  }

  #take(): Client {
    if (!this.#client) throw new Error("The transaction is closed");
    return this.#client;
  }

  #end(healthy: boolean) {
    const client = this.#client;
    this.#client = null;
    if (client) this.release(client, healthy);
  }

  async #run<T>(fn: (client: Client) => Promise<T>): Promise<T> {
    try {
      return await fn(this.#take());
    } catch (e) {
      // The connection may hold a half-run statement and the write lock. Roll back first:
      // closing alone does not release the lock while a statement is unfinalized (SQLite
      // keeps such a connection open as a zombie until the statement is collected). Then
      // close it.
      const client = this.#client;
      if (client) await client.execute("ROLLBACK").catch(() => undefined);
      this.#end(false);
      throw e;
    }
  }

  execute(stmt: InStatement | string, args?: unknown): Promise<ResultSet> {
    return this.#run((c) => c.execute(statement(stmt, args)));
  }

  async batch(stmts: InStatement[]): Promise<ResultSet[]> {
    const out: ResultSet[] = [];
    for (const s of stmts) out.push(await this.execute(s));
    return out;
  }

  executeMultiple(sql: string): Promise<void> {
    return this.#run((c) => c.executeMultiple(sql));
  }

  async commit(): Promise<void> {
    await this.#run((c) => c.execute("COMMIT"));
    this.#end(true);
  }

  async rollback(): Promise<void> {
    if (!this.#client) return;
    await this.#run((c) => c.execute("ROLLBACK")).catch(() => undefined);
    this.#end(true);
  }

  close(): void {
    this.#end(false);
  }
}

/** A libsql Client over connections that are opened with their pragmas and dropped after an error. */
export class HealthyConnectionsClient implements Client {
  readonly protocol = "file";
  closed = false;
  #main: Promise<Client> | null = null;
  readonly #idle: Client[] = [];

  constructor(private readonly config: Config) {}

  #release = (client: Client, healthy: boolean) => {
    if (healthy && !this.closed && this.#idle.length < MAX_IDLE) this.#idle.push(client);
    else client.close();
  };

  async #onMain<T>(fn: (client: Client) => Promise<T>): Promise<T> {
    if (this.closed) throw new Error("The client is closed");
    this.#main ??= open(this.config);
    const main = this.#main;
    let client: Client;
    try {
      client = await main;
    } catch (e) {
      if (this.#main === main) this.#main = null;
      throw e;
    }
    try {
      return await fn(client);
    } catch (e) {
      // Never reuse a connection that saw an error (a statement may be left in progress).
      if (this.#main === main) this.#main = null;
      client.close();
      throw e;
    }
  }

  execute(stmt: InStatement | string, args?: unknown): Promise<ResultSet> {
    return this.#onMain((c) => c.execute(statement(stmt, args)));
  }

  async batch(stmts: InStatement[]): Promise<ResultSet[]> {
    const tx = await this.transaction();
    try {
      const out = await tx.batch(stmts);
      await tx.commit();
      return out;
    } finally {
      tx.close();
    }
  }

  async transaction(): Promise<Transaction> {
    if (this.closed) throw new Error("The client is closed");
    const client = this.#idle.pop() ?? (await open(this.config));
    try {
      await client.execute("BEGIN IMMEDIATE");
    } catch (e) {
      client.close();
      throw e;
    }
    return new OwnConnectionTransaction(client, this.#release);
  }

  executeMultiple(sql: string): Promise<void> {
    return this.#onMain((c) => c.executeMultiple(sql));
  }

  async sync(): Promise<void> {
    return undefined;
  }

  close(): void {
    this.closed = true;
    void this.#main?.then((c) => c.close()).catch(() => undefined);
    this.#main = null;
    for (const c of this.#idle.splice(0)) c.close();
  }
}

/** Prisma's libsql adapter factory with healthy connections for file: URLs (other URLs as shipped). */
export class PrismaLibSQLFile extends PrismaLibSQL {
  createClient(config: Config): Client {
    return config.url.startsWith("file:") ? new HealthyConnectionsClient(config) : super.createClient(config);
  }
}
