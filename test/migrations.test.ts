// scripts/migrations.mjs check: passes on the repository, and fails when schema.prisma
// gains a model that no migration creates. The failing case runs on a copy of the project
// (the script resolves paths from its own location) with no data/ folder, like a clean clone.
import { execFile } from "node:child_process";
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const copies: string[] = [];

/** Runs `node scripts/migrations.mjs check` in `cwd`; returns its exit code and output. */
async function check(cwd: string, tmp?: string): Promise<{ code: number; output: string }> {
  try {
    const env = { ...process.env, DATABASE_URL: undefined, ...(tmp ? { TMPDIR: tmp } : {}) };
    const r = await run(process.execPath, ["scripts/migrations.mjs", "check"], { cwd, env });
    return { code: 0, output: r.stdout + r.stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof err.code === "number" ? err.code : -1, output: `${err.stdout ?? ""}${err.stderr ?? ""}` };
  }
}

function projectCopy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "portcullis-migrations-test-"));
  copies.push(dir);
  mkdirSync(path.join(dir, "scripts"));
  cpSync(path.join(root, "scripts", "migrations.mjs"), path.join(dir, "scripts", "migrations.mjs"));
  cpSync(path.join(root, "prisma.config.ts"), path.join(dir, "prisma.config.ts"));
  cpSync(path.join(root, "prisma", "schema.prisma"), path.join(dir, "prisma", "schema.prisma"));
  cpSync(path.join(root, "prisma", "migrations"), path.join(dir, "prisma", "migrations"), { recursive: true });
  symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"));
  return dir;
}

afterAll(() => {
  for (const d of copies) rmSync(d, { recursive: true, force: true });
});

describe("scripts/migrations.mjs check", () => {
  it.concurrent("exits 0 on the repository", { timeout: 60_000 }, async () => {
    const r = await check(root);
    expect(r.output).toContain("migrations match prisma/schema.prisma");
    expect(r.code).toBe(0);
  });

  // The copy has no data/ folder: naming the table proves the script reached a real diff
  // (before, `check` on a clean clone failed with "External error id#0" instead).
  it.concurrent(
    "exits 1 and names the table when schema.prisma has a model no migration creates",
    { timeout: 60_000 },
    async () => {
      const dir = projectCopy();
      appendFileSync(path.join(dir, "prisma", "schema.prisma"), "\nmodel UnmigratedThing {\n  id String @id\n}\n");
      const tmp = path.join(dir, "tmp");
      mkdirSync(tmp);
      const r = await check(dir, tmp);
      expect(r.code).toBe(1);
      expect(r.output).toContain("disagree");
      expect(r.output).toContain("UnmigratedThing");
      // Its scratch folder is removed even when it fails.
      expect(readdirSync(tmp)).toEqual([]);
    },
  );
});
