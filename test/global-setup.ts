// Runs once per `vitest run`: makes sure the Prisma client is generated and builds a
// migrated template SQLite database that test/unit-setup.ts copies for each test file.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    portcullisTemplateDb: string;
    portcullisWorkDir: string;
  }
}

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");

export default function setup(project: TestProject) {
  if (!existsSync(path.join(root, "lib", "db", "generated", "client.ts"))) {
    execFileSync("npm", ["run", "db:generate"], { cwd: root, stdio: "inherit" });
  }

  const workDir = mkdtempSync(path.join(tmpdir(), "portcullis-unit-"));
  const templateDb = path.join(workDir, "template.db");
  execFileSync(path.join(root, "node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      DATABASE_URL: `file:${templateDb}`,
      PRISMA_SCHEMA_ENGINE_BINARY: "/bin/false",
      PRISMA_QUERY_ENGINE_LIBRARY: "/bin/false",
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
    },
  });
  if (!existsSync(templateDb)) throw new Error(`prisma migrate deploy did not create ${templateDb}`);

  project.provide("portcullisTemplateDb", templateDb);
  project.provide("portcullisWorkDir", workDir);

  return () => rmSync(workDir, { recursive: true, force: true });
}
