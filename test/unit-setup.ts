// Runs before each test file, in that file's module graph and before it imports anything
// from lib/: a valid environment and a fresh copy of the project's migrated template database
// (a copied SQLite file, or CREATE DATABASE … TEMPLATE on the PostgreSQL test cluster), so no
// two test files share rows. lib/env.ts parses process.env once, so set it here.
import { randomBytes } from "node:crypto";
import { copyFileSync, mkdtempSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { inject } from "vitest";

// lib/db/client.ts keeps its client on globalThis: a client left by another test file would
// still point at that file's database. Vitest's per-file isolation (isolate: true) prevents it.
if ((globalThis as { portcullisDb?: unknown }).portcullisDb) {
  throw new Error("A database client from another test file is still loaded: run the unit tests with isolate: true.");
}

const dir = mkdtempSync(path.join(inject("portcullisWorkDir"), "file-"));
let databaseUrl: string;
if (inject("portcullisProvider") === "postgresql") {
  const name = `unit_${randomBytes(8).toString("hex")}`;
  const admin = new pg.Client({ connectionString: inject("portcullisPgAdminUrl") });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject("portcullisTemplateDb")}`);
  } finally {
    await admin.end();
  }
  const url = new URL(inject("portcullisPgAdminUrl"));
  url.pathname = `/${name}`;
  databaseUrl = url.toString();
} else {
  const dbFile = path.join(dir, "portcullis.db");
  copyFileSync(inject("portcullisTemplateDb"), dbFile);
  databaseUrl = `file:${dbFile}`;
}

Object.assign(process.env, {
  NODE_ENV: "test",
  DATABASE_URL: databaseUrl,
  PORTCULLIS_DATA_DIR: dir,
  PORTCULLIS_SEAL_KEY: randomBytes(32).toString("base64"),
  NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
  PORTCULLIS_BASE_URL: "http://localhost:3000",
  PORTCULLIS_TRUST_PROXY: "false",
  // Each test file has its own database; a small pool keeps the cluster's connections in check.
  PORTCULLIS_DB_POOL_MAX: "4",
});
