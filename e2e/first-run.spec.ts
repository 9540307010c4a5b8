// After first-run setup (performed by the setup project, which also checks its bad-input
// messages): setup cannot run again, and the Owner's creation is in the Administrator Log.
import { test, expect } from "@playwright/test";
import { OWNER, authFile } from "./support/accounts";
import { adminLogRows, heading, snapshotCell } from "./support/console";

test("the setup page is gone once an Owner exists", async ({ page, browser }) => {
  await page.goto("/admin/setup");
  await expect(page).toHaveURL(/\/admin\/login$/);
  await expect(heading(page, "Administrator sign-in")).toBeVisible();
  await expect(page.getByRole("button", { name: "Create Owner" })).toHaveCount(0);

  // Signed in, it leads to the console.
  const owner = await browser.newContext({ storageState: authFile(OWNER.key) });
  const ownerPage = await owner.newPage();
  await ownerPage.goto("/admin/setup");
  await expect(ownerPage).toHaveURL(/\/admin$/);
  await owner.close();
});

test("the Owner's creation and first sign-in are in the Administrator Log", async ({ browser }) => {
  const owner = await browser.newContext({ storageState: authFile(OWNER.key) });
  const page = await owner.newPage();
  const created = await adminLogRows(page, "Administrator added", OWNER.email);
  await expect(created).toHaveCount(1);
  expect(await snapshotCell(created.first(), "After")).toEqual({
    Email: OWNER.email,
    Name: OWNER.name,
    Role: "Owner",
    Via: "first-run setup",
  });
  await expect(created.first().getByRole("cell").nth(1)).toHaveText(OWNER.email);

  const enrolled = await adminLogRows(page, "Signed in and enrolled authenticator", OWNER.email);
  await expect(enrolled).toHaveCount(1);
  await owner.close();
});
