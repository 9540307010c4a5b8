// End-to-end tests: the production build on port 3100 against a fresh, empty database
// (e2e/.data, wiped by e2e/start-server.mjs). Build first (`npm run build`); the server
// does not rebuild while .next/BUILD_ID exists.
//
// Projects: "setup" (e2e/setup/) performs first-run setup through the UI, enrolls the
// Owner's authenticator and adds one administrator per role, saving each one's session
// in e2e/.auth/. "chromium" runs the specs (e2e/*.spec.ts) and depends on it.
import path from "node:path";
import { defineConfig } from "@playwright/test";

// PORTCULLIS_E2E_PORT lets two checkouts run their suites side by side.
const PORT = Number(process.env.PORTCULLIS_E2E_PORT ?? 3100);
const BASE_URL = `http://127.0.0.1:${PORT}`;

export default defineConfig({
  testDir: "e2e",
  // Traces and failure screenshots. Not test-results/ itself: Playwright empties its output
  // folder at start, and scripts/test.sh keeps the vitest report there.
  outputDir: "test-results/playwright",
  globalSetup: "./e2e/global-setup.ts",
  // One worker: the specs share one tenant (its settings, administrators and sign-in
  // throttle), so they run one after another. The whole run takes about two minutes.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 90_000, // a sign-in may wait for the next TOTP time step (up to 30 s)
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
    viewport: { width: 1280, height: 800 },
    locale: "en-US",
    timezoneId: "UTC",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH ?? "/usr/bin/chromium",
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
    { name: "setup", testDir: "e2e/setup", testMatch: /.*\.setup\.ts$/ },
    // e2e/interop/ runs with real SP software: playwright.interop.config.ts (npm run test:interop).
    { name: "chromium", testMatch: /.*\.spec\.ts$/, testIgnore: "**/e2e/interop/**", dependencies: ["setup"] },
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
