// Debian's nginx as the tests' reverse proxy: one process per test (no master, one worker, no
// daemon) with its configuration, pid, logs and temp folders in a temporary folder. The caller
// writes the server blocks; readiness is "the port accepts connections"; stop() ends it by its
// PID and removes the folder.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, Socket } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { waitUntil } from "./wait";

export type Nginx = { dir: string; log: () => string; stop: () => Promise<void> };

/** A port nobody listens on now on `host` (the kernel's choice). */
export function freePort(host = "127.0.0.1"): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, host, () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** True when something accepts TCP connections on host:port. */
export function accepts(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const s = new Socket();
    s.once("connect", () => {
      s.destroy();
      resolve(true);
    });
    s.once("error", () => resolve(false));
    s.connect(port, host);
  });
}

/**
 * Starts nginx with `servers` (the text inside http { }: upstreams and server blocks) and waits
 * until host:port accepts connections. `dir` is its folder (made here when not given).
 */
export async function startNginx(opts: {
  what: string;
  servers: string;
  port: number;
  host?: string;
  dir?: string;
}): Promise<Nginx> {
  const dir = opts.dir ?? mkdtempSync(path.join(tmpdir(), "portcullis-nginx-"));
  const conf = path.join(dir, "nginx.conf");
  writeFileSync(
    conf,
    `daemon off;
master_process off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 256; }
http {
  access_log ${dir}/access.log;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
${opts.servers}
}
`,
  );
  const child: ChildProcess = spawn("/usr/sbin/nginx", ["-c", conf, "-e", path.join(dir, "error.log")], {
    stdio: ["ignore", "ignore", "pipe"],
    detached: true,
  });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
  const log = () => {
    try {
      return `${stderr}${readFileSync(path.join(dir, "error.log"), "utf8")}`;
    } catch {
      return stderr;
    }
  };
  await waitUntil(() => accepts(opts.port, opts.host), {
    what: opts.what,
    timeoutMs: 15_000,
    gaveUp: () => (child.exitCode !== null ? `exited with code ${child.exitCode}` : undefined),
    detail: log,
  });
  return {
    dir,
    log,
    stop: async () => {
      if (child.pid && child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        process.kill(child.pid, "SIGTERM");
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
