// Runs once after the projects: writes test-results/screenshots/index.html, one page with
// every screenshot the run took (e2e/support/screenshots.ts), to look at after a run. Each
// screenshot is also attached to its test in the HTML report (playwright-report/).
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { SCREENSHOT_DIR } from "./support/screenshots";

export default function globalTeardown() {
  if (!existsSync(SCREENSHOT_DIR)) return;
  const files = readdirSync(SCREENSHOT_DIR)
    .filter((f) => f.endsWith(".png"))
    .sort();
  const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const items = files
    .map(
      (f) =>
        `<figure><figcaption>${esc(path.basename(f, ".png"))}</figcaption>` +
        `<a href="${esc(f)}"><img src="${esc(f)}" alt="${esc(f)}" loading="lazy"></a></figure>`,
    )
    .join("\n");
  writeFileSync(
    path.join(SCREENSHOT_DIR, "index.html"),
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Portcullis screenshots (${files.length})</title>` +
      `<style>body{font:14px system-ui,sans-serif;margin:24px;background:#f8fafc}figure{display:inline-block;margin:0 16px 24px 0;` +
      `vertical-align:top}img{width:420px;border:1px solid #cbd5e1;background:#fff}figcaption{margin-bottom:4px;font-weight:600}</style>` +
      `</head><body><h1>Screenshots of the last end-to-end run (${files.length})</h1>\n${items}\n</body></html>\n`,
  );
}
