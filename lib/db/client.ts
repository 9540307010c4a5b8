// The one Prisma client. Secret columns are omitted by default: a repository that needs
// one asks for it explicitly (`omit: { passwordHash: false }`). Only lib/db imports Prisma.
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { PrismaClient } from "./generated/client";
import { env } from "../env";

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

function create() {
  const adapter = new PrismaLibSQL({ url: env().DATABASE_URL });
  return new PrismaClient({ adapter, omit });
}

export type Db = ReturnType<typeof create>;

const globalForDb = globalThis as unknown as { portcullisDb?: Db; portcullisDbReady?: Promise<void> };

export function db(): Db {
  if (!globalForDb.portcullisDb) {
    const client = create();
    globalForDb.portcullisDb = client;
    // SQLite: readers do not block the writer, and a busy writer waits instead of failing.
    globalForDb.portcullisDbReady = (async () => {
      if (env().DATABASE_URL.startsWith("file:")) {
        await client.$queryRawUnsafe("PRAGMA journal_mode = WAL");
        await client.$queryRawUnsafe("PRAGMA busy_timeout = 5000");
        await client.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
      }
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
