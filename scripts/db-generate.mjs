#!/usr/bin/env node
// npm run db:generate: both Prisma clients, lib/db/generated/sqlite and lib/db/generated/postgresql,
// from the one base schema (scripts/prisma-schemas.mjs). lib/db/client.ts picks one at start.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { PROVIDERS, ensureSchema, root } from "./prisma-schemas.mjs";
import { prismaEnv } from "./runtime-env.mjs";

for (const provider of PROVIDERS) {
  const schema = ensureSchema(provider);
  const r = spawnSync(path.join(root, "node_modules", ".bin", "prisma"), ["generate", "--schema", schema], {
    cwd: root,
    env: prismaEnv(),
    stdio: ["ignore", "pipe", "inherit"],
    encoding: "utf8",
  });
  if (r.status !== 0) {
    process.stdout.write(r.stdout ?? "");
    process.exit(r.status ?? 1);
  }
  console.log(`Prisma client (${provider}) generated in lib/db/generated/${provider}`);
}
