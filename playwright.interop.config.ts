// Interop tests (`npm run test:interop`): Portcullis with real service providers from Debian
// (mod_auth_mellon, Shibboleth SP, SimpleSAMLphp's saml:SP), driven in Chromium. The same
// production server and first-run setup as the e2e tests (e2e/start-server.mjs on
// PORTCULLIS_E2E_PORT, a fresh database), then e2e/interop/*.spec.ts, which start the SPs on
// loopback (free ports, or PORTCULLIS_INTEROP_SP_PORT_BASE..+2) and stop them after.
import base from "./playwright.config";
import { defineConfig } from "@playwright/test";

export default defineConfig({
  ...base,
  globalSetup: undefined,
  outputDir: "test-results/interop",
  reporter: [["list"], ["json", { outputFile: "test-results/interop.json" }]],
  timeout: 120_000,
  projects: [
    {
      name: "setup",
      testDir: "e2e/setup",
      testMatch: /tenant\.setup\.ts$/,
      // Only the Owner: first-run setup and TOTP enrollment.
      grep: /first-run setup creates the Owner|the Owner signs in for the first time/,
    },
    { name: "interop", testDir: "e2e/interop", testMatch: /.*\.spec\.ts$/, dependencies: ["setup"] },
  ],
});
