// HTTPS in front of the e2e server for Duo's clients (both insist on TLS and check the
// certificate): a throw-away test CA and a server certificate for localhost/127.0.0.1 made
// with openssl, and Debian's nginx as a TLS-terminating reverse proxy on a free loopback
// port (README "Admin API and Auth API": the same recipe as in production). Everything
// lives in a temporary folder and the nginx process is ended by its PID.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, Socket } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { waitUntil } from "./wait";

export type TlsFront = { port: number; caFile: string; dir: string; stop: () => Promise<void> };

/** A loopback port nobody listens on now (the kernel's choice). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

function openssl(args: string[], cwd: string) {
  execFileSync("openssl", args, { cwd, stdio: ["ignore", "ignore", "pipe"] });
}

/** A test CA and a localhost server certificate signed by it; returns the file names in `dir`. */
export function makeTestCa(dir: string): { caFile: string; certFile: string; keyFile: string } {
  openssl(
    ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-sha256", "-days", "2", "-subj", "/CN=Portcullis e2e test CA"]
      .concat(["-keyout", "ca.key", "-out", "ca.pem", "-addext", "basicConstraints=critical,CA:TRUE"])
      .concat(["-addext", "keyUsage=critical,keyCertSign,cRLSign"]),
    dir,
  );
  openssl(
    ["req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-keyout", "server.key", "-out", "server.csr"],
    dir,
  );
  writeFileSync(
    path.join(dir, "server.ext"),
    "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n",
  );
  openssl(
    ["x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-sha256"].concat([
      "-days",
      "2",
      "-out",
      "server.pem",
      "-extfile",
      "server.ext",
    ]),
    dir,
  );
  return {
    caFile: path.join(dir, "ca.pem"),
    certFile: path.join(dir, "server.pem"),
    keyFile: path.join(dir, "server.key"),
  };
}

/** Starts nginx: https://localhost:<port> -> `upstream` (the e2e server). */
export async function startTlsFront(upstream: string): Promise<TlsFront> {
  const dir = mkdtempSync(path.join(tmpdir(), "portcullis-duo-tls-"));
  chmodSync(dir, 0o755); // login_duo reads its configuration here as its own user
  const { caFile, certFile, keyFile } = makeTestCa(dir);
  chmodSync(caFile, 0o644);
  const port = await freePort();
  const conf = path.join(dir, "nginx.conf");
  writeFileSync(
    conf,
    `daemon off;
master_process off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 64; }
http {
  access_log ${dir}/access.log;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  server {
    listen 127.0.0.1:${port} ssl;
    server_name localhost;
    ssl_certificate ${certFile};
    ssl_certificate_key ${keyFile};
    client_max_body_size 1m;
    location / {
      proxy_pass ${upstream};
      proxy_set_header Host $host:$server_port;
      proxy_set_header X-Forwarded-For $remote_addr;
      proxy_set_header X-Forwarded-Proto https;
    }
  }
}
`,
  );
  const child: ChildProcess = spawn("/usr/sbin/nginx", ["-c", conf, "-e", path.join(dir, "error.log")], {
    stdio: ["ignore", "ignore", "pipe"],
    detached: true,
  });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
  // Ready when the port accepts TLS connections.
  await waitUntil(() => accepts(port), {
    what: "nginx (TLS front)",
    timeoutMs: 15_000,
    gaveUp: () => (child.exitCode !== null ? `exited with code ${child.exitCode}` : undefined),
    detail: () => `${stderr}${readLog(dir)}`,
  });
  return {
    port,
    caFile,
    dir,
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

function readLog(dir: string): string {
  try {
    return readFileSync(path.join(dir, "error.log"), "utf8");
  } catch {
    return "";
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = new Socket();
    s.once("connect", () => {
      s.destroy();
      resolve(true);
    });
    s.once("error", () => resolve(false));
    s.connect(port, "127.0.0.1");
  });
}
