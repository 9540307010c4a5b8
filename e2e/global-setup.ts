// Runs once before the projects: removes the screenshots of the previous run
// (test-results/screenshots/, written by e2e/support/screenshots.ts for people to look at).
import { rmSync } from "node:fs";
import path from "node:path";

export default function globalSetup() {
  rmSync(path.join(__dirname, "..", "test-results", "screenshots"), { recursive: true, force: true });
}
