// End-to-end tests: the production build on port 3100 against a fresh, empty database
// (e2e/.data, wiped by e2e/start-server.mjs). Build first (`npm run build`); the server
// does not rebuild while .next/BUILD_ID exists.
//
// Projects: "setup" (e2e/setup/tenant.setup.ts, in order) performs first-run setup through
// the UI, enrolls the Owner's authenticator and adds one administrator per role; "sessions"
// (e2e/setup/sessions.setup.ts, in parallel) signs each of them in (sessions in e2e/.auth/)
// and checks the empty tenant's console. "chromium" runs the specs (e2e/*.spec.ts) after it,
// and "interop" the tests with real SP software (e2e/interop/), beside them,
// fully in parallel: each test creates what it needs through the fixtures in e2e/support/fixtures.ts
// (unique names, removed afterwards), so tests run side by side, alone, or in any order
// (`npm run test:e2e:shuffle`). The few tests that change tenant-wide state hold
// Playwright's "-exclusive-" lock (nothing else runs meanwhile) or a named lock.
import { existsSync } from "node:fs";
import path from "node:path";
import { defineConfig } from "@playwright/test";

// PORTCULLIS_E2E_PORT lets two checkouts run their suites side by side.
const PORT = Number(process.env.PORTCULLIS_E2E_PORT ?? 3100);
const BASE_URL = `http://127.0.0.1:${PORT}`;
// Debian's Chromium headless shell (package chromium-headless-shell, the same Chromium build
// without the browser UI; what Playwright itself runs headless) when installed: it needs about
// half the CPU of the full browser in headless mode. Otherwise /usr/bin/chromium.
const HEADLESS_SHELL = "/usr/lib/chromium/chromium-headless-shell";
const CHROMIUM = existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : "/usr/bin/chromium";

export default defineConfig({
  testDir: "e2e",
  // Traces and failure screenshots. Not test-results/ itself: Playwright empties its output
  // folder at start, and scripts/test.sh keeps the vitest report there.
  outputDir: "test-results/playwright",
  globalSetup: "./e2e/global-setup.ts",
  globalTeardown: "./e2e/global-teardown.ts",
  // Tests are independent (fixtures, unique names, locks for tenant-wide changes), so every
  // test of every file may run beside any other. PORTCULLIS_E2E_WORKERS overrides the count.
  workers: Number(process.env.PORTCULLIS_E2E_WORKERS ?? 3),
  fullyParallel: true,
  retries: 0,
  forbidOnly: !!process.env.CI,
  // Generous: a long story test on a machine busy with other work; expectations time out after 10 s.
  timeout: 180_000,
  expect: { timeout: 10_000 },
  // scripts/test-summary.mjs reads the JSON report.
  reporter: [
    ["list"],
    ["json", { outputFile: "test-results/playwright.json" }],
    ["html", { open: "never", outputFolder: "playwright-report" }],
  ],
  use: {
    baseURL: BASE_URL,
    browserName: "chromium",
    viewport: { width: 1366, height: 900 },
    locale: "en-US",
    timezoneId: "UTC",
    // Recording a trace doubles the suite's CPU (DOM snapshots and a screencast of every
    // action), so the full run keeps only the failure screenshot and error context.
    // PORTCULLIS_E2E_TRACE=1 records traces and keeps them for failed tests.
    trace: process.env.PORTCULLIS_E2E_TRACE === "1" ? "retain-on-failure" : "off",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH ?? CHROMIUM,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [
    { name: "setup", testDir: "e2e/setup", testMatch: /tenant\.setup\.ts$/ },
    { name: "sessions", testDir: "e2e/setup", testMatch: /sessions\.setup\.ts$/, dependencies: ["setup"] },
    // e2e/interop/: real SP software from Debian (mod_auth_mellon, Shibboleth SP, SimpleSAMLphp),
    // one serial file around one Apache. Listed first so that its one long job starts as soon as
    // the sessions exist, beside the others. `npx playwright test --project=interop` runs only this project.
    { name: "interop", testDir: "e2e/interop", testMatch: /.*\.spec\.ts$/, dependencies: ["sessions"] },
    { name: "chromium", testMatch: /.*\.spec\.ts$/, testIgnore: "**/e2e/interop/**", dependencies: ["sessions"] },
  ],
  webServer: {
    command: `node ${path.join("e2e", "start-server.mjs")}`,
    env: { PORT: String(PORT) },
    url: `${BASE_URL}/healthz`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "ignore",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
  },
});
