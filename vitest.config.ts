// Unit tests (vitest): *.test.ts next to the code in lib/, plus test/**/*.test.ts.
// test/global-setup.ts migrates one template SQLite database per run; test/unit-setup.ts
// gives every test file its own copy of it and a valid environment (see lib/env.ts).
import path from "node:path";
import { defineConfig } from "vitest/config";

const root = path.dirname(new URL(import.meta.url).pathname);

export default defineConfig({
  resolve: {
    alias: [{ find: /^@\//, replacement: `${root}/` }],
  },
  test: {
    environment: "node",
    include: ["lib/**/*.test.ts", "test/**/*.test.ts"],
    exclude: ["node_modules/**", "lib/db/generated/**", "e2e/**", ".next/**"],
    globalSetup: ["test/global-setup.ts"],
    setupFiles: ["test/unit-setup.ts"],
    // Each test file runs in its own module graph with its own database file.
    isolate: true,
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
