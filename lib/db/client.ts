// The one Prisma client. Secret columns are omitted by default: a repository that needs
// one asks for it explicitly (`omit: { passwordHash: false }`). Only lib/db imports Prisma.
import { PrismaClient } from "./generated/client";
import { PrismaLibSQLFile } from "./libsql-connections";
import { env } from "../env";

const omit = {
  admin: { passwordHash: true, totpSecretSealed: true },
  user: { passwordHash: true },
  authenticator: { secretSealed: true, publicKey: true },
  bypassCode: { codeHash: true },
  signingKey: { privateKeySealed: true },
  endpointIntegration: { apiKeySealed: true, apiTokenHash: true },
  passwordResetToken: { tokenHash: true },
} as const;

function create() {
  const adapter = new PrismaLibSQLFile({ url: env().DATABASE_URL });
  return new PrismaClient({ adapter, omit });
}

export type Db = ReturnType<typeof create>;

const globalForDb = globalThis as unknown as { portcullisDb?: Db; portcullisDbReady?: Promise<void> };

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
