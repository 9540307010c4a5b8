#!/usr/bin/env node
// Migrations for both providers from the one base schema (scripts/prisma-schemas.mjs), without
// `prisma migrate dev` (its shadow database is broken with the libsql adapter). For each
// provider the current migrations are applied to a scratch database (a SQLite file; a
// database in a throwaway PostgreSQL cluster, scripts/pg-cluster.mjs), introspected back
// into a datamodel, and diffed against that provider's schema.
//
//   node scripts/migrations.mjs new <name>   write prisma/migrations/{sqlite,postgresql}/<timestamp>_<name>/migration.sql
//   node scripts/migrations.mjs check        exit 1 when a provider's migrations and the schema disagree,
//                                            or the two histories are not twins
//   node scripts/migrations.mjs adopt        after merging a branch that added prisma/migrations/<timestamp>_<name>/
//                                            (the old single-provider layout): move it to prisma/migrations/sqlite/
//                                            and write its PostgreSQL twin
//
// The two histories: prisma/migrations/sqlite/ is the whole SQLite history (existing
// databases record these names in _prisma_migrations); prisma/migrations/postgresql/ starts
// with <timestamp>_baseline (everything up to the SQLite migration of that timestamp) and
// then has one twin, same folder name, for every later SQLite migration.
//
// PostgreSQL text columns get COLLATE "C" (byte order, as SQLite's BINARY): prefix ranges,
// keyset paging and ORDER BY then behave the same on both providers whatever the database's
// default collation. Prisma's schema language cannot say this, so this script adds it to every
// TEXT column a PostgreSQL migration creates, and `check` verifies that none lacks it.
import { execFileSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PROVIDERS, ensureSchema, migrationsPath, root } from "./prisma-schemas.mjs";
import { prismaEnv } from "./runtime-env.mjs";

const prismaBin = path.join(root, "node_modules", ".bin", "prisma");
const MIGRATION = /^\d{14}_[a-z0-9_]+$/;

function prisma(args, url, extraEnv = {}) {
  return execFileSync(prismaBin, args, {
    cwd: root,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    env: prismaEnv({ ...process.env, PORTCULLIS_MIGRATIONS_DIR: undefined, DATABASE_URL: url, ...extraEnv }),
  });
}

/** Migration folder names of a provider, oldest first. */
export function migrationNames(provider, dir = migrationsPath(provider)) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => MIGRATION.test(n) && existsSync(path.join(dir, n, "migration.sql")))
    .sort();
}

/** Folders in the old layout, prisma/migrations/<timestamp>_<name>/ (SQLite migrations). */
function legacyNames() {
  const dir = path.join(root, "prisma", "migrations");
  return readdirSync(dir).filter((n) => MIGRATION.test(n) && existsSync(path.join(dir, n, "migration.sql")));
}

const baselineOf = (names) => names.find((n) => n.endsWith("_baseline"));
const stampOf = (name) => name.slice(0, 14);

