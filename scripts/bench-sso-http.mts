// SSO benchmark over HTTP, bounded and on loopback only: starts the production build on a
// fresh database, creates an application and a signed-in user (an SSO session), then runs
// complete SP-initiated logins — AuthnRequest by HTTP-Redirect (made by @node-saml) ->
// /sso (which answers itself with the SSO session) -> signed Response validated by node-saml —
// and prints p50/p99.
// Run after `npm run build`: npx tsx scripts/bench-sso-http.mts [logins=300]
// PORTCULLIS_BENCH_PORT moves the server off port 3300 (two checkouts side by side).
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { SAML } from "@node-saml/node-saml";

const LOGINS = Math.min(Number(process.argv[2] ?? 300), 2000);
const PORT = Number(process.env.PORTCULLIS_BENCH_PORT ?? 3300);
const BASE = `http://127.0.0.1:${PORT}`;
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const dataDir = mkdtempSync(path.join(tmpdir(), "portcullis-bench-"));

process.env.PORTCULLIS_DATA_DIR = dataDir;
process.env.PORT = String(PORT);
process.env.PORTCULLIS_BASE_URL = BASE;
process.env.PORTCULLIS_SEAL_KEY = randomBytes(32).toString("base64");
process.env.NEXTAUTH_SECRET = randomBytes(32).toString("base64url");
const { prismaEnv, runtimeEnv } = await import("./runtime-env.mjs");
const env = runtimeEnv();
Object.assign(process.env, env);

// The database first: a server started beside `migrate deploy` (its workers read settings and
// run the purge at start) can make a migration fail half-way on the locked file.
const migrate = spawn(path.join(root, "node_modules/.bin/prisma"), ["migrate", "deploy"], {
  cwd: root,
  env: prismaEnv(env), // the migration history and schema of the provider DATABASE_URL names
  stdio: "ignore",
});
if ((await new Promise((r) => migrate.on("exit", r))) !== 0) {
  rmSync(dataDir, { recursive: true, force: true });
  throw new Error("prisma migrate deploy failed");
}

const server = spawn(process.execPath, [path.join(root, "server.mjs")], {
  cwd: root,
  env: { ...env, NODE_ENV: "production", PORTCULLIS_HOST: "127.0.0.1" },
  stdio: "ignore",
  detached: true,
});
const stop = () => {
  try {
    process.kill(-server.pid!, "SIGTERM");
  } catch {
    /* already gone */
  }
  rmSync(dataDir, { recursive: true, force: true });
};
process.on("exit", stop);

/**
 * CPU time (user + system, ms) used so far by the server's process group, from /proc (Linux);
 * null elsewhere. Unlike wall time it hardly depends on what else the machine runs.
 */
