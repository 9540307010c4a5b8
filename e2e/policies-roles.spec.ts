// Role limits of the Policies area: Read-only views policies and an application's effective
// policy but cannot change them (not even with a hand-made request); Help Desk has no access;
// Application Manager manages them (Owner, Administrator and Application Manager may).
import { test, expect } from "@playwright/test";
import { ACCOUNTS_BY_ROLE, OWNER, authFile } from "./support/accounts";
import { field, heading, submitAction } from "./support/console";
import { card, protectApplication } from "./support/applications";
import { removeApplications } from "./support/directory";
import { captureAction, replayAction, withValues } from "./support/server-action";

test.describe.configure({ mode: "serial" });

const FORBIDDEN = "Your administrator role does not allow this action.";
let appId = "";

test.afterAll(async () => {
  if (appId) await removeApplications([appId]);
});

test("an application for the role checks", async ({ browser }) => {
  const owner = await browser.newContext({ storageState: authFile(OWNER.key) });
  const page = await owner.newPage();
  appId = (await protectApplication(page, "Generic SAML Service Provider")).id;
  await owner.close();
});

test("Read-only sees policies and the effective policy, with nothing to change", async ({ browser }) => {
  const ctx = await browser.newContext({ storageState: authFile(ACCOUNTS_BY_ROLE["Read-only"].key) });
  const page = await ctx.newPage();
  await page.goto("/admin/policies");
  await expect(heading(page, "Policies")).toBeVisible();
  await expect(page.getByRole("link", { name: "New Policy" })).toHaveCount(0);
  await page.getByRole("link", { name: "View Global Policy" }).click();
  await expect(heading(page, "Global Policy")).toBeVisible();
  await expect(page.getByText("Your administrator role can view policies but not change them.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Save Policy" })).toHaveCount(0);
  const authPolicy = page
    .locator("section")
    .filter({ has: page.getByRole("heading", { level: 2, name: "Authentication policy", exact: true }) });
  await expect(authPolicy.getByRole("radio", { name: "Require 2FA" })).toBeChecked();
  await expect(authPolicy.getByRole("radio", { name: "Require 2FA" })).toBeDisabled();

  await page.goto("/admin/policies/new");
  await expect(heading(page, "No access")).toBeVisible();

  await page.goto(`/admin/applications/${appId}`);
  const panel = card(page, "Policy");
  await expect(panel.getByTestId("effective-row")).toHaveCount(6);
  await expect(panel.getByRole("button", { name: "Apply a policy" })).toHaveCount(0);
  await expect(panel.getByRole("button", { name: "Apply a group policy" })).toHaveCount(0);
  await ctx.close();
});

test("Help Desk has no access to Policies", async ({ browser }) => {
  const ctx = await browser.newContext({ storageState: authFile(ACCOUNTS_BY_ROLE["Help Desk"].key) });
  const page = await ctx.newPage();
  await page.goto("/admin/policies");
  await expect(heading(page, "No access")).toBeVisible();
  await expect(page.getByText("You don't have access to this page")).toBeVisible();
  await ctx.close();
});

test("the Global Policy cannot be changed by Read-only or Help Desk, even with a hand-made request; an Application Manager can", async ({
  browser,
}) => {
  const manager = await browser.newContext({ storageState: authFile(ACCOUNTS_BY_ROLE["Application Manager"].key) });
  const page = await manager.newPage();
  await page.goto("/admin/policies");
  await expect(page.getByRole("link", { name: "New Policy" }).first()).toBeVisible();
  await page.getByRole("link", { name: "Edit Global Policy" }).click();
  // Capture a save that the server refuses for its content (hours out of range): nothing stored.
  const rd = page
    .locator("section")
    .filter({ has: page.getByRole("heading", { level: 2, name: "Remembered devices", exact: true }) });
  await rd.getByLabel("Remember devices for browser-based applications").check();
  await field(rd, "Hours to remember a device").fill("9999");
  const captured = await captureAction(page, page.getByRole("button", { name: "Save Policy" }));
  await expect(field(rd, "Hours to remember a device")).toHaveAccessibleDescription(
    /Enter a whole number of hours from 1 to 720\./,
  );

  const valid = withValues(captured, { "9999": "5" });
  for (const role of ["Read-only", "Help Desk", "User Manager"] as const) {
    const ctx = await browser.newContext({ storageState: authFile(ACCOUNTS_BY_ROLE[role].key) });
    expect((await replayAction(ctx.request, valid)).text, role).toContain(FORBIDDEN);
    await ctx.close();
  }
  await page.reload();
  await expect(rd.getByLabel("Remember devices for browser-based applications")).not.toBeChecked();

  // The Application Manager's own valid save works (and is undone).
  await rd.getByLabel("Remember devices for browser-based applications").check();
  await field(rd, "Hours to remember a device").fill("5");
  await page.getByRole("button", { name: "Save Policy" }).click();
  await expect(page.getByRole("main").getByRole("status").filter({ hasText: "Policy saved." })).toBeVisible();
  await expect(field(rd, "Hours to remember a device")).toHaveValue("5");
  await rd.getByLabel("Remember devices for browser-based applications").uncheck();
  await submitAction(page, page.getByRole("button", { name: "Save Policy" }));
  await page.goto("/admin/policies");
  await expect(page.getByTestId("global-policy-summary")).toContainText("Do not remember devices");
  await manager.close();
});
