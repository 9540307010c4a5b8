// Unit tests (vitest): *.test.ts next to the code in lib/, plus test/**/*.test.ts, run twice:
// project "sqlite" (the embedded default) and project "postgresql" (a throwaway cluster that
// test/global-setup.ts starts and stops); project "migrations" is test/migrations.test.ts alone. test/global-setup.ts migrates one template database
// per project; test/unit-setup.ts gives every test file its own copy of it and a valid
// environment (see lib/env.ts). `vitest run --project sqlite` runs one of them.
import { availableParallelism } from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

const root = path.dirname(new URL(import.meta.url).pathname);
// Each project names its files (a project's include adds to the root's, it does not replace it).
const UNIT = ["lib/**/*.test.ts", "test/**/*.test.ts"];

export default defineConfig({
  resolve: {
    alias: [{ find: /^@\//, replacement: `${root}/` }],
  },
  test: {
    environment: "node",
    exclude: ["node_modules/**", "lib/db/generated/**", "e2e/**", ".next/**"],
    globalSetup: ["test/global-setup.ts"],
    setupFiles: ["test/unit-setup.ts"],
    // Each test file runs in its own module graph with its own database.
    isolate: true,
    // Vitest's default is one worker fewer than the cores: one worker on a 2-core machine.
    // Test files wait on their databases (a file copy, CREATE DATABASE … TEMPLATE) and on
    // child processes (test/migrations.test.ts), so one more worker than cores keeps both
    // cores busy: 244 s instead of 342 s for the whole suite on this 2-core machine.
    maxWorkers: availableParallelism() + 1,
    testTimeout: 20_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: "sqlite", include: UNIT, exclude: ["test/migrations.test.ts"] } },
      // libsql-connections and wal-checkpointer are SQLite's own connection handling and WAL file.
      {
        extends: true,
        test: {
          name: "postgresql",
          include: UNIT,
          exclude: ["lib/db/libsql-connections.test.ts", "lib/db/wal-checkpointer.test.ts", "test/migrations.test.ts"],
        },
      },
      // scripts/migrations.mjs covers both providers, run once, on a PostgreSQL cluster of its own.
      // A project of its own so that `npm test` can run it beside the end-to-end tests.
      { extends: true, test: { name: "migrations", include: ["test/migrations.test.ts"] } },
    ],
  },
});
