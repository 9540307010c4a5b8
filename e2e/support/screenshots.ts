// Full-page screenshots for people to look at (not compared), as e2e/screenshots.spec.ts
// takes them: test-results/screenshots/<name>.png (emptied by e2e/global-setup.ts).
import path from "node:path";
import type { Page } from "@playwright/test";

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
  try {
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true, animations: "disabled" });
  } finally {
    if (viewport && height > viewport.height) await page.setViewportSize(viewport);
  }
}
