// SSO benchmark over HTTP, bounded and on loopback only: starts the production build on a
// fresh database, creates an application and a signed-in user (an SSO session), then runs
// complete SP-initiated logins — AuthnRequest by HTTP-Redirect (made by @node-saml) ->
// /sso (which answers itself with the SSO session) -> signed Response validated by node-saml —
// and prints p50/p99.
// Run after `npm run build`: npx tsx scripts/bench-sso-http.mts [logins=300]
// PORTCULLIS_BENCH_PORT moves the server off port 3300 (two checkouts side by side);
// PORTCULLIS_BENCH_DB=postgresql runs it on a throwaway PostgreSQL cluster (scripts/bench-server.mts).
import { benchIdpCertificate, benchSp, insertBenchApp, prepareBenchServer } from "./bench-server.mts";

const LOGINS = Math.min(Number(process.argv[2] ?? 300), 2000);
const server = await prepareBenchServer({ prefix: "portcullis-bench", port: 3300 });
const BASE = server.base;

try {
  await server.start({ stderr: "ignore" });
  const { insertUser } = await import("../lib/db/users");
  const { insertAuthenticator } = await import("../lib/db/authenticators");
  const { createSsoSession } = await import("../lib/login/session");
  const app = await insertBenchApp();
  const user = await insertUser({ username: "bench", email: "bench@example.com", realName: "Bench User" });
  // As after a real sign-in under the Global Policy's defaults: an enrolled authenticator app,
  // and an SSO session from a password and a passcode.
  await insertAuthenticator(user.id, { type: "TOTP", name: "Authenticator app", secretSealed: "bench-not-used" });
  const now = Date.now();
  const session = await createSsoSession(user.id, { pwd: now, totp: now });

  const sp = benchSp(BASE, app.key, await benchIdpCertificate(BASE, app.key));

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
  const cpuBefore = server.cpuMs();
  const started = performance.now();
  for (let i = 0; i < LOGINS; i++) times.push(await login());
  const wall = (performance.now() - started) / 1000;
  const cpuAfter = server.cpuMs();
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
  console.log(`  server CPU time per login (all server processes): ${((cpuAfter - cpuBefore) / LOGINS).toFixed(2)} ms`);
} finally {
  await server.close();
}
process.exit(0);
