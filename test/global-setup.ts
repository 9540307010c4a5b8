// Runs once per vitest project (README "Tests"): makes sure the Prisma clients are generated
// and builds a migrated template database that test/unit-setup.ts copies for each test file.
//   project "sqlite":     a template SQLite file in a temporary folder;
//   project "postgresql": a throwaway PostgreSQL cluster (scripts/pg-cluster.mjs) with a
//                         migrated template database, stopped and removed at the end;
//   project "migrations": the same, for test/migrations.test.ts's scratch databases.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startCluster } from "../scripts/pg-cluster.mjs";
import { prismaEnv } from "../scripts/runtime-env.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    portcullisProvider: "sqlite" | "postgresql";
    /** SQLite: path of the template file. PostgreSQL: name of the template database. */
    portcullisTemplateDb: string;
    portcullisWorkDir: string;
    /** PostgreSQL: URL of the cluster's `postgres` database (to CREATE DATABASE from). */
    portcullisPgAdminUrl: string;
  }
}

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
export const PG_TEMPLATE = "portcullis_template";

function migrate(url: string) {
  execFileSync(path.join(root, "node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    env: prismaEnv({ ...process.env, DATABASE_URL: url }),
  });
}

export default async function setup(project: TestProject) {
  if (
    !existsSync(path.join(root, "lib", "db", "generated", "sqlite", "client.ts")) ||
    !existsSync(path.join(root, "lib", "db", "generated", "postgresql", "client.ts"))
  ) {
    execFileSync("npm", ["run", "db:generate"], { cwd: root, stdio: "inherit" });
  }
  const workDir = mkdtempSync(path.join(tmpdir(), "portcullis-unit-"));
  project.provide("portcullisWorkDir", workDir);

  if (project.name !== "postgresql" && project.name !== "migrations") {
    const templateDb = path.join(workDir, "template.db");
    migrate(`file:${templateDb}`);
    if (!existsSync(templateDb)) throw new Error(`prisma migrate deploy did not create ${templateDb}`);
    project.provide("portcullisProvider", "sqlite");
    project.provide("portcullisTemplateDb", templateDb);
    project.provide("portcullisPgAdminUrl", "");
    return () => rmSync(workDir, { recursive: true, force: true });
  }

  const started = Date.now();
  const cluster = await startCluster({ prefix: "portcullis-unit-pg-" });
  try {
    const { default: pg } = await import("pg");
    const admin = new pg.Client({ connectionString: cluster.adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${PG_TEMPLATE}`);
    await admin.end();
    migrate(cluster.url(PG_TEMPLATE));
  } catch (e) {
    cluster.stop();
    throw e;
  }
  console.log(`PostgreSQL ${cluster.port}: cluster and migrated template ready in ${Date.now() - started} ms`);
  project.provide("portcullisProvider", "postgresql");
  project.provide("portcullisTemplateDb", PG_TEMPLATE);
  project.provide("portcullisPgAdminUrl", cluster.adminUrl);
  return () => {
    cluster.stop();
    rmSync(workDir, { recursive: true, force: true });
  };
}
