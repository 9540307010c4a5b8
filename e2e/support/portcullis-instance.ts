// Another Portcullis server from the same production build, started by a test: the upstream
// identity provider of e2e/auth-sources.spec.ts, and the two instances on one PostgreSQL of
// e2e/scale-out.spec.ts. Each has its own data folder in the OS temp folder; the database,
// secrets and public base URL are the caller's. Migrated and seeded
// (e2e/support/instance-seed.mts) before it starts; stopped with its process group.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { serverProcessSettings } from "../../lib/http/server-config.mjs";
import { waitUntil } from "./wait";

const ROOT = path.join(__dirname, "..", "..");

export type InstanceSecrets = { PORTCULLIS_SEAL_KEY: string; NEXTAUTH_SECRET: string };

/** New secrets for an instance (or for several that share a database). */
export function newSecrets(): InstanceSecrets {
  return {
    PORTCULLIS_SEAL_KEY: randomBytes(32).toString("base64"),
    NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
  };
}

export type InstanceOptions = {
  host: string;
  port: number;
  /** The public base URL (the instance's own origin, or the reverse proxy's in front of it). */
  baseUrl: string;
  /** Default: SQLite in the instance's data folder. */
  databaseUrl?: string;
  secrets: InstanceSecrets;
  /** Extra environment (e.g. PORTCULLIS_TRUSTED_PROXIES). */
  env?: Record<string, string>;
};

export class PortcullisInstance {
  private server?: ChildProcess;
  private output = "";
  readonly origin: string;
  readonly env: NodeJS.ProcessEnv;

  constructor(
    readonly options: InstanceOptions,
    readonly dataDir = mkdtempSync(path.join(os.tmpdir(), "portcullis-instance-")),
  ) {
    this.origin = `http://${options.host}:${options.port}`;
    this.env = {
      ...process.env,
      ...options.secrets,
      NODE_ENV: "production",
      PORT: String(options.port),
      PORTCULLIS_HOST: options.host,
      PORTCULLIS_DATA_DIR: dataDir,
      DATABASE_URL: options.databaseUrl ?? `file:${path.join(dataDir, "portcullis.db")}`,
      PORTCULLIS_BASE_URL: options.baseUrl,
      NEXTAUTH_URL: options.baseUrl,
      PORTCULLIS_WORKERS: "1",
      // Nothing of the e2e server's own listeners.
      PORTCULLIS_E2E_DATABASE_URL: "",
      PORTCULLIS_TRUSTED_PROXIES: "",
      PORTCULLIS_TLS_CERT: "",
      PORTCULLIS_TLS_KEY: "",
      PORTCULLIS_HTTPS_PORT: "",
      PORTCULLIS_DEVICE_CHECK_TLS_PORT: "",
      PORTCULLIS_DEVICE_CHECK_PROXY_PORT: "",
      ...options.env,
    };
  }

  /** `prisma migrate deploy` on the instance's database. */
  migrate(): void {
    const r = spawnSync(process.execPath, [path.join("scripts", "with-env.mjs"), "prisma", "migrate", "deploy"], {
      cwd: ROOT,
      env: this.env,
      encoding: "utf8",
      timeout: 180_000,
    });
    if (r.status !== 0) throw new Error(`migrate failed (${r.status}): ${r.stderr.slice(-3000)}`);
  }

  /** Runs e2e/support/instance-seed.mts with `input` on the instance's database; returns its answer. */
  seed<T>(input: unknown): T {
    const r = spawnSync(
      process.execPath,
      [
        path.join("scripts", "with-env.mjs"),
        "tsx",
        path.join("e2e", "support", "instance-seed.mts"),
        JSON.stringify(input),
      ],
      { cwd: ROOT, env: this.env, encoding: "utf8", timeout: 120_000 },
    );
    if (r.status !== 0) throw new Error(`seed failed (${r.status}): ${r.stderr.slice(-3000)}`);
    return JSON.parse(r.stdout.trim().split("\n").pop()!) as T;
  }

  /** Starts the server (the production build) and waits for /healthz. */
  async start(): Promise<void> {
    // Started as scripts/start.mjs starts it (the same memory settings).
    const settings = serverProcessSettings(this.env);
    const server = spawn(process.execPath, [...settings.nodeArgs, path.join(ROOT, "server.mjs")], {
      cwd: ROOT,
      env: { ...this.env, ...settings.env },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    this.server = server;
    const keep = (d: Buffer) => (this.output = (this.output + d.toString("utf8")).slice(-4000));
    server.stdout!.on("data", keep);
    server.stderr!.on("data", keep);
    await waitUntil(() => fetch(`${this.origin}/healthz`).then((r) => r.ok), {
      what: `Portcullis on ${this.origin}`,
      timeoutMs: 120_000,
      gaveUp: () => (server.exitCode !== null ? `exited with code ${server.exitCode}` : undefined),
      detail: () => this.output,
    });
  }

  /** The last lines the server printed. */
  get log(): string {
    return this.output;
  }

  async stop(): Promise<void> {
    const child = this.server;
    if (child?.pid && child.exitCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      process.kill(-child.pid, "SIGTERM");
      await exited;
    }
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
