// Settings (Owner): bad values are named beside their field and nothing is stored; a valid
// change is saved, shown in the sidebar and on the sign-in page, and logged. The tenant name
// and public base URL are the whole tenant's: the test that changes them runs alone
// (EXCLUSIVE) and puts them back.
import type { Page } from "@playwright/test";
import { test, expect, EXCLUSIVE } from "./support/fixtures";
import { OWNER, authFile } from "./support/accounts";
import {
  adminLogRows,
  alerts,
  expectFieldError,
  expectNoFieldError,
  field,
  heading,
  snapshotCell,
  submitAction,
} from "./support/console";

test.use({ storageState: authFile(OWNER.key) });

const URL_MESSAGE = "The public base URL must be an absolute http:// or https:// URL.";
const sidebar = (page: Page) => page.getByRole("navigation", { name: "Console" });

async function openSettings(page: Page) {
  await page.goto("/admin/settings");
  await expect(heading(page, "Settings")).toBeVisible();
  return {
    tenantName: field(page, "Tenant name"),
    publicBaseUrl: field(page, "Public base URL"),
    save: page.getByRole("button", { name: "Save" }),
  };
}

test("bad values are named beside their field and nothing is stored", async ({ page }) => {
  const since = new Date(Date.now() - 1000);
  const form = await openSettings(page);
  const before = {
    tenantName: await form.tenantName.inputValue(),
    publicBaseUrl: await form.publicBaseUrl.inputValue(),
  };

  const cases: Array<[string, string]> = [
    ["javascript:alert(1)", URL_MESSAGE],
    ["/relative/path", URL_MESSAGE],
    ["ftp://x", URL_MESSAGE],
    ["https://user:secret@sso.example.com", URL_MESSAGE],
    ["https://sso.example.com/?next=1", "The public base URL cannot have a query (?…) or fragment (#…)."],
    ["", "Enter the public base URL."],
  ];
  for (const [value, message] of cases) {
    await form.publicBaseUrl.fill(value);
    await submitAction(page, form.save);
    await expectFieldError(form.publicBaseUrl, message);
    await expectNoFieldError(form.tenantName);
    await expect(form.publicBaseUrl, "what was typed is kept").toHaveValue(value);
    await expect(alerts(page).filter({ hasText: "Please correct the highlighted fields." })).toBeVisible();
  }

  await form.publicBaseUrl.fill(before.publicBaseUrl);
  await form.tenantName.fill("   ");
  await submitAction(page, form.save);
  await expectFieldError(form.tenantName, "Enter a tenant name.");
  await form.tenantName.fill("x".repeat(81));
  await submitAction(page, form.save);
  await expectFieldError(form.tenantName, "The tenant name has at most 80 characters.");

  const after = await openSettings(page);
  await expect(after.tenantName).toHaveValue(before.tenantName);
  await expect(after.publicBaseUrl).toHaveValue(before.publicBaseUrl);
  await expect(await adminLogRows(page, "Settings changed", undefined, { since })).toHaveCount(0);
});

test(
  "a valid change is saved, shown in the sidebar and on sign-in, and logged",
  EXCLUSIVE,
  async ({ page, browser, tenant }) => {
    const form = await openSettings(page);
    const before = {
      tenantName: await form.tenantName.inputValue(),
      publicBaseUrl: await form.publicBaseUrl.inputValue(),
    };
    tenant.afterwards(async () => {
      const restore = await openSettings(page);
      await restore.tenantName.fill(before.tenantName);
      await restore.publicBaseUrl.fill(before.publicBaseUrl);
      await submitAction(page, restore.save);
      await expect(page.getByRole("main").getByRole("status")).toHaveText("Settings saved.");
    });
    await form.tenantName.fill("Acme Corporation (E2E)");
    // An http base URL: under an https one every cookie is Secure and __Host- named (README
    // "In the browser"), so this console, served over plain http, would be signed out.
    await form.publicBaseUrl.fill("http://sso.acme.example/");
    await submitAction(page, form.save);
    await expect(page.getByRole("main").getByRole("status")).toHaveText("Settings saved.");
    await expect(sidebar(page)).toContainText("Acme Corporation (E2E)");

    // Stored, with the trailing slash removed.
    const again = await openSettings(page);
    await expect(again.tenantName).toHaveValue("Acme Corporation (E2E)");
    await expect(again.publicBaseUrl).toHaveValue("http://sso.acme.example");
    await expect(sidebar(page)).toContainText("Acme Corporation (E2E)");

    // The sign-in page names the tenant.
    const anonymous = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const signInPage = await anonymous.newPage();
    await signInPage.goto("/admin/login");
    await expect(signInPage.getByRole("main")).toContainText("Acme Corporation (E2E)");
    await anonymous.close();

    const log = (await adminLogRows(page, "Settings changed", "Tenant")).filter({ hasText: "Acme Corporation (E2E)" });
    await expect(log).toHaveCount(1);
    await expect(log.first().getByRole("cell").nth(1)).toHaveText(OWNER.email);
    expect(await snapshotCell(log.first(), "Before")).toEqual({
      "Tenant name": before.tenantName,
      "Public base URL": before.publicBaseUrl,
    });
    expect(await snapshotCell(log.first(), "After")).toEqual({
      "Tenant name": "Acme Corporation (E2E)",
      "Public base URL": "http://sso.acme.example",
    });
  },
);
