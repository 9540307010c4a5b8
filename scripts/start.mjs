#!/usr/bin/env node
// Starts Portcullis on its database (embedded SQLite, or PostgreSQL when DATABASE_URL is a
// postgresql:// URL):
//   node scripts/start.mjs [--demo] [--dev] [--build]
// checks the secrets (npm start refuses to run without them; --demo and --dev generate them
// outside the data folder), generates the Prisma clients, applies the provider's migrations,
// (with --demo) seeds the demo tenant, builds when needed, and runs the Portcullis server
// (server.mjs).
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { serverProcessSettings } from "../lib/http/server-config.mjs";
import { prismaEnv, root, runtimeEnv, SecretsError } from "./runtime-env.mjs";

const args = new Set(process.argv.slice(2));
const dev = args.has("--dev");
let env;
try {
  env = runtimeEnv({}, { secrets: args.has("--demo") || dev ? "generate" : "require" });
} catch (e) {
  if (!(e instanceof SecretsError)) throw e;
  console.error(`\n  Portcullis cannot start: ${e.message}\n`);
  process.exit(1);
}
const bin = (name) => path.join(root, "node_modules", ".bin", name);

function run(cmd, argv) {
  const file = cmd === "node" ? process.execPath : bin(cmd);
  const r = spawnSync(file, argv, { cwd: root, env: cmd === "prisma" ? prismaEnv(env) : env, stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

run("node", [path.join(root, "scripts", "db-generate.mjs")]);
run("prisma", ["migrate", "deploy"]);
if (args.has("--demo")) run("tsx", ["prisma/seed.ts"]);
if (!dev && (args.has("--demo") || args.has("--build") || !existsSync(path.join(root, ".next", "BUILD_ID"))))
  run("next", ["build"]);

const settings = serverProcessSettings(env);
const child = spawn(
  process.execPath,
  [...settings.nodeArgs, path.join(root, "server.mjs"), ...(dev ? ["--dev"] : [])],
  {
    cwd: root,
    env: { ...env, ...settings.env, NODE_ENV: dev ? "development" : (env.NODE_ENV ?? "production") },
    stdio: "inherit",
  },
);
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code) => process.exit(code ?? 0));
