#!/usr/bin/env node
// Migrations without `prisma migrate dev` (its shadow database is broken with the libsql
// adapter): the current migrations are applied to a scratch SQLite file, introspected back
// into a datamodel, and diffed against prisma/schema.prisma.
//   node scripts/migrations.mjs new <name>   write prisma/migrations/<timestamp>_<name>/migration.sql
//   node scripts/migrations.mjs check        exit 1 when migrations and schema.prisma disagree
import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const prismaBin = path.join(root, "node_modules", ".bin", "prisma");

function prisma(args, env) {
  return execFileSync(prismaBin, args, {
    cwd: root,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      PRISMA_SCHEMA_ENGINE_BINARY: "/bin/false",
      PRISMA_QUERY_ENGINE_LIBRARY: "/bin/false",
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
      ...env,
    },
  });
}

/** Applies every migration to a scratch database and returns the path of its introspected schema. */
function schemaFromMigrations(dir) {
  const url = `file:${path.join(dir, "scratch.db")}`;
  prisma(["migrate", "deploy"], { DATABASE_URL: url });
  const pulled = path.join(dir, "pulled.prisma");
  writeFileSync(pulled, `datasource db {\n  provider = "sqlite"\n  url = "${url}"\n}\n`);
  prisma(["db", "pull", "--schema", pulled], { DATABASE_URL: url });
  return pulled;
}

function diff(from, extra = []) {
  try {
    return {
      code: 0,
      out: prisma(
        ["migrate", "diff", "--from-schema-datamodel", from, "--to-schema-datamodel", "prisma/schema.prisma", ...extra],
        { DATABASE_URL: `file:${path.join(dir, "scratch.db")}` },
      ),
    };
  } catch (e) {
    return { code: e.status ?? 1, out: String(e.stdout ?? ""), err: String(e.stderr ?? "") };
  }
}

const [command, name] = process.argv.slice(2);
const dir = mkdtempSync(path.join(tmpdir(), "portcullis-migrations-"));
try {
  const pulled = schemaFromMigrations(dir);
  if (command === "check") {
    const r = diff(pulled, ["--exit-code"]);
    if (r.code !== 0 && r.code !== 2) throw new Error(`prisma migrate diff failed:\n${r.err || r.out}`);
    if (r.code === 0) {
      console.log("migrations match prisma/schema.prisma");
    } else {
      console.error("prisma/schema.prisma and prisma/migrations disagree:\n" + r.out + (r.err ?? ""));
      console.error("Run: npm run db:migration -- <name>");
      process.exitCode = 1; // not process.exit(): the finally below removes the scratch folder
    }
  } else if (command === "new" && name && /^[a-z0-9_]+$/.test(name)) {
    const r = diff(pulled, ["--script"]);
    if (r.code !== 0) throw new Error(r.err || r.out);
    if (!/\b(CREATE|ALTER|DROP|INSERT|PRAGMA)\b/.test(r.out)) {
      console.log("schema.prisma has no change that needs a migration");
    } else {
      const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
      const target = path.join(root, "prisma", "migrations", `${stamp}_${name}`);
      mkdirSync(target, { recursive: true });
      writeFileSync(path.join(target, "migration.sql"), r.out);
      console.log(`wrote ${path.relative(root, target)}/migration.sql`);
    }
  } else {
    console.error("usage: node scripts/migrations.mjs new <snake_case_name> | check");
    process.exitCode = 2;
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
