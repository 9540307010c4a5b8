#!/usr/bin/env node
// Starts the production build for the end-to-end tests (playwright.config.ts webServer):
// wipes e2e/.data (the database) and e2e/.auth (sessions and TOTP secrets of the previous
// run), then runs scripts/start.mjs, which applies the migrations to the new, empty
// database and runs the Portcullis server (server.mjs). It builds only when .next/BUILD_ID is
// missing. The server's output is also written to e2e/.data/server.log, where the setup
// project reads the first-run setup code as an operator would read the server's log.
import { spawn } from "node:child_process";
import { createWriteStream, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureDemoSecrets } from "../scripts/runtime-env.mjs";

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
// The secrets live outside the data folder (scripts/runtime-env.mjs); the e2e support scripts
// that write into the database find the same file through scripts/with-env.mjs.
const { secrets } = ensureDemoSecrets(dataDir);
const env = {
  ...process.env,
  ...secrets,
  NODE_ENV: "production",
  PORT: port,
  PORTCULLIS_DATA_DIR: dataDir,
  DATABASE_URL: `file:${path.join(dataDir, "portcullis.db")}`,
  PORTCULLIS_BASE_URL: base,
  NEXTAUTH_URL: base,
  // e2e/client-address.spec.ts plays a reverse proxy connecting from 127.0.0.2.
  PORTCULLIS_TRUSTED_PROXIES: "127.0.0.2",
  // The Cisco Secure Endpoint fake and test metadata servers listen on loopback.
  PORTCULLIS_OUTBOUND_ALLOW_LOOPBACK: "true",
  // The Trusted Endpoints device check listeners (README "how a device proves itself"), on
  // loopback at fixed offsets from the e2e port (e2e/support/device-check.ts uses the same).
  PORTCULLIS_DEVICE_CHECK_HOST: "127.0.0.1",
  PORTCULLIS_DEVICE_CHECK_TLS_PORT: String(Number(port) + 1000),
  PORTCULLIS_DEVICE_CHECK_PROXY_PORT: String(Number(port) + 1001),
};

const log = createWriteStream(path.join(dataDir, "server.log"), { flags: "a" });
const child = spawn(process.execPath, [path.join(root, "scripts", "start.mjs")], {
  cwd: root,
  env,
  stdio: ["ignore", "pipe", "pipe"],
});
child.stdout.on("data", (d) => {
  log.write(d);
  process.stdout.write(d);
});
child.stderr.on("data", (d) => {
  log.write(d);
  process.stderr.write(d);
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
