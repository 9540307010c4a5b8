#!/usr/bin/env node
// Starts the production build for the end-to-end tests (playwright.config.ts webServer):
// wipes e2e/.data (the database) and e2e/.auth (the administrators' sessions of the previous
// run), then runs scripts/start.mjs, which applies the migrations to the new, empty
// database and runs the Portcullis server (server.mjs). It builds only when .next/BUILD_ID is
// missing. The server's output is also written to e2e/.data/server.log, where the setup
// project reads the first-run setup code as an operator would read the server's log.
import { spawn } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { createWriteStream, mkdirSync, rmSync, writeFileSync } from "node:fs";
import forge from "node-forge";
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

/** A self-signed certificate for 127.0.0.1 and localhost, for the server's HTTPS listener. */
function testCertificate(dir) {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: "spki", format: "pem" }));
  cert.serialNumber = "01";
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 7 * 24 * 3600_000);
  const attrs = [{ name: "commonName", value: "127.0.0.1" }];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.setExtensions([
    { name: "basicConstraints", cA: false },
    { name: "extKeyUsage", serverAuth: true },
    {
      name: "subjectAltName",
      altNames: [
        { type: 7, ip: "127.0.0.1" },
        { type: 2, value: "localhost" },
      ],
    },
  ]);
  const keyPem = privateKey.export({ type: "pkcs8", format: "pem" });
  cert.sign(forge.pki.privateKeyFromPem(keyPem), forge.md.sha256.create());
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "cert.pem"), forge.pki.certificateToPem(cert));
  writeFileSync(path.join(dir, "key.pem"), keyPem, { mode: 0o600 });
  return { cert: path.join(dir, "cert.pem"), key: path.join(dir, "key.pem") };
}

const port = process.env.PORT ?? "3100";
const tls = testCertificate(path.join(dataDir, "tls"));
const base = `http://127.0.0.1:${port}`;
const deviceCheckPort = Number(process.env.PORTCULLIS_E2E_DEVICE_CHECK_PORT ?? Number(port) + 1000);
// The secrets live outside the data folder (scripts/runtime-env.mjs); the e2e support scripts
// that write into the database find the same file through scripts/with-env.mjs.
const { secrets } = ensureDemoSecrets(dataDir);
const env = {
  ...process.env,
  ...secrets,
  NODE_ENV: "production",
  PORT: port,
  PORTCULLIS_DATA_DIR: dataDir,
  // PORTCULLIS_E2E_DATABASE_URL runs the suite on another (empty) database, e.g. a PostgreSQL
  // one from `node scripts/pg-cluster.mjs`; by default a fresh SQLite file.
  DATABASE_URL: process.env.PORTCULLIS_E2E_DATABASE_URL || `file:${path.join(dataDir, "portcullis.db")}`,
  PORTCULLIS_BASE_URL: base,
  NEXTAUTH_URL: base,
  // The HTTPS listener (e2e/server-security.spec.ts) on the e2e port + 1002.
  PORTCULLIS_TLS_CERT: tls.cert,
  PORTCULLIS_TLS_KEY: tls.key,
  PORTCULLIS_HTTPS_PORT: String(Number(port) + 1002),
  // e2e/client-address.spec.ts plays a reverse proxy connecting from 127.0.0.2.
  PORTCULLIS_TRUSTED_PROXIES: "127.0.0.2",
  // The Cisco Secure Endpoint fake and test metadata servers listen on loopback.
  PORTCULLIS_OUTBOUND_ALLOW_LOOPBACK: "true",
  // Duo's clients in e2e/duo-api-clients.spec.ts reach the API as https://localhost:<port> (TLS front).
  PORTCULLIS_API_HOSTNAME: "localhost",
  // The Trusted Endpoints device check listeners (README "how a device proves itself"), on
  // loopback at the e2e port + 1000 and + 1001, or PORTCULLIS_E2E_DEVICE_CHECK_PORT and the
  // port after it (e2e/support/device-check.ts uses the same).
  PORTCULLIS_DEVICE_CHECK_HOST: "127.0.0.1",
  PORTCULLIS_DEVICE_CHECK_TLS_PORT: String(deviceCheckPort),
  PORTCULLIS_DEVICE_CHECK_PROXY_PORT: String(deviceCheckPort + 1),
  // Two workers (node:cluster) on every machine, as production runs one per core: every spec
  // meets both, and e2e/server-workers.spec.ts checks that a change made through one is in
  // force in the other. PORTCULLIS_E2E_SERVER_WORKERS overrides the count.
  PORTCULLIS_WORKERS: process.env.PORTCULLIS_E2E_SERVER_WORKERS ?? "2",
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
