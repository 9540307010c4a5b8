// scripts/migrations.mjs on both providers (run once, in the "postgresql" project, whose test
// cluster it borrows for its scratch databases):
// - `check` passes on the repository, and fails naming the table when schema.prisma gains a
//   model that no migration creates;
// - `new` writes twin migrations for SQLite and PostgreSQL (text columns COLLATE "C"), and
//   `adopt` turns an old-layout migration (prisma/migrations/<stamp>_<name>/, as branches
//   made before the two-provider layout add them) into the same pair;
// - a SQLite database migrated with the old single-folder layout upgrades in place: the
//   migration names Prisma recorded are the same, nothing is re-applied, no row is lost.
// The changing cases run on a copy of the project (the script resolves paths from its own
// location) with no data/ folder, like a clean clone.
import { execFile } from "node:child_process";
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { createClient } from "@libsql/client";
import { afterAll, describe, expect, inject, it } from "vitest";

const run = promisify(execFile);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const copies: string[] = [];
const pgAdminUrl = inject("portcullisPgAdminUrl");

type Ran = { code: number; output: string };

async function node(cwd: string, argv: string[], extraEnv: Record<string, string | undefined> = {}): Promise<Ran> {
  try {
    const env = { ...process.env, DATABASE_URL: undefined, PORTCULLIS_MIGRATIONS_PG_URL: pgAdminUrl, ...extraEnv };
    const r = await run(process.execPath, argv, { cwd, env, maxBuffer: 16 << 20 });
    return { code: 0, output: r.stdout + r.stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof err.code === "number" ? err.code : -1, output: `${err.stdout ?? ""}${err.stderr ?? ""}` };
  }
}

const migrations = (cwd: string, ...args: string[]) => node(cwd, ["scripts/migrations.mjs", ...args]);

function projectCopy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "portcullis-migrations-test-"));
  copies.push(dir);
  mkdirSync(path.join(dir, "scripts"));
  for (const f of readdirSync(path.join(root, "scripts")).filter((f) => /\.(mjs|cjs)$/.test(f)))
    cpSync(path.join(root, "scripts", f), path.join(dir, "scripts", f));
  cpSync(path.join(root, "prisma.config.ts"), path.join(dir, "prisma.config.ts"));
  cpSync(path.join(root, "prisma", "schema.prisma"), path.join(dir, "prisma", "schema.prisma"));
  cpSync(path.join(root, "prisma", "migrations"), path.join(dir, "prisma", "migrations"), { recursive: true });
  symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"));
  return dir;
}

const list = (dir: string) => (existsSync(dir) ? readdirSync(dir).sort() : []);

afterAll(() => {
  for (const d of copies) rmSync(d, { recursive: true, force: true });
});

