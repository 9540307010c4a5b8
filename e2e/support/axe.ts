// axe-core (WCAG 2.0/2.1 A and AA rules) on the page as it is now: no serious or critical
// violation. The message lists each violation with the elements it found, so a failure says
// what to fix.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** `soft`: record a failure and go on (a loop over many pages then reports them all at once). */
export async function expectAccessible(page: Page, label: string, opts: { soft?: boolean } = {}) {
  // The document as loaded: Next streams a page's metadata (its <title>) after the body, so a
  // page whose content is visible may not have its title yet (axe then reported document-title
  // on a busy machine). A page that has no title still fails once it has loaded.
  await page.waitForLoadState("load");
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const bad = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`);
  (opts.soft ? expect.soft : expect)(bad, `${label} (${page.url()}) has no serious or critical axe violations`).toEqual(
    [],
  );
}
