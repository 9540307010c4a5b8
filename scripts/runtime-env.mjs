// Environment for the launcher scripts: reads .env-style variables from the process and,
// for the demo, creates the secrets file in the data folder on first start.
import { existsSync, mkdirSync, readFileSync, writeFileSync, chmodSync } from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");

/**
 * Environment for a Prisma CLI process: no engine binaries (the WebAssembly schema engine and
 * the driver adapters do the work), and long timers unref'd so that the CLI exits as soon as
 * it is done on PostgreSQL (scripts/unref-long-timers.cjs).
 */
export function prismaEnv(base = process.env) {
  const preload = `--require ${path.join(root, "scripts", "unref-long-timers.cjs")}`;
  return {
    ...base,
    PRISMA_SCHEMA_ENGINE_BINARY: "/bin/false",
    PRISMA_QUERY_ENGINE_LIBRARY: "/bin/false",
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    NODE_OPTIONS: base.NODE_OPTIONS?.includes(preload)
      ? base.NODE_OPTIONS
      : `${base.NODE_OPTIONS ?? ""} ${preload}`.trim(),
  };
}

/**
 * Returns the environment for Prisma and Next. Missing PORTCULLIS_SEAL_KEY/NEXTAUTH_SECRET
 * are generated once into <data>/secrets.json (mode 600) with a warning: fine for a demo,
 * but a production tenant sets them explicitly and backs them up.
 */
export function runtimeEnv(overrides = {}) {
  const base = { ...process.env, ...overrides };
  const dataDir = path.resolve(root, base.PORTCULLIS_DATA_DIR ?? "data");
  mkdirSync(dataDir, { recursive: true });
  const out = {
    ...base,
    PORTCULLIS_DATA_DIR: dataDir,
    DATABASE_URL: base.DATABASE_URL ?? `file:${path.join(dataDir, "portcullis.db")}`,
    PRISMA_SCHEMA_ENGINE_BINARY: "/bin/false",
    PRISMA_QUERY_ENGINE_LIBRARY: "/bin/false",
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  if (!out.PORTCULLIS_SEAL_KEY || !out.NEXTAUTH_SECRET) {
    const file = path.join(dataDir, "secrets.json");
    let secrets;
    if (existsSync(file)) {
      secrets = JSON.parse(readFileSync(file, "utf8"));
    } else {
      secrets = {
        PORTCULLIS_SEAL_KEY: randomBytes(32).toString("base64"),
        NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
      };
      writeFileSync(file, JSON.stringify(secrets, null, 2) + "\n", { mode: 0o600 });
      chmodSync(file, 0o600);
      console.warn(
        `\n  WARNING: generated PORTCULLIS_SEAL_KEY and NEXTAUTH_SECRET into ${file}.\n` +
          `  They seal every private key and TOTP seed: back the file up, or set both variables\n` +
          `  yourself in production. Losing the seal key makes sealed secrets unreadable.\n`,
      );
    }
    out.PORTCULLIS_SEAL_KEY ??= secrets.PORTCULLIS_SEAL_KEY;
    out.NEXTAUTH_SECRET ??= secrets.NEXTAUTH_SECRET;
  }
  const port = out.PORT ?? "3000";
  out.PORTCULLIS_BASE_URL ??= `http://localhost:${port}`;
  out.NEXTAUTH_URL ??= out.PORTCULLIS_BASE_URL;
  return out;
}
