// Prisma CLI configuration. The provider follows DATABASE_URL: postgres(ql):// runs on
// PostgreSQL (pg driver adapter), anything else on SQLite (libsql driver adapter). Either way
// migrations run on the WebAssembly schema engine through the adapter, so no engine binary is
// downloaded (see README "Database"). The PostgreSQL schema is derived from the base schema
// on every CLI call (scripts/prisma-schemas.mjs).
import { defineConfig } from "prisma/config";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { ensureSchema, migrationsPath, providerOf } from "./scripts/prisma-schemas.mjs";

const url = process.env.DATABASE_URL ?? "file:./data/portcullis.db";
const provider = providerOf(url);

export default defineConfig({
  schema: ensureSchema(provider),
  // PORTCULLIS_MIGRATIONS_DIR: only scripts/migrations.mjs sets it (to replay part of a history).
  migrations: { path: process.env.PORTCULLIS_MIGRATIONS_DIR ?? migrationsPath(provider), seed: "tsx prisma/seed.ts" },
  experimental: { adapter: true },
  engine: "js",
  adapter: async () => {
    if (provider === "sqlite") return new PrismaLibSQL({ url });
    const { cliPgAdapter } = await import("./scripts/prisma-pg-cli.mjs");
    return cliPgAdapter(url);
  },
});
