// bench:http — the production server under the load, on loopback, in one run:
//   20 clients, each signed in once through the real hosted pages in Chromium (identifier,
//   password, and the passcode of its authenticator app, as the Global Policy's defaults
//   require), then for SECONDS (30 by default, after a 5 s warm-up) complete SP-initiated
//   round trips: a fresh deflated AuthnRequest by HTTP-Redirect (made by @node-saml), the IdP's
//   redirects followed with the client's cookies until the auto-post form, and the Response
//   validated by node-saml (both signatures, InResponseTo against the requests it made). The
//   clients run in one thread per core (scripts/bench-http-client.mts; --client-threads N).
// Printed per server configuration: round trips/s, p50/p90/p99, server CPU ms per round trip
// (all server processes, from /proc), server memory after the run (all processes: RSS summed,
// and PSS, which counts the pages the processes share once; see groupMemoryMb), the client's
// own CPU, and the metadata URL's requests/s. The baseline is the same server with one worker,
// measured in the same run; the ratio is printed.
//
//   npm run bench:http [-- --seconds 30 --clients 20 --workers N]
//   PORTCULLIS_BENCH_DB=postgresql npm run bench:http     (a throwaway PostgreSQL cluster)
//   npx tsx scripts/bench-http.mts --profile /tmp/prof     (CPU profile of the one-worker server)
//   npm run bench:http -- --server-node-args=--optimize-for-size   (server flags, after its own)
//   npm run bench:http -- --vs-simplesamlphp              (then the same load against Debian's
//       SimpleSAMLphp 1.19 IdP, same SP, same signatures and attributes, and the ratio)
// Ports: PORTCULLIS_BENCH_PORT (default: a free one). Run after `npm run build`.
import { randomBytes } from "node:crypto";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type { SAML } from "@node-saml/node-saml";
import { Worker } from "node:worker_threads";
import {
  cookieHeader,
  keepCookies,
  type ClientThreadData,
  type ClientThreadResult,
  type Jar,
} from "./bench-http-client.mts";
import { BENCH_ACS_URL, benchIdpCertificate, benchSp, insertBenchApp, prepareBenchServer } from "./bench-server.mts";

const { values: args } = parseArgs({
  options: {
    seconds: { type: "string", default: "30" },
    warmup: { type: "string", default: "5" },
    clients: { type: "string", default: "20" },
    workers: { type: "string", default: String(availableParallelism()) },
    // Threads the clients are spread over (scripts/bench-http-client.mts).
    "client-threads": { type: "string", default: String(availableParallelism()) },
    "metadata-seconds": { type: "string", default: "5" },
    // A CPU profile of the one-worker server (node --cpu-prof) into this folder; skips the N-worker pass.
    profile: { type: "string" },
    // More node/V8 flags for the server, after its own (serverProcessSettings), so they win:
    // e.g. --server-node-args=--optimize-for-size, or --max-semi-space-size=16 to undo a default.
    "server-node-args": { type: "string", default: "" },
    // The same loop against Debian's SimpleSAMLphp IdP in the same run (scripts/bench-simplesamlphp.mts).
    "vs-simplesamlphp": { type: "boolean", default: false },
  },
});
const SECONDS = Number(args.seconds);
const WARMUP = Number(args.warmup);
const CLIENTS = Number(args.clients);
const WORKERS = Number(args.workers);
const META_SECONDS = Number(args["metadata-seconds"]);
const CLIENT_THREADS = Number(args["client-threads"]);
for (const [k, v] of Object.entries({ SECONDS, WARMUP, CLIENTS, WORKERS, META_SECONDS, CLIENT_THREADS }))
  if (!Number.isFinite(v) || v < (k === "WARMUP" ? 0 : 1)) throw new Error(`bad value for ${k.toLowerCase()}`);

