// The Playwright side of the data helper (e2e/support/tenant-script.mts): one child process
// per worker, spoken to in JSON lines. Fixtures (e2e/support/fixtures.ts) use it to create a
// spec's own users, groups, applications, policies and log rows, and to remove them again.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";

const ROOT = path.join(__dirname, "..", "..");
export const E2E_DATA_DIR = path.join(ROOT, "e2e", ".data");
/** The e2e server's address, as playwright.config.ts and e2e/start-server.mjs make it. */
const E2E_BASE_URL = `http://127.0.0.1:${Number(process.env.PORTCULLIS_E2E_PORT ?? 3100)}`;

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void; op: string };

export class TenantData {
  private next = 1;
  private readonly pending = new Map<number, Pending>();
  private stderr = "";

  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    createInterface({ input: child.stdout }).on("line", (line) => {
      let msg: { id?: number; ok?: boolean; result?: unknown; error?: string };
      try {
        msg = JSON.parse(line);
      } catch {
        return; // a library's own output
      }
      const p = msg.id === undefined ? undefined : this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id!);
      if (msg.ok) p.resolve(msg.result);
      else p.reject(new Error(`tenant data helper, ${p.op}: ${msg.error}`));
    });
    child.stderr.on("data", (d: Buffer) => {
      this.stderr = (this.stderr + d.toString("utf8")).slice(-4000);
    });
    child.on("exit", (code) => {
      for (const p of this.pending.values())
        p.reject(new Error(`the tenant data helper exited (${code}) during ${p.op}:\n${this.stderr}`));
      this.pending.clear();
    });
  }

  static start(): TenantData {
    const child = spawn(
      process.execPath,
      [path.join("scripts", "with-env.mjs"), "tsx", path.join("e2e", "support", "tenant-script.mts")],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          PORTCULLIS_DATA_DIR: E2E_DATA_DIR,
          DATABASE_URL: process.env.PORTCULLIS_E2E_DATABASE_URL || `file:${path.join(E2E_DATA_DIR, "portcullis.db")}`,
          PORTCULLIS_BASE_URL: E2E_BASE_URL,
          NODE_ENV: "production",
        },
        stdio: ["pipe", "pipe", "pipe"],
      },
    );
    return new TenantData(child);
  }

  call<T>(op: string, args: object): Promise<T> {
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, op });
      this.child.stdin.write(JSON.stringify({ id, op, args }) + "\n");
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((r) => this.child.once("exit", r));
    this.child.stdin.end();
    await exited;
  }
}
