// The one Prisma client. Secret columns are omitted by default: a repository that needs
// one asks for it explicitly (`omit: { passwordHash: false }`). Only lib/db imports Prisma.
//
// Two providers, one schema (prisma/schema.prisma; scripts/prisma-schemas.mjs): DATABASE_URL
// `file:` (or libsql:) runs on SQLite through libsql, `postgresql://` on PostgreSQL through
// node-postgres. Each has its own generated client; both are typed as the SQLite one, the
// narrower of the two (no PostgreSQL-only options such as `mode: "insensitive"` or
// `skipDuplicates` can creep in). Raw SQL that differs between them goes through ./sql.ts.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "./generated/sqlite/client";
import { PrismaClient as PostgresPrismaClient } from "./generated/postgresql/client";
import { PrismaLibSQLFile } from "./libsql-connections";
import { env } from "../env";
import { databaseProvider } from "./provider";
import { PostgresFastSql, RawPrismaFastSql, SqliteFastSql, sqlitePathOf, type FastSql } from "./fast-sql";

const omit = {
  admin: { passwordHash: true, totpSecretSealed: true },
  user: { passwordHash: true },
  authenticator: { secretSealed: true, publicKey: true },
  bypassCode: { codeHash: true },
  signingKey: { privateKeySealed: true },
  endpointIntegration: { apiKeySealed: true, apiTokenHash: true },
  passwordResetToken: { tokenHash: true },
  application: { secretKeySealed: true },
} as const;

function createSqlite() {
  // Healthy connections when several processes write (./libsql-connections.ts).
  return new PrismaClient({ adapter: new PrismaLibSQLFile({ url: env().DATABASE_URL }), omit });
}

export type Db = ReturnType<typeof createSqlite>;

/** Connections per process: workers x instances x this must stay under the server's max_connections. */
const PG_POOL_MAX = 10;

/** The PostgreSQL pool: Prisma's adapter and the hot path's prepared statements (./fast-sql.ts) share it. */
function pgPool(): pg.Pool {
  if (!globalForDb.portcullisPgPool) {
    const { DATABASE_URL, PORTCULLIS_DB_POOL_MAX } = env();
    globalForDb.portcullisPgPool = new pg.Pool({
      connectionString: DATABASE_URL,
      max: PORTCULLIS_DB_POOL_MAX ?? PG_POOL_MAX,
      idleTimeoutMillis: 30_000,
      connectionTimeoutMillis: 10_000,
    });
  }
  return globalForDb.portcullisPgPool;
}

function create(): Db {
  if (databaseProvider() === "sqlite") return createSqlite();
  const adapter = new PrismaPg(pgPool());
  // Same models, same omit: only the provider-specific option types differ.
  return new PostgresPrismaClient({ adapter, omit }) as unknown as Db;
}

const globalForDb = globalThis as unknown as {
  portcullisDb?: Db;
  portcullisDbReady?: Promise<void>;
  portcullisPgPool?: pg.Pool;
  portcullisFastSql?: FastSql;
};

/** Prepared statements for the sign-in hot path, on the same database (./fast-sql.ts). */
export async function fastSql(): Promise<FastSql> {
  if (globalForDb.portcullisFastSql) return globalForDb.portcullisFastSql;
  const client = await dbReady();
  const url = env().DATABASE_URL;
  globalForDb.portcullisFastSql ??=
    databaseProvider() === "postgresql"
      ? new PostgresFastSql(pgPool(), pg.types)
      : url.startsWith("file:")
        ? new SqliteFastSql(sqlitePathOf(url))
        : new RawPrismaFastSql(client);
  return globalForDb.portcullisFastSql;
}

export function db(): Db {
  if (!globalForDb.portcullisDb) {
    const client = create();
    globalForDb.portcullisDb = client;
    // SQLite: readers do not block the writer (WAL, a property of the file). Every connection
    // waits for another process's write lock instead of failing (lib/db/libsql-connections.ts).
    globalForDb.portcullisDbReady = (async () => {
      if (env().DATABASE_URL.startsWith("file:")) await client.$queryRawUnsafe("PRAGMA journal_mode = WAL");
    })();
  }
  return globalForDb.portcullisDb;
}

/** Resolves once connection pragmas are applied. */
export async function dbReady(): Promise<Db> {
  const client = db();
  await globalForDb.portcullisDbReady;
  return client;
}
