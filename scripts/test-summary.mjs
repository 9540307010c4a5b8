#!/usr/bin/env node
// Adds up the vitest and Playwright (end-to-end and interop) JSON reports into one closing line: "N passed, N failed".
import { existsSync, readFileSync } from "node:fs";

let passed = 0;
let failed = 0;
let skipped = 0;

// The unit tests, and test/migrations.test.ts (run beside the end-to-end tests).
for (const [file, what] of [
  ["test-results/vitest.json", "The unit tests"],
  ["test-results/vitest-migrations.json", "The migrations check"],
]) {
  if (existsSync(file)) {
    const v = JSON.parse(readFileSync(file, "utf8"));
    passed += v.numPassedTests ?? 0;
    failed += v.numFailedTests ?? 0;
    skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
  } else {
    failed += 1;
    console.log(`${what} wrote no report: counted as a failure.`);
  }
}
if (existsSync("test-results/playwright.json")) {
  const p = JSON.parse(readFileSync("test-results/playwright.json", "utf8"));
  passed += (p.stats?.expected ?? 0) + (p.stats?.flaky ?? 0);
  failed += p.stats?.unexpected ?? 0;
  skipped += p.stats?.skipped ?? 0;
} else {
  failed += 1;
  console.log("Playwright wrote no report: counted as a failure.");
}
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
