#!/usr/bin/env node
// Starts the production build for the end-to-end tests (playwright.config.ts webServer):
// wipes e2e/.data (the database) and e2e/.auth (the administrators' sessions of the previous
// run), then runs scripts/start.mjs, which applies the migrations to the new, empty
// database and runs `next start`. It builds only when .next/BUILD_ID is missing.
import { spawn } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
const dataDir = path.join(here, ".data");
const authDir = path.join(here, ".auth");

rmSync(dataDir, { recursive: true, force: true });
rmSync(authDir, { recursive: true, force: true });
mkdirSync(dataDir, { recursive: true });
mkdirSync(authDir, { recursive: true });

const port = process.env.PORT ?? "3100";
const base = `http://127.0.0.1:${port}`;
const deviceCheckPort = Number(process.env.PORTCULLIS_E2E_DEVICE_CHECK_PORT ?? Number(port) + 1000);
const env = {
  ...process.env,
  NODE_ENV: "production",
  PORT: port,
  PORTCULLIS_DATA_DIR: dataDir,
  // PORTCULLIS_E2E_DATABASE_URL runs the suite on another (empty) database, e.g. a PostgreSQL
  // one from `node scripts/pg-cluster.mjs`; by default a fresh SQLite file.
  DATABASE_URL: process.env.PORTCULLIS_E2E_DATABASE_URL || `file:${path.join(dataDir, "portcullis.db")}`,
  PORTCULLIS_BASE_URL: base,
  NEXTAUTH_URL: base,
  PORTCULLIS_TRUST_PROXY: "false",
  // The Trusted Endpoints device check listeners (README "how a device proves itself"), on
  // loopback at the e2e port + 1000 and + 1001, or PORTCULLIS_E2E_DEVICE_CHECK_PORT and the
  // port after it (e2e/support/device-check.ts uses the same).
  PORTCULLIS_DEVICE_CHECK_HOST: "127.0.0.1",
  PORTCULLIS_DEVICE_CHECK_TLS_PORT: String(deviceCheckPort),
  PORTCULLIS_DEVICE_CHECK_PROXY_PORT: String(deviceCheckPort + 1),
};

const child = spawn(process.execPath, [path.join(root, "scripts", "start.mjs")], { cwd: root, env, stdio: "inherit" });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
