// The production server for the HTTP benchmarks (scripts/bench-http.mts, scripts/bench-sso-http.mts):
// a fresh data folder and secrets, SQLite or a throwaway PostgreSQL cluster
// (PORTCULLIS_BENCH_DB=postgresql), the migrations applied before the server starts (a server
// started beside `migrate deploy` reads settings and purges at start, and can make a migration
// fail half-way), the server as its own process group, and its CPU time and memory from /proc.
// Also the benchmarks' one application (both signatures, five attributes) and their SP.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { SAML, ValidateInResponseTo } from "@node-saml/node-saml";
import { serverProcessSettings } from "../lib/http/server-config.mjs";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");

/** Never contacted: the benchmarks read the auto-post page. */
export const BENCH_ACS_URL = "http://127.0.0.1:9/acs";
const EMAIL = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress";

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Fields of /proc/<pid>/stat from field 3 (state) on, or null when the process is gone. */
function statFields(pid: string): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  } catch {
    return null;
  }
}

/** Pids of a process group (Linux /proc). */
function groupPids(group: number | undefined): string[] {
  if (!group) return [];
  return readdirSync("/proc").filter((pid) => /^\d+$/.test(pid) && Number(statFields(pid)?.[2]) === group); // field 5: process group
}

/** CPU time (user + system, ms) used so far by a process group's processes. */
export function groupCpuMs(group: number | undefined): number {
  let ticks = 0;
  for (const pid of groupPids(group)) {
    const f = statFields(pid);
    if (f) ticks += Number(f[11]) + Number(f[12]); // fields 14, 15: utime, stime
  }
  return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
}

/**
 * Memory of a process group's processes, MB: RSS summed over the processes, and PSS (Linux
 * smaps_rollup), which counts a page shared by n processes as 1/n in each. The workers of a
 * cluster share the node binary's and libraries' pages (~45-55 MB each here), so summed RSS
 * counts those once per process and PSS is what the group takes from the machine.
 */
export function groupMemoryMb(group: number | undefined): { rss: number; pss: number } {
  let rss = 0;
  let pss = 0;
  for (const pid of groupPids(group)) {
    try {
      const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
      rss += Number(/^Rss:\s+(\d+) kB/m.exec(rollup)?.[1] ?? 0);
      pss += Number(/^Pss:\s+(\d+) kB/m.exec(rollup)?.[1] ?? 0);
    } catch {
      /* gone */
    }
  }
  return { rss: rss / 1024, pss: pss / 1024 };
}

export type BenchServer = {
  base: string;
  provider: "SQLite" | "PostgreSQL";
  /** Starts the server (PORTCULLIS_WORKERS = workers, default one per core) and waits until every worker answers. */
  start(opts?: { workers?: number; nodeArgs?: string[]; stderr?: "inherit" | "ignore" }): Promise<void>;
  /** Stops the server (the data and database stay for the next start). */
  stop(): Promise<void>;
  /** CPU time (user + system, ms) used so far by all the server's processes. */
  cpuMs(): number;
  /** Memory of all the server's processes, MB (groupMemoryMb). */
  memoryMb(): { rss: number; pss: number };
  /** Stops the server and removes its data folder and database cluster. */
  close(): Promise<void>;
};

/**
 * Prepares a server on PORTCULLIS_BENCH_PORT (or `port`, or a free port): data folder,
 * secrets and database, migrated. Sets process.env to the server's environment, so that this
 * process can seed the same database through lib/db.
 */
