#!/usr/bin/env node
// Starts Portcullis on its database (embedded SQLite, or PostgreSQL when DATABASE_URL is a
// postgresql:// URL):
//   node scripts/start.mjs [--demo] [--dev]
// generates the Prisma clients, applies the provider's migrations, (with --demo) seeds the demo tenant,
// builds when needed, and runs `next start` (or `next dev`).
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { prismaEnv, root, runtimeEnv } from "./runtime-env.mjs";

const args = new Set(process.argv.slice(2));
const env = runtimeEnv();
const bin = (name) => path.join(root, "node_modules", ".bin", name);

function run(cmd, argv) {
  const file = cmd === "node" ? process.execPath : bin(cmd);
  const r = spawnSync(file, argv, { cwd: root, env: cmd === "prisma" ? prismaEnv(env) : env, stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

run("node", [path.join(root, "scripts", "db-generate.mjs")]);
run("prisma", ["migrate", "deploy"]);
if (args.has("--demo")) run("tsx", ["prisma/seed.ts"]);
if (
  !args.has("--dev") &&
  (args.has("--demo") || args.has("--build") || !existsSync(path.join(root, ".next", "BUILD_ID")))
)
  run("next", ["build"]);

const port = env.PORT ?? "3000";
const child = spawn(bin("next"), [args.has("--dev") ? "dev" : "start", "-p", port], {
  cwd: root,
  env,
  stdio: "inherit",
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code) => process.exit(code ?? 0));
