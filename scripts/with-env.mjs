#!/usr/bin/env node
// Runs a node_modules/.bin command with the runtime environment (scripts/runtime-env.mjs).
import { spawnSync } from "node:child_process";
import path from "node:path";
import { prismaEnv, root, runtimeEnv } from "./runtime-env.mjs";

const [cmd, ...argv] = process.argv.slice(2);
const r = spawnSync(path.join(root, "node_modules", ".bin", cmd), argv, {
  cwd: root,
  env: cmd === "prisma" ? prismaEnv(runtimeEnv()) : runtimeEnv(),
  stdio: "inherit",
});
process.exit(r.status ?? 1);
