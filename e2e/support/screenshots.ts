// Full-page screenshots for people to look at: written to test-results/screenshots/<name>.png
// (emptied by e2e/global-setup.ts; e2e/global-teardown.ts writes index.html, a contact sheet
// of all of them) and attached to the test in the HTML report. Names are unique per run.
import path from "node:path";
import { test, type Page } from "@playwright/test";

export const SCREENSHOT_DIR = path.join(__dirname, "..", "..", "test-results", "screenshots");

/**
 * A full-page screenshot. For long pages the window is first made as tall as the page, so
 * that sticky parts (the console's sidebar, a form's Save bar) sit where a person sees them
 * rather than where the first screenful ended.
 */
export async function shot(page: Page, name: string) {
  const viewport = page.viewportSize();
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  if (viewport && height > viewport.height) await page.setViewportSize({ width: viewport.width, height });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  try {
    await page.screenshot({ path: file, fullPage: true, animations: "disabled" });
  } finally {
    if (viewport && height > viewport.height) await page.setViewportSize(viewport);
  }
  await test.info().attach(name, { path: file, contentType: "image/png" });
}