function serverCpuMs(): number | null {
  try {
    let ticks = 0;
    for (const pid of readdirSync("/proc")) {
      if (!/^\d+$/.test(pid)) continue;
      let stat: string;
      try {
        stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      } catch {
        continue; // gone meanwhile
      }
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" "); // fields from 3 (state) on
      if (Number(f[2]) !== server.pid) continue; // field 5: process group
      ticks += Number(f[11]) + Number(f[12]); // fields 14, 15: utime, stime
    }
    return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

try {
  for (let i = 0; i < 100; i++) {
    if (
      await fetch(`${BASE}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await new Promise((r) => setTimeout(r, 200));
  }

  const { insertApplication } = await import("../lib/db/applications");
  const { insertUser } = await import("../lib/db/users");
  const { insertAuthenticator } = await import("../lib/db/authenticators");
  const { newApplicationKey } = await import("../lib/services/applications/manage-applications");
  const { createSsoSession } = await import("../lib/login/session");

  const acsUrl = "http://127.0.0.1:9/acs"; // never contacted: the benchmark reads the auto-post page
  const app = await insertApplication(newApplicationKey(), "generic-saml", {
    name: "Bench SP",
    notes: null,
    spEntityId: "urn:bench:sp",
    acs: [{ index: 1, url: acsUrl, binding: "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST", isDefault: true }],
    sloUrl: null,
    spLoginUrl: null,
    defaultRelayState: null,
    nameIdFormat: "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress",
    nameIdFormatsAccepted: ["urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress"],
    nameIdAttribute: "email",
    signatureAlgorithm: "SHA256",
    signResponse: true,
    signAssertion: true,
    requireSignedRequests: false,
    spCertificatePem: null,
    userAccess: "ALL",
    attributes: [
      { source: "email", samlName: "uid" },
      { source: "email", samlName: "mail" },
      { source: "username", samlName: "username" },
      { source: "realName", samlName: "displayName" },
      { source: "groups", samlName: "groups" },
    ],
    permittedGroupIds: [],
  });
  const user = await insertUser({ username: "bench", email: "bench@example.com", realName: "Bench User" });
  // As after a real sign-in under the Global Policy's defaults: an enrolled authenticator app,
  // and an SSO session from a password and a passcode.
  await insertAuthenticator(user.id, { type: "TOTP", name: "Authenticator app", secretSealed: "bench-not-used" });
  const now = Date.now();
  const session = await createSsoSession(user.id, { pwd: now, totp: now });

  const meta = await (await fetch(`${BASE}/saml2/idp/${app.key}/metadata`)).text();
  const idpCert = /<ds:X509Certificate>([^<]+)</.exec(meta)![1]!;
  const sp = new SAML({
    entryPoint: `${BASE}/saml2/idp/${app.key}/sso`,
    issuer: "urn:bench:sp",
    callbackUrl: acsUrl,
    idpCert,
    audience: "urn:bench:sp",
    wantAssertionsSigned: true,
    wantAuthnResponseSigned: true,
    identifierFormat: "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress",
  });

  const split: number[] = [];
  let t1 = 0;
  let hops = 0;
  async function login(): Promise<number> {
    const url = await sp.getAuthorizeUrlAsync("", undefined, {});
    const t0 = performance.now();
    const r1 = await fetch(url, { redirect: "manual", headers: { cookie: `pc_sso=${session.token}` } });
    t1 = performance.now();
    // With the SSO session the assurance accepts, /sso answers itself; otherwise it hops through /resume.
    let r2 = r1;
    if (r1.status !== 200) {
      const tx = /pc_tx=([^;]+)/.exec(r1.headers.get("set-cookie") ?? "")?.[1];
      if (r1.status !== 303 || !tx) throw new Error(`sso answered ${r1.status}`);
      hops++;
      r2 = await fetch(new URL(r1.headers.get("location")!, BASE), {
        redirect: "manual",
        headers: { cookie: `pc_sso=${session.token}; pc_tx=${tx}` },
      });
    }
    const html = await r2.text();
    const ms = performance.now() - t0;
    split.push(t1 - t0);
    const samlResponse = /name="SAMLResponse" value="([^"]+)"/.exec(html)?.[1];
    if (!samlResponse) throw new Error(`resume answered ${r2.status} without a response`);
    await sp.validatePostResponseAsync({ SAMLResponse: samlResponse });
    return ms;
  }

  for (let i = 0; i < 20; i++) await login(); // warm-up (JIT, caches)
  const times: number[] = [];
  const cpuBefore = serverCpuMs();
  const started = performance.now();
  for (let i = 0; i < LOGINS; i++) times.push(await login());
  const wall = (performance.now() - started) / 1000;
  const cpuAfter = serverCpuMs();
  times.sort((a, b) => a - b);
  const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!.toFixed(1);
  console.log(
    `HTTP SP-initiated logins with an SSO session (loopback, sequential, ${LOGINS} logins, each validated by node-saml):`,
  );
  console.log(
    `  server time per login (${hops ? "/sso + /resume" : "one request: /sso"}): p50 ${q(0.5)} ms, p99 ${q(0.99)} ms, max ${times[times.length - 1]!.toFixed(1)} ms`,
  );
  split.sort((a, b) => a - b);
  if (hops)
    console.log(
      `  of which /sso (validate the AuthnRequest, open the login transaction): p50 ${split[Math.floor(split.length / 2)]!.toFixed(1)} ms`,
    );
  console.log(`  logins/s including client-side validation: ${(LOGINS / wall).toFixed(0)}`);
  if (cpuBefore !== null && cpuAfter !== null)
    console.log(
      `  server CPU time per login (all server processes): ${((cpuAfter - cpuBefore) / LOGINS).toFixed(2)} ms`,
    );
} finally {
  stop();
}
process.exit(0);
