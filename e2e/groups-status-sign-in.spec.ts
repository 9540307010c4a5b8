// A group's status applies to its members: an active user in a Disabled group is denied at
// the hosted sign-in ("Account disabled"), and the Authentication Log shows reason
// user_disabled for that attempt. Set back to Active, the same user is not denied.
import type { Browser } from "@playwright/test";
import { test, expect, type TestTenant } from "./support/fixtures";
import { ROLE_ACCOUNTS, authFile } from "./support/accounts";
import { heading } from "./support/console";
import { addGroup, addMembers, setGroupStatus } from "./support/groups";
import { DISABLED, enterIdentifier, enterPassword, expectSignInPage, type EndUser } from "./support/hosted-sign-in";

test.use({ storageState: authFile(ROLE_ACCOUNTS["User Manager"].key) });

/** The end user's own browser: no console session. */
async function signInAsMember(browser: Browser, user: EndUser) {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto("/sso/login");
  await expectSignInPage(page);
  await enterIdentifier(page, user.username);
  await enterPassword(page, user.password);
  return { page, close: () => context.close() };
}

/** A group added in the console with the user in it. */
async function groupWith(page: import("@playwright/test").Page, tenant: TestTenant, user: EndUser) {
  const name = tenant.name("E2E Suspended Contractors");
  tenant.forgetGroupsAfterwards(name);
  const id = await addGroup(page, { name });
  await addMembers(page, id, user.username, [user.username]);
  return id;
}

test("an active user in a Disabled group is denied with user_disabled", async ({ page, browser, tenant }) => {
  const user = await tenant.user({ name: "grp.dora", realName: "Dora Member" });
  const groupId = await groupWith(page, tenant, user);
  await setGroupStatus(page, groupId, "Disabled");

  const member = await signInAsMember(browser, user);
  const denied = member.page.getByTestId("sign-in-denied");
  await expect(denied.getByRole("heading", { level: 1 })).toHaveText(DISABLED.title);
  await expect(denied).toContainText(DISABLED.body);
  await member.close();

  await page.goto(`/admin/reports/authentication-log?user=${encodeURIComponent(user.username)}`);
  await expect(heading(page, "Authentication Log")).toBeVisible();
  const row = page.getByTestId("authlog-row").filter({ hasText: user.username }).first();
  await expect(row).toContainText(/user[ _]disabled/i);
  await expect(row).toContainText(/denied/i);
});

test("back to Active, the same user is not denied", async ({ page, browser, tenant }) => {
  const user = await tenant.user({ name: "grp.dora", realName: "Dora Member" });
  const groupId = await groupWith(page, tenant, user);
  await setGroupStatus(page, groupId, "Disabled");
  await setGroupStatus(page, groupId, "Active");
  const member = await signInAsMember(browser, user);
  // The password step is done and no denial is shown: the second factor is asked.
  await expect(member.page).toHaveURL(/\/sso\/verify$/);
  await expect(member.page.getByLabel("Password")).toHaveCount(0);
  await expect(member.page.getByTestId("sign-in-denied")).toHaveCount(0);
  await member.close();
});