describe("scripts/migrations.mjs", () => {
  it.concurrent("check exits 0 on the repository, for both providers", { timeout: 600_000 }, async () => {
    const r = await migrations(root, "check");
    expect(r.output).toContain("sqlite: migrations match prisma/schema.prisma");
    expect(r.output).toContain("postgresql: migrations match prisma/schema.prisma");
    expect(r.code).toBe(0);
  });

  // Naming the table proves the script reached a real diff on each provider.
  it.concurrent(
    "check exits 1 and names the table when schema.prisma has a model no migration creates",
    { timeout: 600_000 },
    async () => {
      const dir = projectCopy();
      appendFileSync(path.join(dir, "prisma", "schema.prisma"), "\nmodel UnmigratedThing {\n  id String @id\n}\n");
      const tmp = path.join(dir, "tmp");
      mkdirSync(tmp);
      const r = await node(dir, ["scripts/migrations.mjs", "check"], { TMPDIR: tmp });
      expect(r.code).toBe(1);
      expect(r.output).toContain("prisma/migrations/sqlite disagree");
      expect(r.output).toContain("prisma/migrations/postgresql disagree");
      expect(r.output.match(/UnmigratedThing/g)?.length).toBeGreaterThanOrEqual(2);
      // Its scratch folder is removed even when it fails.
      expect(readdirSync(tmp)).toEqual([]);
    },
  );

  it.concurrent(
    "new writes a twin pair; adopt turns an old-layout migration into the same pair",
    { timeout: 900_000 },
    async () => {
      const dir = projectCopy();
      const sqliteDir = path.join(dir, "prisma", "migrations", "sqlite");
      const pgDir = path.join(dir, "prisma", "migrations", "postgresql");
      const before = { sqlite: list(sqliteDir), pg: list(pgDir) };
      appendFileSync(
        path.join(dir, "prisma", "schema.prisma"),
        "\nmodel Widget {\n  id    String @id\n  label String @unique\n  size  Int    @default(1)\n  at    DateTime @default(now())\n}\n",
      );
      const made = await migrations(dir, "new", "add_widget");
      expect(made.output).toContain("add_widget/migration.sql");
      expect(made.code).toBe(0);
      const name = list(sqliteDir).find((n) => !before.sqlite.includes(n))!;
      expect(name).toMatch(/^\d{14}_add_widget$/);
      expect(list(pgDir)).toEqual([...before.pg, name].sort());
      const sqliteSql = readFileSync(path.join(sqliteDir, name, "migration.sql"), "utf8");
      const pgSql = readFileSync(path.join(pgDir, name, "migration.sql"), "utf8");
      expect(sqliteSql).toContain('CREATE TABLE "Widget"');
      expect(sqliteSql).toContain("DATETIME");
      expect(pgSql).toContain('"label" TEXT COLLATE "C" NOT NULL');
      expect(pgSql).toContain("TIMESTAMP(3)");

      // The same change as a branch from before this layout would have it: SQLite only, in prisma/migrations/.
      rmSync(path.join(pgDir, name), { recursive: true });
      renameSync(path.join(sqliteDir, name), path.join(dir, "prisma", "migrations", name));
      const stale = await migrations(dir, "check");
      expect(stale.code).toBe(1);
      expect(stale.output).toContain("old single-provider layout");
      const adopted = await migrations(dir, "adopt");
      expect(adopted.output).toContain(`moved prisma/migrations/${name} -> prisma/migrations/sqlite/${name}`);
      expect(adopted.output).toContain(`wrote prisma/migrations/postgresql/${name}/migration.sql`);
      expect(readFileSync(path.join(sqliteDir, name, "migration.sql"), "utf8")).toBe(sqliteSql);
      expect(readFileSync(path.join(pgDir, name, "migration.sql"), "utf8")).toBe(pgSql);
      const after = await migrations(dir, "check");
      expect(after.output).toContain("postgresql: migrations match prisma/schema.prisma");
      expect(after.code).toBe(0);
    },
  );

  it.concurrent(
    "a SQLite database made with the old single-folder layout upgrades without re-applying or losing anything",
    { timeout: 600_000 },
    async () => {
      const dir = projectCopy();
      const dbFile = path.join(dir, "existing.db");
      const url = `file:${dbFile}`;
      // The layout before the move: prisma/migrations/<name>/ and a config pointing there.
      const oldDir = path.join(dir, "old-layout");
      mkdirSync(path.join(oldDir, "prisma"), { recursive: true });
      cpSync(path.join(dir, "prisma", "migrations", "sqlite"), path.join(oldDir, "prisma", "migrations"), {
        recursive: true,
      });
      cpSync(path.join(dir, "prisma", "schema.prisma"), path.join(oldDir, "prisma", "schema.prisma"));
      writeFileSync(
        path.join(oldDir, "prisma.config.ts"),
        `import { defineConfig } from "prisma/config";\nimport { PrismaLibSQL } from "@prisma/adapter-libsql";\n` +
          `export default defineConfig({ schema: "prisma/schema.prisma", migrations: { path: "prisma/migrations" },\n` +
          `  experimental: { adapter: true }, engine: "js", adapter: async () => new PrismaLibSQL({ url: ${JSON.stringify(url)} }) });\n`,
      );
      symlinkSync(path.join(root, "node_modules"), path.join(oldDir, "node_modules"));
      const prisma = path.join(root, "node_modules", "prisma", "build", "index.js");
      const engines = { PRISMA_SCHEMA_ENGINE_BINARY: "/bin/false", PRISMA_QUERY_ENGINE_LIBRARY: "/bin/false" };
      const old = await node(oldDir, [prisma, "migrate", "deploy"], engines);
      expect(old.code).toBe(0);

      const sqlite = createClient({ url });
      await sqlite.execute(
        `INSERT INTO "User" ("id", "username", "usernameNormalized", "status", "createdAt", "updatedAt", "isEnrolled", "failedAttempts")
         VALUES ('u-kept', 'Kept.User', 'kept.user', 'ACTIVE', '2026-11-22T08:00:00.000+00:00', '2026-11-22T08:00:00.000+00:00', 0, 0)`,
      );
      const recorded = async () =>
        (
          await sqlite.execute(
            `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL ORDER BY migration_name`,
          )
        ).rows.map((r) => `${r.migration_name} ${r.checksum}`);
      const namesBefore = await recorded();
      expect(namesBefore.map((r) => r.split(" ")[0])).toEqual(
        list(path.join(dir, "prisma", "migrations", "sqlite")).filter((n) => n !== "migration_lock.toml"),
      );

      // The new layout on the same database: prisma/migrations/sqlite/ through the project's own config.
      const upgraded = await node(dir, [prisma, "migrate", "deploy"], { ...engines, DATABASE_URL: url });
      expect(upgraded.code).toBe(0);
      expect(upgraded.output).toContain(`${namesBefore.length} migrations found`);
      expect(upgraded.output).toContain("No pending migrations to apply");
      expect(await recorded()).toEqual(namesBefore);
      const kept = await sqlite.execute(`SELECT "username" FROM "User" WHERE "id" = 'u-kept'`);
      expect(kept.rows.map((r) => r.username)).toEqual(["Kept.User"]);
      sqlite.close();
    },
  );
});
