// Full-page screenshots for people to look at (not compared): test-results/screenshots/.
import { test, expect, type Page } from "@playwright/test";
import path from "node:path";
import { OWNER, SPEC_ACCOUNTS, authFile } from "./support/accounts";
import { field, heading, submitPassword } from "./support/console";

const DIR = path.join(__dirname, "..", "test-results", "screenshots");
const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(DIR, `${name}.png`), fullPage: true, animations: "disabled" });

test("sign-in and authenticator enrollment", async ({ page }) => {
  await page.goto("/admin/login");
  await expect(heading(page, "Administrator sign-in")).toBeVisible();
  await shot(page, "login");

  // An administrator who has not enrolled yet; the enrollment is not completed here.
  const a = SPEC_ACCOUNTS.screenshots;
  await submitPassword(page, a.email, a.password);
  await expect(page.getByTestId("totp-secret")).toBeVisible();
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  await expect(field(page, "Passcode")).toBeFocused();
  await shot(page, "totp-enrollment");
});

test.describe("console", () => {
  test.use({ storageState: authFile(OWNER.key) });

  const pages: Array<[string, string, string]> = [
    ["dashboard", "/admin", "Dashboard"],
    ["administrators", "/admin/administrators", "Administrators"],
    ["settings", "/admin/settings", "Settings"],
    ["administrator-log", "/admin/reports/administrator-log", "Administrator Log"],
    ["empty-state-applications", "/admin/applications", "Applications"],
  ];
  for (const [name, url, title] of pages) {
    test(`${title}`, async ({ page }) => {
      await page.goto(url);
      await expect(heading(page, title)).toBeVisible();
      await shot(page, name);
    });
  }
});
