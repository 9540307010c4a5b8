// After first-run setup (performed by the setup project, which also checks its bad-input
// messages and the Administrator Log entries it leaves): setup cannot run again.
import { test, expect } from "./support/fixtures";
import { OWNER, authFile } from "./support/accounts";
import { heading } from "./support/console";

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
