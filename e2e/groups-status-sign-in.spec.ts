// A group's status applies to its members: an active user in a Disabled group is denied at
// the hosted sign-in ("Account disabled"), and the Authentication Log shows reason
// user_disabled for that attempt. Set back to Active, the same user is not denied.
import { test, expect, type Browser } from "@playwright/test";
import { ROLE_ACCOUNTS, authFile } from "./support/accounts";
import { heading } from "./support/console";
import { addGroup, addMembers, groupsScript, setGroupStatus } from "./support/groups";
import { DISABLED, enterIdentifier, enterPassword, expectSignInPage } from "./support/hosted-sign-in";

test.describe.configure({ mode: "serial" });

const GROUP = "E2E Suspended Contractors";
const USER = {
  username: "grp.dora",
  email: "grp.dora@e2e.example.com",
  realName: "Dora Member",
  password: "End-user-Passw0rd-2026",
};

let groupId: string;

test.beforeAll(async () => {
  await groupsScript({ createUsers: [USER] });
});

test.afterAll(async () => {
  await groupsScript({ cleanup: { usernames: [USER.username], groups: [GROUP] } });
});

test.use({ storageState: authFile(ROLE_ACCOUNTS["User Manager"].key) });

/** The end user's own browser: no console session. */
async function signInAsMember(browser: Browser) {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto("/sso/login");
  await expectSignInPage(page);
  await enterIdentifier(page, USER.username);
  await enterPassword(page, USER.password);
  return { page, close: () => context.close() };
}

test("an active user in a Disabled group is denied with user_disabled", async ({ page, browser }) => {
  groupId = await addGroup(page, { name: GROUP });
  await addMembers(page, groupId, USER.username, [USER.username]);
  await setGroupStatus(page, groupId, "Disabled");

  const member = await signInAsMember(browser);
  const denied = member.page.getByTestId("sign-in-denied");
  await expect(denied.getByRole("heading", { level: 1 })).toHaveText(DISABLED.title);
  await expect(denied).toContainText(DISABLED.body);
  await member.close();

  await page.goto("/admin/reports/authentication-log");
  await expect(heading(page, "Authentication Log")).toBeVisible();
  const row = page.getByTestId("authlog-row").filter({ hasText: USER.username }).first();
  await expect(row).toContainText(/user[ _]disabled/i);
  await expect(row).toContainText(/denied/i);
});

test("back to Active, the same user is not denied", async ({ page, browser }) => {
  await setGroupStatus(page, groupId, "Active");
  const member = await signInAsMember(browser);
  // The password step is done and no denial is shown.
  await expect(member.page.getByLabel("Password")).toHaveCount(0);
  await expect(member.page.getByTestId("sign-in-denied")).toHaveCount(0);
  await member.close();
});