/** Adds COLLATE "C" to every TEXT column a PostgreSQL migration creates or retypes. */
export function collateC(sql) {
  return sql
    .replace(/("[^"]+" TEXT)(?!\[\])(?! COLLATE)/g, '$1 COLLATE "C"')
    .replace(/(SET DATA TYPE TEXT)(?!\[\])(?! COLLATE)/g, '$1 COLLATE "C"');
}

// ---------------------------------------------------------------- scratch databases

// PORTCULLIS_MIGRATIONS_PG_URL: an existing server's admin URL to make the scratch databases
// on (the unit tests pass theirs); otherwise a throwaway cluster is started for this run.
let cluster = null;
const scratchDatabases = [];
async function pgCluster() {
  if (!cluster) {
    const given = process.env.PORTCULLIS_MIGRATIONS_PG_URL;
    if (given) {
      const url = (db) => Object.assign(new URL(given), { pathname: `/${db}` }).toString();
      cluster = { adminUrl: given, url, stop: () => {} };
    } else {
      const { startCluster } = await import("./pg-cluster.mjs");
      cluster = await startCluster({ prefix: "portcullis-migrations-pg-" });
    }
  }
  return cluster;
}

async function adminQuery(sql) {
  const { default: pgLib } = await import("pg");
  const client = new pgLib.Client({ connectionString: (await pgCluster()).adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

let scratchCount = 0;
/**
 * A fresh scratch database of `provider` with `upTo` (or all) of its migrations applied,
 * introspected: returns { url, pulled } where pulled is the path of the introspected schema.
 */
async function migratedScratch(provider, work, { migrationsDir, upTo } = {}) {
  scratchCount += 1;
  const dir = path.join(work, `${provider}-${scratchCount}`);
  mkdirSync(dir);
  let url;
  if (provider === "sqlite") {
    url = `file:${path.join(dir, "scratch.db")}`;
  } else {
    const name = `migrations_scratch_${process.pid}_${scratchCount}_${Math.random().toString(36).slice(2, 8)}`;
    await adminQuery(`CREATE DATABASE ${name}`);
    scratchDatabases.push(name);
    url = (await pgCluster()).url(name);
  }
  // A copy of the history (or of its first migrations) when it is not the repository's.
  let history = migrationsDir ?? migrationsPath(provider);
  if (upTo !== undefined) {
    const copy = path.join(dir, "migrations");
    mkdirSync(copy);
    writeFileSync(path.join(copy, "migration_lock.toml"), readFileSync(path.join(history, "migration_lock.toml")));
    for (const n of migrationNames(provider, history).filter((n) => n <= upTo)) {
      mkdirSync(path.join(copy, n));
      writeFileSync(path.join(copy, n, "migration.sql"), readFileSync(path.join(history, n, "migration.sql")));
    }
    history = copy;
  }
  if (migrationNames(provider, history).length) deploy(provider, url, history);
  const pulled = path.join(dir, "pulled.prisma");
  writeFileSync(pulled, `datasource db {\n  provider = "${provider}"\n  url = "${url}"\n}\n`);
  if (migrationNames(provider, history).length) prisma(["db", "pull", "--schema", pulled], url);
  return { url, pulled, dir };
}

/** `prisma migrate deploy` of the migrations in `history` (prisma.config.ts honours PORTCULLIS_MIGRATIONS_DIR). */
function deploy(provider, url, history) {
  prisma(
    ["migrate", "deploy"],
    url,
    history === migrationsPath(provider) ? {} : { PORTCULLIS_MIGRATIONS_DIR: history },
  );
}

/** `prisma migrate diff` from a datamodel file to another; { code, out, err }. */
function diff(from, to, url, extra = []) {
  try {
    return {
      code: 0,
      out: prisma(["migrate", "diff", "--from-schema-datamodel", from, "--to-schema-datamodel", to, ...extra], url),
    };
  } catch (e) {
    return { code: e.status ?? 1, out: String(e.stdout ?? ""), err: String(e.stderr ?? "") };
  }
}

const hasChange = (sql) => /\b(CREATE|ALTER|DROP|INSERT|PRAGMA|UPDATE|DELETE)\b/.test(sql);

/** Text columns of a PostgreSQL database that do not use the "C" collation. */
async function nonCCollatedColumns(url) {
  const { default: pgLib } = await import("pg");
  const client = new pgLib.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT table_name::text AS t, column_name::text AS c, coalesce(collation_name::text, '(database default)') AS coll
         FROM information_schema.columns
        WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'character')
          AND table_name <> '_prisma_migrations' AND coalesce(collation_name, '') <> 'C'
        ORDER BY 1, 2`,
    );
    return rows.map((r) => `${r.t}.${r.c} (${r.coll})`);
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------- commands

async function check(work) {
  let ok = true;
  const legacy = legacyNames();
  if (legacy.length) {
    console.error(
      `prisma/migrations/ has migrations in the old single-provider layout: ${legacy.join(", ")}.\n` +
        "Run: npm run db:migration -- --adopt   (moves them to prisma/migrations/sqlite/ and writes their PostgreSQL twins)",
    );
    ok = false;
  }
  // The histories are twins after the PostgreSQL baseline.
  const sqlite = migrationNames("sqlite");
  const postgres = migrationNames("postgresql");
  const baseline = baselineOf(postgres);
  if (!baseline) {
    console.error("prisma/migrations/postgresql/ has no <timestamp>_baseline migration.");
    ok = false;
  } else {
    const after = (names) => names.filter((n) => n !== baseline && stampOf(n) > stampOf(baseline));
    const s = new Set(after(sqlite));
    const p = new Set(after(postgres));
    const onlySqlite = [...s].filter((n) => !p.has(n));
    const onlyPg = [...p].filter((n) => !s.has(n));
    const early = postgres.filter((n) => n !== baseline && stampOf(n) <= stampOf(baseline));
    if (onlySqlite.length || onlyPg.length || early.length) {
      if (onlySqlite.length) console.error(`SQLite migrations without a PostgreSQL twin: ${onlySqlite.join(", ")}`);
      if (onlyPg.length) console.error(`PostgreSQL migrations without a SQLite twin: ${onlyPg.join(", ")}`);
      if (early.length) console.error(`PostgreSQL migrations older than the baseline: ${early.join(", ")}`);
      console.error("Run: npm run db:migration -- --adopt");
      ok = false;
    }
  }
  if (!ok) {
    process.exitCode = 1; // the layout first: the schema diffs below would only repeat it
    return;
  }
  for (const provider of PROVIDERS) {
    const { url, pulled } = await migratedScratch(provider, work);
    const r = diff(pulled, ensureSchema(provider), url, ["--exit-code"]);
    if (r.code !== 0 && r.code !== 2) throw new Error(`prisma migrate diff (${provider}) failed:\n${r.err || r.out}`);
    if (r.code === 0) {
      console.log(`${provider}: migrations match prisma/schema.prisma`);
    } else {
      console.error(`prisma/schema.prisma and prisma/migrations/${provider} disagree:\n` + r.out + (r.err ?? ""));
      console.error("Run: npm run db:migration -- <name>");
      ok = false;
    }
    if (provider === "postgresql") {
      const bad = await nonCCollatedColumns(url);
      if (bad.length) {
        console.error(`PostgreSQL text columns without COLLATE "C": ${bad.join(", ")}`);
        ok = false;
      }
    }
  }
  if (!ok) process.exitCode = 1; // not process.exit(): the finally below removes the scratch folder
}

async function newMigration(work, name) {
  if (legacyNames().length) throw new Error("Run npm run db:migration -- --adopt first (old-layout migrations found).");
  const out = {};
  for (const provider of PROVIDERS) {
    const { url, pulled } = await migratedScratch(provider, work);
    const r = diff(pulled, ensureSchema(provider), url, ["--script"]);
    if (r.code !== 0) throw new Error(r.err || r.out);
    out[provider] = provider === "postgresql" ? collateC(r.out) : r.out;
  }
  if (!hasChange(out.sqlite) && !hasChange(out.postgresql)) {
    console.log("schema.prisma has no change that needs a migration");
    return;
  }
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  for (const provider of PROVIDERS) {
    const target = path.join(migrationsPath(provider), `${stamp}_${name}`);
    mkdirSync(target, { recursive: true });
    const sql = hasChange(out[provider])
      ? out[provider]
      : `-- No change on ${provider} (twin of the other provider's migration).\n`;
    writeFileSync(path.join(target, "migration.sql"), sql);
    console.log(`wrote ${path.relative(root, target)}/migration.sql`);
  }
}

/** Moves old-layout migrations into sqlite/ and writes the PostgreSQL twin of every SQLite migration that lacks one. */
async function adopt(work) {
  for (const n of legacyNames()) {
    const from = path.join(root, "prisma", "migrations", n);
    const to = path.join(migrationsPath("sqlite"), n);
    if (existsSync(to))
      throw new Error(`${path.relative(root, to)} exists already; compare it with ${path.relative(root, from)}`);
    renameSync(from, to);
    console.log(`moved prisma/migrations/${n} -> prisma/migrations/sqlite/${n}`);
  }
  const baseline = baselineOf(migrationNames("postgresql"));
  if (!baseline) throw new Error("prisma/migrations/postgresql/ has no baseline");
  const have = new Set(migrationNames("postgresql"));
  const missing = migrationNames("sqlite").filter((n) => stampOf(n) > stampOf(baseline) && !have.has(n));
  for (const n of missing) {
    // The schema as of this SQLite migration, as PostgreSQL sees it …
    const { pulled: sqliteAfter } = await migratedScratch("sqlite", work, { upTo: n });
    const target = path.join(work, `target-${n}.prisma`);
    writeFileSync(
      target,
      readFileSync(sqliteAfter, "utf8")
        .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
        .replace(/url\s*=\s*"[^"]*"/, 'url = "postgresql://localhost/portcullis"'),
    );
    // … against the PostgreSQL history so far (which now includes the twins written before).
    const { url, pulled } = await migratedScratch("postgresql", work);
    const r = diff(pulled, target, url, ["--script"]);
    if (r.code !== 0) throw new Error(r.err || r.out);
    const dir = path.join(migrationsPath("postgresql"), n);
    mkdirSync(dir, { recursive: true });
    const sql = hasChange(r.out) ? collateC(r.out) : `-- No change on postgresql (twin of the SQLite migration).\n`;
    writeFileSync(path.join(dir, "migration.sql"), sql);
    console.log(`wrote prisma/migrations/postgresql/${n}/migration.sql`);
  }
  if (!missing.length) console.log("every SQLite migration has its PostgreSQL twin");
}

/** The PostgreSQL baseline: the whole schema as of the newest SQLite migration (run once, when the history starts). */
async function baseline(work) {
  if (migrationNames("postgresql").length) throw new Error("prisma/migrations/postgresql/ is not empty");
  const newest = migrationNames("sqlite").at(-1);
  const { url } = await migratedScratch("postgresql", work);
  const s = prisma(
    ["migrate", "diff", "--from-empty", "--to-schema-datamodel", ensureSchema("postgresql"), "--script"],
    url,
  );
  const dir = path.join(migrationsPath("postgresql"), `${stampOf(newest)}_baseline`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "migration.sql"), collateC(s));
  writeFileSync(
    path.join(migrationsPath("postgresql"), "migration_lock.toml"),
    '# Please do not edit this file manually\nprovider = "postgresql"\n',
  );
  console.log(`wrote ${path.relative(root, dir)}/migration.sql`);
}

const [command, name] = process.argv.slice(2);
const work = mkdtempSync(path.join(tmpdir(), "portcullis-migrations-"));
try {
  if (command === "check") await check(work);
  else if (command === "adopt" || (command === "new" && name === "--adopt")) await adopt(work);
  else if (command === "baseline") await baseline(work);
  else if (command === "new" && name && /^[a-z0-9_]+$/.test(name)) await newMigration(work, name);
  else {
    console.error("usage: node scripts/migrations.mjs new <snake_case_name> | check | adopt");
    process.exitCode = 2;
  }
} finally {
  if (cluster && process.env.PORTCULLIS_MIGRATIONS_PG_URL)
    for (const name of scratchDatabases)
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
  cluster?.stop();
  rmSync(work, { recursive: true, force: true });
}
