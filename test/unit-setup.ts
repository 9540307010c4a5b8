// Runs before each test file, in that file's module graph and before it imports anything
// from lib/: a valid environment and a fresh copy of the migrated template database, so
// no two test files share rows. lib/env.ts parses process.env once, so set it here.
import { randomBytes } from "node:crypto";
import { copyFileSync, mkdtempSync } from "node:fs";
import path from "node:path";
import { inject } from "vitest";

// lib/db/client.ts keeps its client on globalThis: a client left by another test file would
// still point at that file's database. Vitest's per-file isolation (isolate: true) prevents it.
if ((globalThis as { portcullisDb?: unknown }).portcullisDb) {
  throw new Error("A database client from another test file is still loaded: run the unit tests with isolate: true.");
}

const dir = mkdtempSync(path.join(inject("portcullisWorkDir"), "file-"));
const dbFile = path.join(dir, "portcullis.db");
copyFileSync(inject("portcullisTemplateDb"), dbFile);

Object.assign(process.env, {
  NODE_ENV: "test",
  DATABASE_URL: `file:${dbFile}`,
  PORTCULLIS_DATA_DIR: dir,
  PORTCULLIS_SEAL_KEY: randomBytes(32).toString("base64"),
  NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
  PORTCULLIS_BASE_URL: "http://localhost:3000",
});
