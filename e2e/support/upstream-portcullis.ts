// A second Portcullis instance on loopback, started by the test, that plays the upstream
// identity provider of an authentication source (Portcullis IS a SAML IdP). Its own data
// folder and SQLite database in the OS temp folder, its own secrets, a free port on
// 127.0.0.2: another host than the e2e server's 127.0.0.1, so the two instances' cookies
// never mix and its Response reaches Portcullis's ACS as a cross-site POST, as Entra ID's does.
// Migrated and seeded (e2e/support/upstream-seed.mts) before it starts; stopped with its
// process group.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { waitUntil } from "./wait";

const ROOT = path.join(__dirname, "..", "..");
export const UPSTREAM_HOST = "127.0.0.2";

/** A port free on 127.0.0.2 now (the OS picks it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, UPSTREAM_HOST, () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export type UpstreamApp = { id: string; key: string; entityId: string; ssoUrl: string; metadataUrl: string };
export type UpstreamUser = { username: string; email: string; realName: string; password: string };

export class UpstreamPortcullis {
  private server?: ChildProcess;
  private log = "";

  private constructor(
    readonly baseUrl: string,
    private readonly port: number,
    private readonly dataDir: string,
    private readonly secrets: Record<string, string>,
    readonly apps: UpstreamApp[],
    readonly certificatePem: string,
  ) {}

  private static env(
    dataDir: string,
    baseUrl: string,
    port: number,
    secrets: Record<string, string>,
  ): NodeJS.ProcessEnv {
    return {
      ...process.env,
      ...secrets,
      NODE_ENV: "production",
      PORT: String(port),
      PORTCULLIS_HOST: UPSTREAM_HOST,
      PORTCULLIS_DATA_DIR: dataDir,
      DATABASE_URL: `file:${path.join(dataDir, "portcullis.db")}`,
      PORTCULLIS_BASE_URL: baseUrl,
      NEXTAUTH_URL: baseUrl,
      // Nothing of the e2e server's own listeners.
      PORTCULLIS_E2E_DATABASE_URL: "",
      PORTCULLIS_TLS_CERT: "",
      PORTCULLIS_TLS_KEY: "",
      PORTCULLIS_HTTPS_PORT: "",
      PORTCULLIS_DEVICE_CHECK_TLS_PORT: "",
      PORTCULLIS_DEVICE_CHECK_PROXY_PORT: "",
    };
  }

  private static seed(env: NodeJS.ProcessEnv, input: unknown): unknown {
    const r = spawnSync(
      process.execPath,
      [
        path.join("scripts", "with-env.mjs"),
        "tsx",
        path.join("e2e", "support", "upstream-seed.mts"),
        JSON.stringify(input),
      ],
      { cwd: ROOT, env, encoding: "utf8", timeout: 120_000 },
    );
    if (r.status !== 0) throw new Error(`upstream seed failed (${r.status}): ${r.stderr.slice(-3000)}`);
    const line = r.stdout.trim().split("\n").pop()!;
    return JSON.parse(line);
  }

  /** Migrates and seeds a new instance (not started yet): users, and one application per name. */
  static async create(users: UpstreamUser[], appNames: string[]): Promise<UpstreamPortcullis> {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "portcullis-upstream-"));
    const port = await freePort();
    const baseUrl = `http://${UPSTREAM_HOST}:${port}`;
    // Its own secrets, passed in the environment (nothing written beside other instances' files).
    const secrets = {
      PORTCULLIS_SEAL_KEY: randomBytes(32).toString("base64"),
      NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    };
    const env = UpstreamPortcullis.env(dataDir, baseUrl, port, secrets);
    const deploy = spawnSync(process.execPath, [path.join("scripts", "with-env.mjs"), "prisma", "migrate", "deploy"], {
      cwd: ROOT,
      env: { ...env, PRISMA_SCHEMA_ENGINE_BINARY: "/bin/false", PRISMA_QUERY_ENGINE_LIBRARY: "/bin/false" },
      encoding: "utf8",
      timeout: 180_000,
    });
    if (deploy.status !== 0) throw new Error(`upstream migrate failed: ${deploy.stderr.slice(-3000)}`);
    const seeded = UpstreamPortcullis.seed(env, { op: "init", users, apps: appNames }) as {
      apps: UpstreamApp[];
      certificatePem: string;
    };
    return new UpstreamPortcullis(baseUrl, port, dataDir, secrets, seeded.apps, seeded.certificatePem);
  }

  /** Points an application at the service provider Portcullis is for one source (before start: no cached config). */
  configure(app: UpstreamApp, name: string, spEntityId: string, acsUrl: string): void {
    UpstreamPortcullis.seed(UpstreamPortcullis.env(this.dataDir, this.baseUrl, this.port, this.secrets), {
      op: "configure",
      appId: app.id,
      name,
      spEntityId,
      acsUrl,
    });
  }

  /** Starts the server (the production build) and waits for /healthz. */
  async start(): Promise<void> {
    this.server = spawn(process.execPath, [path.join(ROOT, "server.mjs")], {
      cwd: ROOT,
      env: UpstreamPortcullis.env(this.dataDir, this.baseUrl, this.port, this.secrets),
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    const keep = (d: Buffer) => (this.log = (this.log + d.toString("utf8")).slice(-4000));
    this.server.stdout!.on("data", keep);
    this.server.stderr!.on("data", keep);
    const server = this.server;
    await waitUntil(() => fetch(`${this.baseUrl}/healthz`).then((r) => r.ok), {
      what: "the upstream Portcullis",
      timeoutMs: 120_000,
      gaveUp: () => (server.exitCode !== null ? `exited with code ${server.exitCode}` : undefined),
      detail: () => this.log,
    });
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
