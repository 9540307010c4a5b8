// HTTPS in front of the e2e server for Duo's clients (both insist on TLS and check the
// certificate): a throw-away test CA and a server certificate for localhost/127.0.0.1 made
// with openssl, and Debian's nginx as a TLS-terminating reverse proxy on a free loopback
// port (README "Admin API and Auth API": the same recipe as in production). Everything
// lives in a temporary folder and the nginx process is ended by its PID.
import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort, startNginx } from "./nginx";

export type TlsFront = { port: number; caFile: string; dir: string; stop: () => Promise<void> };

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
  const nginx = await startNginx({
    what: "nginx (TLS front)",
    dir,
    port,
    servers: `  server {
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
  }`,
  });
  return { port, caFile, dir, stop: nginx.stop };
}
