// Accessibility smoke tests: sign-in with the keyboard alone, and a label for every
// control on the console's forms.
import type { Locator, Page } from "@playwright/test";
import { test, expect } from "./support/fixtures";
import { OWNER, authFile } from "./support/accounts";
import { expectHydrated, field, heading } from "./support/console";
import { Authenticator } from "./support/totp";

/** Every visible form control inside `scope` has an accessible name (a label). */
async function expectEveryControlLabelled(scope: Locator) {
  const controls = scope.locator("input:not([type=hidden]), select, textarea");
  const n = await controls.count();
  expect(n, "the form has controls").toBeGreaterThan(0);
  for (let i = 0; i < n; i++) {
    const c = controls.nth(i);
    const desc = await c.evaluate((el) => `${el.tagName.toLowerCase()}[name=${el.getAttribute("name")}]`);
    await expect(c, `${desc} has a label`).toHaveAccessibleName(/\S/);
    // The label is a real <label> (not only a placeholder or title).
    const labelled = await c.evaluate(
      (el) => ((el as HTMLInputElement).labels?.length ?? 0) > 0 || el.hasAttribute("aria-labelledby"),
    );
    expect(labelled, `${desc} is tied to a <label>`).toBe(true);
  }
}

const focusedName = (page: Page) =>
  page.evaluate(() => document.activeElement?.getAttribute("name") ?? document.activeElement?.tagName ?? "");

test("sign-in can be completed with the keyboard alone", async ({ page, tenant }) => {
  const a = await tenant.admin("Help Desk", "keyboard");
  await page.goto("/admin/login");
  await expectHydrated(page.locator("form")); // Enter then submits through React
  // The email field has focus when the page opens.
  await expect(field(page, "Email")).toBeFocused();
  await page.keyboard.type(a.email);
  await page.keyboard.press("Tab");
  await expect(field(page, "Password")).toBeFocused();
  await page.keyboard.type(a.password);
  await page.keyboard.press("Enter");

  // The passcode step takes focus; the secret can be read off the page, as a person
  // would type it into an authenticator app.
  await expect(field(page, "Passcode")).toBeFocused();
  const app = new Authenticator((await page.getByTestId("totp-secret").innerText()).trim());
  await page.keyboard.type(app.next());
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/admin$/);
  await expect(heading(page, "Dashboard")).toBeVisible();

  // In the console, the first Tab reaches "Skip to content", which moves focus to the page.
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#main$/);
  // Tab order continues from the main content, not from the sidebar.
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => !!document.activeElement?.closest("main"))).toBe(true);
  expect(await focusedName(page)).not.toBe("");
});

test("every control on the sign-in forms has a label", async ({ page }) => {
  await page.goto("/admin/login");
  await expectEveryControlLabelled(page.locator("form"));
  await expect(field(page, "Email")).toHaveAttribute("autocomplete", "username");
  await expect(field(page, "Password")).toHaveAttribute("autocomplete", "current-password");

  // The passcode step (an enrolled administrator; no sign-in is completed here).
  await field(page, "Email").fill(OWNER.email);
  await field(page, "Password").fill(OWNER.password);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(field(page, "Passcode")).toBeVisible();
  await expectEveryControlLabelled(page.locator("form"));
  await expect(field(page, "Passcode")).toHaveAttribute("autocomplete", "one-time-code");
  await expect(field(page, "Passcode")).toHaveAttribute("inputmode", "numeric");
});

test.describe("console forms", () => {
  test.use({ storageState: authFile(OWNER.key) });

  test("every control on the Administrators page has a label", async ({ page }) => {
    await page.goto("/admin/administrators");
    await expect(heading(page, "Administrators")).toBeVisible();
    // The add form and every row's role selector.
    await expectEveryControlLabelled(page.getByRole("main"));
    for (const label of ["Name", "Email", "Role", "Initial password"]) await expect(field(page, label)).toBeVisible();
    await expect(page.getByRole("combobox", { name: /^Role for / }).first()).toBeVisible();
  });

  test("every control on the Settings page has a label", async ({ page }) => {
    await page.goto("/admin/settings");
    await expectEveryControlLabelled(page.getByRole("main"));
    for (const label of ["Tenant name", "Public base URL"]) await expect(field(page, label)).toBeVisible();
  });
});
