// Duo's own clients from Debian, run unchanged against Portcullis behind TLS:
// python3-duo-client (module duo_client, run with /usr/bin/python3 so that Debian's
// dist-packages are on the path) and login_duo from login-duo 1.11 (libduo).
import { execFile, spawn } from "node:child_process";
import { chmodSync, chownSync, writeFileSync } from "node:fs";
import { userInfo } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

export type ApiClientConfig = { ikey: string; skey: string; port: number; caFile: string };

/** What a duo_client call gave: its value, or the RuntimeError's HTTP status and Duo envelope. */
export type CallResult<T = unknown> =
  | { ok: true; value: T }
  | { ok: false; status: number; data: { stat: string; code: number; message: string; message_detail?: string } };

const PRELUDE = `
import json, sys, email.utils, time
import duo_client

def call(fn, *args, **kwargs):
    try:
        return {"ok": True, "value": fn(*args, **kwargs)}
    except RuntimeError as e:
        data = getattr(e, "data", None)
        if isinstance(data, (bytes, str)):
            try:
                data = json.loads(data)
            except Exception:
                data = data.decode() if isinstance(data, bytes) else data
        return {"ok": False, "status": getattr(e, "status", None), "data": data, "message": str(e)}

cfg = json.loads(sys.argv[1])
def admin(**over):
    c = dict(cfg, **over)
    return duo_client.Admin(ikey=c["ikey"], skey=c["skey"], host="localhost", port=c["port"], ca_certs=c["caFile"], sig_version=c.get("sig_version", 2), **({"digestmod": __import__("hashlib").sha512} if c.get("sig_version") == 4 else {}))
def auth(**over):
    c = dict(cfg, **over)
    return duo_client.Auth(ikey=c["ikey"], skey=c["skey"], host="localhost", port=c["port"], ca_certs=c["caFile"])
`;

/**
 * Runs `body` (Python; it must assign `result`) with duo_client and returns `result`.
 * `admin()` / `auth()` build clients for the configured integration (keyword overrides:
 * ikey, skey, sig_version); `call(fn, ...)` turns a RuntimeError into {ok: false, status, data}.
 */
export async function runDuoClient<T>(config: ApiClientConfig, body: string): Promise<T> {
  const script = `${PRELUDE}\n${body}\nprint(json.dumps(result))\n`;
  const { stdout } = await promisify(execFile)("/usr/bin/python3", ["-c", script, JSON.stringify(config)], {
    timeout: 120_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(stdout.trim().split("\n").pop()!) as T;
}

export type LoginDuoResult = { code: number | null; stdout: string; stderr: string };

/**
 * login_duo as an SSH ForceCommand would run it: `login_duo -c <conf> -f <duo user> -h <ip> <command>`,
 * answering its prompt with `typed`. The configuration must belong to login_duo's privilege
 * separation user (sshd) and be readable by it only.
 */
export async function runLoginDuo(
  config: ApiClientConfig & { dir: string },
  opts: { user: string; typed: string; remoteIp?: string; command?: string },
): Promise<LoginDuoResult> {
  if (userInfo().uid !== 0) throw new Error("login_duo -f needs root (CI and the test command run as root)");
  const conf = path.join(config.dir, `login_duo-${config.ikey}.conf`);
  writeFileSync(
    conf,
    `[duo]\nikey = ${config.ikey}\nskey = ${config.skey}\nhost = localhost:${config.port}\ncafile = ${config.caFile}\nfailmode = secure\nprompts = 1\n`,
  );
  const sshd = Number(
    (await promisify(execFile)("id", ["-u", "sshd"]).catch(() => ({ stdout: "" }))).stdout.trim() || NaN,
  );
  if (Number.isNaN(sshd)) throw new Error("login_duo's privilege separation user 'sshd' does not exist");
  chownSync(conf, sshd, 0);
  chmodSync(conf, 0o600);
  const loginDuo = [
    "/usr/sbin/login_duo",
    "-c",
    conf,
    "-f",
    opts.user,
    "-h",
    opts.remoteIp ?? "203.0.113.7",
    opts.command ?? "echo PORTCULLIS-LOGIN-OK",
  ]
    .map((a) => `'${a.replace(/'/g, "'\\''")}'`)
    .join(" ");
  // On a terminal, as over SSH: without one, libduo takes the automatic (push) path instead
  // of prompting. util-linux's `script` gives it a pseudo-terminal; the passcode is typed
  // when the prompt appears.
  return new Promise((resolve, reject) => {
    const child = spawn("script", ["-q", "-e", "-c", loginDuo, "/dev/null"], {
      stdio: ["pipe", "pipe", "pipe"],
      env: { ...process.env, HOME: "/root", SHELL: "/bin/sh", TERM: "dumb" },
    });
    let stdout = "";
    let stderr = "";
    let typed = false;
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
      if (!typed && /Passcode: $/.test(stdout)) {
        typed = true;
        child.stdin.write(`${opts.typed}\n`);
      }
    });
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("error", reject);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