export async function prepareBenchServer(opts: { prefix: string; port?: number }): Promise<BenchServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), `${opts.prefix}-`));
  const port = Number(process.env.PORTCULLIS_BENCH_PORT ?? opts.port ?? (await freePort()));
  const base = `http://127.0.0.1:${port}`;

  let cluster: { stop(): void } | null = null;
  if (process.env.PORTCULLIS_BENCH_DB === "postgresql") {
    const { startCluster } = await import("./pg-cluster.mjs");
    const pgCluster = await startCluster({ prefix: `${opts.prefix}-pg-` });
    cluster = pgCluster;
    const { default: pg } = await import("pg");
    const admin = new pg.Client({ connectionString: pgCluster.adminUrl });
    await admin.connect();
    await admin.query("CREATE DATABASE portcullis");
    await admin.end();
    process.env.DATABASE_URL = pgCluster.url("portcullis");
  }
  process.env.PORTCULLIS_DATA_DIR = dataDir;
  process.env.PORT = String(port);
  process.env.PORTCULLIS_BASE_URL = base;
  process.env.PORTCULLIS_SEAL_KEY = randomBytes(32).toString("base64");
  process.env.NEXTAUTH_SECRET = randomBytes(32).toString("base64url");
  const { prismaEnv, runtimeEnv } = await import("./runtime-env.mjs");
  const env = runtimeEnv();
  Object.assign(process.env, env);

  let server: ChildProcess | null = null;
  const cleanUp = () => {
    if (server?.pid)
      try {
        process.kill(-server.pid, "SIGKILL");
      } catch {
        /* gone */
      }
    cluster?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  process.on("exit", cleanUp);

  const migrate = spawn(path.join(root, "node_modules/.bin/prisma"), ["migrate", "deploy"], {
    cwd: root,
    env: prismaEnv(env), // the migration history and schema of the provider DATABASE_URL names
    stdio: "ignore",
  });
  if ((await new Promise((r) => migrate.on("exit", r))) !== 0) {
    cleanUp();
    throw new Error("prisma migrate deploy failed");
  }

  const stop = (): Promise<void> => {
    const s = server;
    server = null;
    if (!s || s.exitCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      s.once("exit", () => resolve());
      try {
        process.kill(-s.pid!, "SIGTERM");
      } catch {
        resolve();
      }
    });
  };

  return {
    base,
    provider: cluster ? "PostgreSQL" : "SQLite",
    async start({ workers, nodeArgs = [], stderr = "inherit" } = {}) {
      // Started as scripts/start.mjs starts it (the same memory settings).
      const settings = serverProcessSettings(env);
      const s = spawn(process.execPath, [...settings.nodeArgs, ...nodeArgs, path.join(root, "server.mjs")], {
        cwd: root,
        env: {
          ...env,
          ...settings.env,
          NODE_ENV: "production",
          PORTCULLIS_HOST: "127.0.0.1",
          ...(workers ? { PORTCULLIS_WORKERS: String(workers) } : {}),
        },
        stdio: ["ignore", "ignore", stderr],
        detached: true,
      });
      server = s;
      const answers = (headers?: Record<string, string>) =>
        fetch(`${base}/healthz`, { headers }).then(
          (r) => r.ok,
          () => false,
        );
      for (let i = 0; i < 300; i++) {
        if (s.exitCode !== null) throw new Error(`the server exited (${s.exitCode})`);
        // With several workers, wait until each answers (new connections go to the workers in turn).
        if (await answers()) {
          let all = true;
          for (let k = 0; k < (workers ?? 4) * 2; k++) all &&= await answers({ connection: "close" });
          if (all) return;
        }
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error("the server did not start");
    },
    stop,
    cpuMs: () => groupCpuMs(server?.pid),
    memoryMb: () => groupMemoryMb(server?.pid),
    async close() {
      await stop();
      process.off("exit", cleanUp);
      cleanUp();
    },
  };
}

/** The benchmarks' application: a generic SAML SP, Response and Assertion signed (RSA-SHA256), email NameID, five attributes. */
export async function insertBenchApp(): Promise<{ id: string; key: string }> {
  const { makeApplication } = await import("../test/helpers");
  return makeApplication("Bench SP", {
    spEntityId: "urn:bench:sp",
    acs: [{ index: 1, url: BENCH_ACS_URL, binding: "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST", isDefault: true }],
    nameIdFormatsAccepted: [EMAIL],
    attributes: [
      { source: "email", samlName: "uid" },
      { source: "email", samlName: "mail" },
      { source: "username", samlName: "username" },
      { source: "realName", samlName: "displayName" },
      { source: "groups", samlName: "groups" },
    ],
  });
}

/** The signing certificate the IdP's metadata for `appKey` publishes (base64 DER). */
export async function benchIdpCertificate(base: string, appKey: string): Promise<string> {
  const meta = await (await fetch(`${base}/saml2/idp/${appKey}/metadata`)).text();
  return /<ds:X509Certificate>([^<]+)</.exec(meta)![1]!;
}

/** The benchmarks' SP (node-saml) of a Portcullis application (or another IdP's SSO URL): both signatures required, InResponseTo checked against its own requests. */
export function benchSp(base: string, appKey: string, idpCert: string, entryPoint?: string): SAML {
  return new SAML({
    entryPoint: entryPoint ?? `${base}/saml2/idp/${appKey}/sso`,
    issuer: "urn:bench:sp",
    callbackUrl: BENCH_ACS_URL,
    idpCert,
    audience: "urn:bench:sp",
    wantAssertionsSigned: true,
    wantAuthnResponseSigned: true,
    identifierFormat: EMAIL,
    validateInResponseTo: ValidateInResponseTo.always,
    requestIdExpirationPeriodMs: 120_000,
  });
}