const server = await prepareBenchServer({ prefix: "portcullis-bench-http" });
const BASE = server.base;
const startServer = (workers: number) =>
  server.start({
    workers,
    nodeArgs: [
      ...args["server-node-args"].split(/\s+/).filter(Boolean),
      ...(args.profile ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(args.profile)}`] : []),
    ],
  });

// ---------------------------------------------------------------- tenant

const { insertUser } = await import("../lib/db/users");
const { insertAuthenticator } = await import("../lib/db/authenticators");
const { hashPassword } = await import("../lib/crypto/password");
const { sealSecret } = await import("../lib/crypto/secrets");
const { userTotpSealContext } = await import("../lib/mfa/totp-enrollment");
const { generateSync } = await import("otplib");

const acsUrl = BENCH_ACS_URL;
const app = await insertBenchApp();

const PASSWORD = "correct horse battery staple";
const passwordHash = await hashPassword(PASSWORD);
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const users: { username: string; secret: string }[] = [];
for (let i = 0; i < CLIENTS; i++) {
  const username = `bench${i}`;
  const secret = Array.from(randomBytes(32), (b) => ALPHABET[b & 31]).join("");
  const u = await insertUser({
    username,
    email: `${username}@example.com`,
    realName: `Bench User ${i}`,
    passwordHash,
  });
  await insertAuthenticator(u.id, {
    type: "TOTP",
    name: "Authenticator app",
    secretSealed: sealSecret(secret, userTotpSealContext(u.id)),
  });
  users.push({ username, secret });
}

const newSp = (idpCert: string): SAML => benchSp(BASE, app.key, idpCert);

// ---------------------------------------------------------------- clients

/** Signs every user in once through the hosted pages in Chromium; returns each one's cookies. */
async function signInAll(idpCert: string): Promise<Jar[]> {
  const { chromium } = await import("@playwright/test");
  const browser = await chromium.launch({
    executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  const jars: Jar[] = [];
  try {
    for (const u of users) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const sp = newSp(idpCert);
      let posted: string | null = null;
      await page.route(`${acsUrl}**`, async (route) => {
        posted = new URLSearchParams(route.request().postData() ?? "").get("SAMLResponse");
        await route.fulfill({ status: 200, contentType: "text/plain", body: "received" });
      });
      await page.goto(await sp.getAuthorizeUrlAsync("", undefined, {}));
      await page.getByLabel(/^Username or email/).fill(u.username);
      await page.getByRole("button", { name: "Next", exact: true }).click();
      await page.locator("input[type=password]").fill(PASSWORD);
      await page.getByRole("button", { name: "Log in", exact: true }).click();
      await page.waitForURL((url) => url.pathname === "/sso/verify", { timeout: 60_000 });
      const step = Math.floor(Date.now() / 30_000);
      await page.getByLabel(/^Passcode/).fill(generateSync({ secret: u.secret, epoch: step * 30 }));
      await page.getByRole("button", { name: "Verify", exact: true }).click();
      await page.waitForURL(acsUrl, { timeout: 60_000 });
      if (!posted) throw new Error(`${u.username}: no Response was posted to the ACS`);
      await sp.validatePostResponseAsync({ SAMLResponse: posted });
      const jar: Jar = new Map();
      for (const c of await context.cookies(BASE)) if (c.name.endsWith("pc_sso")) jar.set(c.name, c.value);
      if (!jar.size) throw new Error(`${u.username}: no SSO session cookie after signing in`);
      jars.push(jar);
      await context.close();
    }
  } catch (e) {
    const pages = browser.contexts().flatMap((c) => c.pages());
    if (pages[0]) {
      await pages[0].screenshot({ path: path.join(tmpdir(), "bench-http-sign-in.png") }).catch(() => {});
      console.error(
        `  sign-in failed at ${pages[0].url()}; screenshot: ${path.join(tmpdir(), "bench-http-sign-in.png")}`,
      );
    }
    throw e;
  } finally {
    await browser.close();
  }
  return jars;
}

/** Signs a user in at SimpleSAMLphp's login form (exampleauth:UserPass); returns the session cookies. */
async function signInAtSimpleSamlPhp(sp: SAML, username: string): Promise<Jar> {
  const jar: Jar = new Map();
  let url = await sp.getAuthorizeUrlAsync("", undefined, {});
  let init: RequestInit = {};
  for (let hop = 0; hop < 8; hop++) {
    const r = await fetch(url, {
      ...init,
      redirect: "manual",
      headers: { ...init.headers, cookie: cookieHeader(jar) },
    });
    keepCookies(jar, r);
    init = {};
    if (r.status >= 300 && r.status < 400) {
      await r.arrayBuffer();
      url = new URL(r.headers.get("location")!, url).toString();
      continue;
    }
    const html = await r.text();
    const samlResponse = /name="SAMLResponse" value="([^"]+)"/.exec(html)?.[1];
    if (samlResponse) {
      await sp.validatePostResponseAsync({ SAMLResponse: samlResponse });
      return jar;
    }
    const authState = /name="AuthState" value="([^"]+)"/.exec(html)?.[1];
    if (r.status !== 200 || !authState) throw new Error(`SimpleSAMLphp sign-in: ${r.status} at ${url}`);
    init = {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        username,
        password: PASSWORD,
        AuthState: authState.replace(/&amp;/g, "&"),
      }).toString(),
    };
  }
  throw new Error("SimpleSAMLphp sign-in: too many hops");
}

type Result = {
  label: string;
  roundTrips: number;
  perSecond: number;
  p50: number;
  p90: number;
  p99: number;
  serverCpuMsPerRoundTrip: number;
  clientCpuMsPerRoundTrip: number;
  rssMb: number;
  rssPeakMb: number;
  pssMb: number;
  pssPeakMb: number;
  metadataPerSecond: number;
  metadataCpuMs: number;
  errors: number;
  load: string;
};

/** What a pass measures: Portcullis with N workers, or SimpleSAMLphp. */
type Target = {
  label: string;
  /** The SP of the round trips (benchSp's arguments: each client thread makes its own). */
  sp: ClientThreadData["sp"];
  metadataUrl: string;
  cpuMs: () => number;
  memoryMb: () => { rss: number; pss: number };
};

async function measure(target: Target, jars: Jar[]): Promise<Result> {
  // The clients, spread over CLIENT_THREADS threads (scripts/bench-http-client.mts).
  const threads = Array.from({ length: Math.min(CLIENT_THREADS, jars.length) }, (_, t) => {
    const data: ClientThreadData = {
      sp: target.sp,
      jars: jars.filter((_, i) => i % CLIENT_THREADS === t).map((jar) => [...jar]),
    };
    // A worker thread does not inherit tsx's loader: register it, then load the TypeScript module.
    const entry = new URL("./bench-http-client.mts", import.meta.url).href;
    return new Worker(
      `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`,
      { eval: true, workerData: data },
    );
  });
  const results = threads.map(
    (w) =>
      new Promise<ClientThreadResult>((resolve, reject) => {
        w.once("message", resolve);
        w.once("error", reject);
      }),
  );
  await new Promise((r) => setTimeout(r, WARMUP * 1000));
  const cpu0 = target.cpuMs();
  const client0 = process.cpuUsage(); // the whole process: every client thread
  const t0 = performance.now();
  for (const w of threads) w.postMessage("measure");
  // Memory moves with the garbage collector: sampled every second, the peak is printed beside the end.
  const peak = target.memoryMb();
  const sampler = setInterval(() => {
    const m = target.memoryMb();
    peak.rss = Math.max(peak.rss, m.rss);
    peak.pss = Math.max(peak.pss, m.pss);
  }, 1000);
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  clearInterval(sampler);
  for (const w of threads) w.postMessage("stop");
  const wall = (performance.now() - t0) / 1000;
  const cpu1 = target.cpuMs();
  const client1 = process.cpuUsage(client0);
  const done = await Promise.all(results);
  await Promise.all(threads.map((w) => w.terminate()));
  const times = done.flatMap((d) => d.times);
  const errors = done.reduce((n, d) => n + d.errors, 0);
  const firstError = done.find((d) => d.firstError)?.firstError ?? null;
  if (errors) console.error(`  ${errors} round trips failed; the first: ${firstError}`);
  const memory = target.memoryMb();

  // The metadata URL: CLIENTS concurrent clients for META_SECONDS.
  let metaCount = 0;
  let metaStop = false;
  const metaUrl = target.metadataUrl;
  const m0 = performance.now();
  const metaCpu0 = target.cpuMs();
  const metaLoops = jars.map(async () => {
    while (!metaStop) {
      const r = await fetch(metaUrl);
      await r.arrayBuffer();
      if (r.ok) metaCount++;
    }
  });
  await new Promise((r) => setTimeout(r, META_SECONDS * 1000));
  metaStop = true;
  await Promise.all(metaLoops);
  const metaWall = (performance.now() - m0) / 1000;
  const metaCpuMs = (target.cpuMs() - metaCpu0) / Math.max(1, metaCount);

  times.sort((a, b) => a - b);
  const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? NaN;
  return {
    label: target.label,
    roundTrips: times.length,
    perSecond: times.length / wall,
    p50: q(0.5),
    p90: q(0.9),
    p99: q(0.99),
    serverCpuMsPerRoundTrip: (cpu1 - cpu0) / Math.max(1, times.length),
    clientCpuMsPerRoundTrip: (client1.user + client1.system) / 1000 / Math.max(1, times.length),
    rssMb: memory.rss,
    rssPeakMb: Math.max(peak.rss, memory.rss),
    pssMb: memory.pss,
    pssPeakMb: Math.max(peak.pss, memory.pss),
    metadataPerSecond: metaCount / metaWall,
    metadataCpuMs: metaCpuMs,
    errors,
    load: loadavg()
      .map((l) => l.toFixed(2))
      .join(" "),
  };
}

const memoryLine = (m: { rss: number; pss: number }) => `RSS ${m.rss.toFixed(0)} MB, PSS ${m.pss.toFixed(0)} MB`;

function print(r: Result) {
  console.log(
    `  ${r.label}: ${r.perSecond.toFixed(0)} round trips/s (${r.roundTrips} in ${SECONDS} s, ${r.errors} failed); ` +
      `p50 ${r.p50.toFixed(1)} ms, p90 ${r.p90.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms; ` +
      `server CPU ${r.serverCpuMsPerRoundTrip.toFixed(2)} ms/round trip (client ${r.clientCpuMsPerRoundTrip.toFixed(2)} ms); ` +
      `server memory after the run: RSS ${r.rssMb.toFixed(0)} MB (peak ${r.rssPeakMb.toFixed(0)}), PSS ${r.pssMb.toFixed(0)} MB (peak ${r.pssPeakMb.toFixed(0)}); metadata ${r.metadataPerSecond.toFixed(0)} req/s (server CPU ${r.metadataCpuMs.toFixed(2)} ms each); load average ${r.load}`,
  );
  // What the server's CPU cost alone would allow on this machine's cores (the client shares them).
  console.log(
    `    server-bound capacity on ${availableParallelism()} cores: ${((availableParallelism() * 1000) / r.serverCpuMsPerRoundTrip).toFixed(0)} round trips/s, ` +
      `${((availableParallelism() * 1000) / r.metadataCpuMs).toFixed(0)} metadata req/s (cores x 1000 / server CPU ms; derived, not measured)`,
  );
}

try {
  console.log(
    `bench:http on ${server.provider}, loopback, ${CLIENTS} clients, ${SECONDS} s after a ${WARMUP} s warm-up, ${availableParallelism()} cores, load average before: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
  await startServer(1);
  const idpCert = await benchIdpCertificate(BASE, app.key);
  console.log(`  server memory after start and one metadata request: ${memoryLine(server.memoryMb())}`);
  const s0 = performance.now();
  const jars = await signInAll(idpCert);
  console.log(
    `  ${jars.length} users signed in through the hosted pages (password + passcode) in ${((performance.now() - s0) / 1000).toFixed(1)} s`,
  );
  const portcullis = (workers: number): Target => ({
    label: `Portcullis, ${workers} worker(s)`,
    sp: { base: BASE, appKey: app.key, idpCert },
    metadataUrl: `${BASE}/saml2/idp/${app.key}/metadata`,
    cpuMs: server.cpuMs,
    memoryMb: server.memoryMb,
  });
  const base = await measure(portcullis(1), jars);
  print(base);
  await server.stop();
  let best = base;
  if (WORKERS > 1 && !args.profile) {
    await startServer(WORKERS);
    await benchIdpCertificate(BASE, app.key);
    console.log(
      `  ${WORKERS} workers: server memory after start and one metadata request: ${memoryLine(server.memoryMb())}`,
    );
    const many = await measure(portcullis(WORKERS), jars);
    print(many);
    console.log(
      `  ratio ${WORKERS} workers / 1 worker: round trips/s x${(many.perSecond / base.perSecond).toFixed(2)}, metadata x${(many.metadataPerSecond / base.metadataPerSecond).toFixed(2)}`,
    );
    await server.stop();
    best = many;
  }
  if (args["vs-simplesamlphp"]) {
    const { startSimpleSamlPhpIdp } = await import("./bench-simplesamlphp.mts");
    const ssp = await startSimpleSamlPhpIdp(
      users.map((u) => ({ username: u.username, email: `${u.username}@example.com`, realName: u.username })),
      PASSWORD,
    );
    try {
      const sspSp = () => benchSp(ssp.base, "", ssp.certificate, ssp.ssoUrl);
      const s1 = performance.now();
      const sspJars = await Promise.all(users.map((u) => signInAtSimpleSamlPhp(sspSp(), u.username)));
      console.log(
        `  ${sspJars.length} users signed in at SimpleSAMLphp (exampleauth:UserPass form) in ${((performance.now() - s1) / 1000).toFixed(1)} s`,
      );
      const other = await measure(
        {
          label: "SimpleSAMLphp 1.19 (Apache prefork, mod_php 8.2)",
          sp: { base: ssp.base, appKey: "", idpCert: ssp.certificate, entryPoint: ssp.ssoUrl },
          metadataUrl: `${ssp.base}/simplesaml/saml2/idp/metadata.php`,
          cpuMs: ssp.cpuMs,
          memoryMb: ssp.memoryMb,
        },
        sspJars,
      );
      print(other);
      console.log(
        `  ratio Portcullis (${best.label}) / SimpleSAMLphp: round trips/s x${(best.perSecond / other.perSecond).toFixed(2)}, ` +
          `p99 x${(best.p99 / other.p99).toFixed(2)}, server CPU per round trip x${(best.serverCpuMsPerRoundTrip / other.serverCpuMsPerRoundTrip).toFixed(2)}`,
      );
    } finally {
      await ssp.stop();
    }
  }
} finally {
  await server.close();
}
process.exit(0);
