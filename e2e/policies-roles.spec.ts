// Role limits of the Policies area: Read-only views policies and an application's effective
// policy but cannot change them (not even with a hand-made request); Help Desk has no access;
// Application Manager manages them (Owner, Administrator and Application Manager may).
import type { Page } from "@playwright/test";
import { test, expect, EXCLUSIVE } from "./support/fixtures";
import { ACCOUNTS_BY_ROLE, authFile } from "./support/accounts";
import { field, heading, submitAction } from "./support/console";
import { card } from "./support/applications";
import { captureAction, replayAction, withValues } from "./support/server-action";

const FORBIDDEN = "Your administrator role does not allow this action.";

const rememberedDevices = (page: Page) =>
  page
    .locator("section")
    .filter({ has: page.getByRole("heading", { level: 2, name: "Remembered devices", exact: true }) });

test("Read-only sees policies and the effective policy, with nothing to change", async ({ tenant, consoleAs }) => {
  const app = await tenant.app(await tenant.sp({ name: "Loopback Role Checks" }));
  const page = await consoleAs("Read-only");
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

  await page.goto(`/admin/applications/${app.id}`);
  const panel = card(page, "Policy");
  await expect(panel.getByTestId("effective-row")).toHaveCount(6);
  await expect(panel.getByRole("button", { name: "Apply a policy" })).toHaveCount(0);
  await expect(panel.getByRole("button", { name: "Apply a group policy" })).toHaveCount(0);
});

test("Help Desk has no access to Policies", async ({ consoleAs }) => {
  const page = await consoleAs("Help Desk");
  await page.goto("/admin/policies");
  await expect(heading(page, "No access")).toBeVisible();
  await expect(page.getByText("You don't have access to this page")).toBeVisible();
});

test("the Global Policy cannot be changed by Read-only, Help Desk or User Manager, even with a hand-made request", async ({
  browser,
  consoleAs,
}) => {
  const page = await consoleAs("Application Manager");
  await page.goto("/admin/policies");
  await expect(page.getByRole("link", { name: "New Policy" }).first()).toBeVisible();
  await page.getByRole("link", { name: "Edit Global Policy" }).click();
  // Capture a save that the server refuses for its content (hours out of range): nothing stored.
  const rd = rememberedDevices(page);
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
  await page.goto("/admin/policies");
  await expect(page.getByTestId("global-policy-summary")).toContainText("Do not remember devices");
});

test(
  "an Application Manager may change the Global Policy (and undoes it)",
  EXCLUSIVE,
  async ({ tenant, consoleAs }) => {
    const page = await consoleAs("Application Manager");
    const undo = async () => {
      await page.goto("/admin/policies");
      await page.getByRole("link", { name: "Edit Global Policy" }).click();
      const box = rememberedDevices(page).getByLabel("Remember devices for browser-based applications");
      if (await box.isChecked()) {
        await box.uncheck();
        await submitAction(page, page.getByRole("button", { name: "Save Policy" }));
      }
      await page.goto("/admin/policies");
      await expect(page.getByTestId("global-policy-summary")).toContainText("Do not remember devices");
    };
    tenant.afterwards(undo);
    await page.goto("/admin/policies");
    await page.getByRole("link", { name: "Edit Global Policy" }).click();
    const rd = rememberedDevices(page);
    await rd.getByLabel("Remember devices for browser-based applications").check();
    await field(rd, "Hours to remember a device").fill("5");
    await page.getByRole("button", { name: "Save Policy" }).click();
    await expect(page.getByRole("main").getByRole("status").filter({ hasText: "Policy saved." })).toBeVisible();
    await expect(field(rd, "Hours to remember a device")).toHaveValue("5");
    await page.goto("/admin/policies");
    await expect(page.getByTestId("global-policy-summary")).toContainText("Remember devices for 5 hours");
    await undo();
  },
);
