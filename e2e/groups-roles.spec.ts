// Role limits for Groups: Help Desk and Read-only see groups and members but get no way to
// change them, and a hand-made request for "Add Group" is refused by the server.
import { test, expect } from "./support/fixtures";
import { ACCOUNTS_BY_ROLE, authFile } from "./support/accounts";
import { expectFieldError, field, heading } from "./support/console";
import { groupRow, memberRows } from "./support/groups";
import { captureAction, replayAction, withValues } from "./support/server-action";

const NO_ACCESS = "You don't have access to this page";
const FORBIDDEN = "Your administrator role does not allow this action.";

for (const role of ["Help Desk", "Read-only"] as const) {
  test.describe(role, () => {
    test.use({ storageState: authFile(ACCOUNTS_BY_ROLE[role].key) });

    test("sees groups and members but cannot add, edit, delete or change members", async ({ page, tenant }) => {
      const group = await tenant.group("E2E Read Only Visible");
      const member = await tenant.user({ name: "grp.viewed", groups: [group] });

      await page.goto(`/admin/groups?q=${encodeURIComponent(group.name)}`);
      await expect(heading(page, "Groups")).toBeVisible();
      await expect(groupRow(page, group.name)).toBeVisible();
      await expect(page.getByRole("link", { name: "Add Group" })).toHaveCount(0);

      await groupRow(page, group.name).getByRole("link", { name: group.name }).click();
      await expect(heading(page, group.name)).toBeVisible();
      await expect(page.getByText("Your administrator role can view this group but not change it.")).toBeVisible();
      await expect(field(page, "Group name")).toBeDisabled();
      await expect(page.getByRole("button", { name: "Save Changes" })).toHaveCount(0);
      await expect(page.getByRole("button", { name: "Delete Group" })).toHaveCount(0);
      await expect(page.getByRole("heading", { name: "Add Users" })).toHaveCount(0);
      await expect(memberRows(page)).toHaveCount(1);
      await expect(memberRows(page)).toContainText(member.username);
      await expect(memberRows(page).getByRole("button")).toHaveCount(0);

      await page.goto("/admin/groups/new");
      await expect(page.getByText(NO_ACCESS)).toBeVisible();
      await expect(field(page, "Group name")).toHaveCount(0);
    });
  });
}

test("a hand-made Add Group request from Help Desk or Read-only is refused", async ({ browser, tenant, consoleAs }) => {
  const HIJACK = tenant.name("E2E Hijacked Group");
  tenant.forgetGroupsAfterwards(HIJACK);
  const page = await consoleAs("User Manager");
  await page.goto("/admin/groups/new");
  // Captured with an invalid name: the server refuses it and stores nothing.
  await field(page, "Group name").fill("bad;name");
  const captured = await captureAction(page, page.getByRole("button", { name: "Add Group" }));
  await expectFieldError(
    field(page, "Group name"),
    "The group name cannot contain a semicolon (it separates groups in user CSV files).",
  );

  const attack = withValues(captured, { "bad;name": HIJACK });
  for (const role of ["Help Desk", "Read-only"] as const) {
    const ctx = await browser.newContext({ storageState: authFile(ACCOUNTS_BY_ROLE[role].key) });
    const refused = await replayAction(ctx.request, attack);
    expect(refused.text, role).toContain(FORBIDDEN);
    await ctx.close();
  }
  await page.goto(`/admin/groups?q=${encodeURIComponent(HIJACK)}`);
  await expect(page.getByRole("heading", { level: 2, name: "No matching groups" })).toBeVisible();
});
