// Secrets in production (issue 10, finding 7): `npm start` refuses to run without
// PORTCULLIS_SEAL_KEY and NEXTAUTH_SECRET, saying how to make them; a *_FILE inside the data
// folder is refused; `npm run demo` generates them, but outside the data folder, and moves a
// secrets.json an older version left there.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { demoSecretsFile, runtimeEnv, SecretsError } from "../scripts/runtime-env.mjs";

const root = path.resolve(__dirname, "..");
const KEY = Buffer.alloc(32, 7).toString("base64");
const SECRET = "n".repeat(40);

/** The environment of a fresh machine: none of Portcullis's variables, a scratch data folder. */
function freshEnv(extra: Record<string, string> = {}) {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env))
    if (v !== undefined && !/^(PORTCULLIS_|NEXTAUTH_|DATABASE_URL$|NODE_ENV$)/.test(k)) env[k] = v;
  const dir = mkdtempSync(path.join(tmpdir(), "portcullis-start-"));
  return {
    dir,
    env: { ...env, PORTCULLIS_DATA_DIR: path.join(dir, "data"), XDG_CONFIG_HOME: path.join(dir, "config"), ...extra },
  };
}

/** Runs `npm start`'s launcher; resolves with its exit code and output, or kills it after `ms`. */
function start(env: Record<string, string>, ms = 20_000) {
  return new Promise<{ code: number | null; output: string; killed: boolean }>((resolve) => {
    const child = spawn(process.execPath, [path.join(root, "scripts", "start.mjs")], {
      cwd: root,
      env: env as unknown as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        /* gone */
      }
    }, ms);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output, killed });
    });
  });
}

describe("npm start without secrets", () => {
  it("refuses to start at once, saying how to make both secrets, and writes none", async () => {
    const { dir, env } = freshEnv();
    const r = await start(env);
    expect(r.killed, "it stopped by itself").toBe(false);
    expect(r.code).toBe(1);
    expect(r.output).toContain("Portcullis cannot start: PORTCULLIS_SEAL_KEY and NEXTAUTH_SECRET are not set.");
    expect(r.output).toContain("openssl rand -base64 32");
    expect(r.output).toContain("PORTCULLIS_SEAL_KEY_FILE=");
    expect(existsSync(path.join(dir, "data", "secrets.json"))).toBe(false);
    expect(existsSync(path.join(dir, "config"))).toBe(false);
  });

  it("names the one that is missing, and a key that is not 32 bytes", async () => {
    const missing = await start(freshEnv({ PORTCULLIS_SEAL_KEY: KEY }).env);
    expect(missing.output).toContain("NEXTAUTH_SECRET is not set.");
    const short = await start(freshEnv({ PORTCULLIS_SEAL_KEY: "c2hvcnQ=", NEXTAUTH_SECRET: SECRET }).env);
    expect(short.code).toBe(1);
    expect(short.output).toContain("PORTCULLIS_SEAL_KEY must be 32 random bytes, base64-encoded");
  });

  it("refuses a secret file inside the data folder", async () => {
    const { dir, env } = freshEnv();
    mkdirSync(path.join(dir, "data"), { recursive: true });
    writeFileSync(path.join(dir, "data", "seal-key"), KEY);
    const r = await start({
      ...env,
      PORTCULLIS_SEAL_KEY_FILE: path.join(dir, "data", "seal-key"),
      NEXTAUTH_SECRET: SECRET,
    });
    expect(r.code).toBe(1);
    expect(r.output).toContain("PORTCULLIS_SEAL_KEY_FILE points into the data folder");
  });
});

describe("runtimeEnv", () => {
  it("reads each secret from its *_FILE outside the data folder", () => {
    const { dir, env } = freshEnv();
    mkdirSync(path.join(dir, "etc"));
    writeFileSync(path.join(dir, "etc", "seal-key"), `${KEY}\n`);
    writeFileSync(path.join(dir, "etc", "nextauth"), `${SECRET}\n`);
    const out = runtimeEnv(
      {
        PORTCULLIS_SEAL_KEY_FILE: path.join(dir, "etc", "seal-key"),
        NEXTAUTH_SECRET_FILE: path.join(dir, "etc", "nextauth"),
      },
      { secrets: "require", env },
    );
    expect([out.PORTCULLIS_SEAL_KEY, out.NEXTAUTH_SECRET]).toEqual([KEY, SECRET]);
  });

  it("the demo generates the secrets once, outside the data folder", () => {
    const { dir, env } = freshEnv();
    const first = runtimeEnv({}, { secrets: "generate", env });
    const second = runtimeEnv({}, { secrets: "generate", env });
    expect(first.PORTCULLIS_SEAL_KEY).toBe(second.PORTCULLIS_SEAL_KEY);
    expect(Buffer.from(first.PORTCULLIS_SEAL_KEY!, "base64")).toHaveLength(32);
    const file = demoSecretsFile(path.join(dir, "data"), env);
    expect(file.startsWith(path.join(dir, "config", "portcullis"))).toBe(true);
    expect(JSON.parse(readFileSync(file, "utf8")).NEXTAUTH_SECRET).toBe(first.NEXTAUTH_SECRET);
    expect(existsSync(path.join(dir, "data", "secrets.json"))).toBe(false);
    // Build and scripts read them; `npm start` does not fall back to them.
    expect(runtimeEnv({}, { env }).PORTCULLIS_SEAL_KEY).toBe(first.PORTCULLIS_SEAL_KEY);
    expect(() => runtimeEnv({}, { secrets: "require", env })).toThrow(SecretsError);
  });

  it("moves a secrets.json an older version left in the data folder", () => {
    const { dir, env } = freshEnv();
    mkdirSync(path.join(dir, "data"), { recursive: true });
    writeFileSync(
      path.join(dir, "data", "secrets.json"),
      JSON.stringify({ PORTCULLIS_SEAL_KEY: KEY, NEXTAUTH_SECRET: SECRET }),
    );
    expect(() => runtimeEnv({}, { secrets: "require", env })).toThrow(/no longer read/);
    const out = runtimeEnv({}, { secrets: "generate", env });
    expect(out.PORTCULLIS_SEAL_KEY).toBe(KEY);
    expect(existsSync(path.join(dir, "data", "secrets.json"))).toBe(false);
  });
});
