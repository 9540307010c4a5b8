// Environment for the launcher scripts: the process's variables plus the defaults (data
// folder, database URL, base URL) and the two secrets, PORTCULLIS_SEAL_KEY and NEXTAUTH_SECRET.
//
// Secrets never sit beside the data they protect. Each comes from its variable, or from a file
// named by <NAME>_FILE (which must lie outside the data folder). How a missing one is treated
// depends on the caller:
//   "require"  (npm start)          refuse to start, saying how to make them;
//   "generate" (npm run demo / dev) generate them once into a demo secrets file in the user's
//                                   config folder (~/.config/portcullis/), never the data folder;
//   "read"     (build, scripts)     use the demo secrets file when one exists, else leave them unset.
import { chmodSync, existsSync, mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { createHash, randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");

export const SECRET_NAMES = ["PORTCULLIS_SEAL_KEY", "NEXTAUTH_SECRET"];

export class SecretsError extends Error {}

const HOW_TO = `
  Make them once and keep them outside the data folder (and out of its backups), e.g.:

    install -d -m 700 /etc/portcullis
    openssl rand -base64 32 > /etc/portcullis/seal-key
    openssl rand -base64 32 > /etc/portcullis/nextauth-secret
    chmod 600 /etc/portcullis/*

  then start with
    PORTCULLIS_SEAL_KEY_FILE=/etc/portcullis/seal-key NEXTAUTH_SECRET_FILE=/etc/portcullis/nextauth-secret npm start
  (or set PORTCULLIS_SEAL_KEY and NEXTAUTH_SECRET themselves). Losing the seal key makes every
  sealed secret (signing keys, TOTP seeds, API keys) unreadable: back it up separately.
  For a throw-away demo, run \`npm run demo\` instead, which generates them.`;

/** The checks lib/env.ts makes, with the operator's wording. */
export function secretProblem(name, value) {
  if (name === "PORTCULLIS_SEAL_KEY" && Buffer.from(value, "base64").length !== 32)
    return "PORTCULLIS_SEAL_KEY must be 32 random bytes, base64-encoded (openssl rand -base64 32).";
  if (name === "NEXTAUTH_SECRET" && value.length < 32)
    return "NEXTAUTH_SECRET must be at least 32 characters (openssl rand -base64 32).";
  return null;
}

const real = (p) => {
  try {
    return realpathSync(p);
  } catch {
    return path.resolve(p);
  }
};

/** True when `file` is the data folder or lies inside it (symbolic links resolved). */
export function isInside(dir, file) {
  const rel = path.relative(real(dir), real(file));
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

/** Where `npm run demo` keeps the secrets it generated for a data folder: the user's config folder. */
export function demoSecretsFile(dataDir, env = process.env) {
  const base = env.XDG_CONFIG_HOME || path.join(os.homedir(), ".config");
  const id = createHash("sha256").update(real(dataDir)).digest("hex").slice(0, 16);
  return path.join(base, "portcullis", `demo-secrets-${id}.json`);
}

function readSecretsFile(file) {
  const s = JSON.parse(readFileSync(file, "utf8"));
  return Object.fromEntries(SECRET_NAMES.filter((n) => typeof s[n] === "string").map((n) => [n, s[n]]));
}

function writeSecretsFile(file, dataDir, secrets) {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, JSON.stringify({ dataDir: real(dataDir), ...secrets }, null, 2) + "\n", { mode: 0o600 });
  chmodSync(file, 0o600);
}

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
 * The demo secrets of a data folder, generated on first use. A secrets.json left in the data
 * folder by an older version is moved out (the database it sealed stays readable).
 */
export function ensureDemoSecrets(dataDir, env = process.env) {
  const file = demoSecretsFile(dataDir, env);
  if (existsSync(file)) return { file, secrets: readSecretsFile(file), created: false };
  const legacy = path.join(dataDir, "secrets.json");
  if (existsSync(legacy)) {
    writeSecretsFile(file, dataDir, readSecretsFile(legacy));
    rmSync(legacy);
    console.warn(`\n  Moved the demo secrets out of the data folder: ${legacy} -> ${file}\n`);
    return { file, secrets: readSecretsFile(file), created: false };
  }
  const secrets = {
    PORTCULLIS_SEAL_KEY: randomBytes(32).toString("base64"),
    NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
  };
  writeSecretsFile(file, dataDir, secrets);
  return { file, secrets, created: true };
}

/** Fills each secret from <NAME>_FILE when the variable itself is not set; the file must be outside the data folder. */
function secretsFromFiles(out, dataDir) {
  for (const name of SECRET_NAMES) {
    const file = out[`${name}_FILE`];
    if (out[name] || !file) continue;
    if (isInside(dataDir, file))
      throw new SecretsError(
        `${name}_FILE points into the data folder (${dataDir}). Keep the secret outside it, away from the database it protects.`,
      );
    let value;
    try {
      value = readFileSync(file, "utf8").trim();
    } catch (e) {
      throw new SecretsError(`${name}_FILE: cannot read ${file} (${e.code ?? e.message}).`);
    }
    if (!value) throw new SecretsError(`${name}_FILE: ${file} is empty.`);
    out[name] = value;
  }
}

/**
 * The environment for Prisma and the server: `env` (the process's by default) with `overrides`.
 * `secrets`: "require" | "generate" | "read" (above).
 * Throws SecretsError with an operator-facing message in "require" mode when a secret is missing.
 */
export function runtimeEnv(overrides = {}, { secrets = "read", env = process.env } = {}) {
  const base = { ...env, ...overrides };
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
  secretsFromFiles(out, dataDir);
  const missing = () => SECRET_NAMES.filter((n) => !out[n]);

  if (missing().length && secrets === "generate") {
    const { file, secrets: demo, created } = ensureDemoSecrets(dataDir, out);
    if (created)
      console.warn(
        `\n  Generated PORTCULLIS_SEAL_KEY and NEXTAUTH_SECRET for this demo into\n    ${file}\n` +
          `  (outside the data folder). Fine for a demo; in production set them yourself: npm start\n` +
          `  refuses to run without them.\n`,
      );
    for (const n of missing()) out[n] = demo[n];
  } else if (missing().length && secrets === "read") {
    const file = demoSecretsFile(dataDir, out);
    const legacy = path.join(dataDir, "secrets.json");
    const found = existsSync(file) ? file : existsSync(legacy) ? legacy : null;
    if (found) {
      const demo = readSecretsFile(found);
      for (const n of missing()) if (demo[n]) out[n] = demo[n];
    }
  } else if (missing().length && secrets === "require") {
    const legacy = path.join(dataDir, "secrets.json");
    const note = existsSync(legacy)
      ? `\n  ${legacy} (written by an older version) is no longer read: it sits beside the database it\n` +
        `  protects. Move its two values out of the data folder as below, then delete it.\n`
      : "";
    throw new SecretsError(
      `${missing().join(" and ")} ${missing().length > 1 ? "are" : "is"} not set.${note}${HOW_TO}`,
    );
  }
  if (secrets === "require") {
    for (const n of SECRET_NAMES) {
      const problem = secretProblem(n, out[n]);
      if (problem) throw new SecretsError(problem);
    }
  }

  const port = out.PORT ?? "3000";
  out.PORTCULLIS_BASE_URL ??= `http://localhost:${port}`;
  out.NEXTAUTH_URL ??= out.PORTCULLIS_BASE_URL;
  return out;
}
