// Users: what Help Desk and Read-only administrators see and may do (Duo's roles). Help Desk
// unlocks, issues bypass codes and reset links but edits and deletes nothing; Read-only only
// views; a hand-made request is refused like the hidden button.
import { test, expect } from "./support/fixtures";
import { ACCOUNTS_BY_ROLE, authFile } from "./support/accounts";
import { alerts, field, submitAction } from "./support/console";
import { captureAction, replayAction } from "./support/server-action";
import { card, openUser, userRow } from "./support/users";

const FORBIDDEN = "Your administrator role does not allow this action.";

test.describe("Help Desk", () => {
  test.use({ storageState: authFile(ACCOUNTS_BY_ROLE["Help Desk"].key) });

  test("views users, unlocks, generates bypass codes and reset links, but cannot add, edit or delete", async ({
    page,
    tenant,
  }) => {
    const hal = await tenant.user({
      name: "hal.locked",
      realName: "Hal Locked",
      status: "LOCKED_OUT",
      enrolled: false,
      authenticators: [{ type: "TOTP", name: "Hal's phone" }],
    });
    await page.goto(`/admin/users?q=${hal.username}`);
    await expect(userRow(page, hal.username)).toBeVisible();
    await expect(page.getByRole("link", { name: "Add User" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Import Users" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Export CSV" })).toBeVisible();

    await openUser(page, hal.id, hal.username);
    await expect(page.getByRole("button", { name: "Save Changes" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Delete User" })).toHaveCount(0);
    await expect(card(page, "Authenticators").getByRole("button", { name: /Remove/ })).toHaveCount(0);
    await expect(card(page, "Groups").getByRole("combobox")).toHaveCount(0);
    await expect(card(page, "Details")).toContainText("Hal Locked");

    await submitAction(page, alerts(page).filter({ hasText: "Locked Out" }).getByRole("button", { name: "Unlock" }));
    await expect(alerts(page).filter({ hasText: "Locked Out" })).toHaveCount(0);
    await expect(card(page, "Details")).toContainText("Active");

    const codes = card(page, "Bypass codes");
    await submitAction(page, codes.getByRole("button", { name: "Generate Bypass Codes" }));
    await expect(codes.getByTestId("bypass-codes").getByRole("listitem")).toHaveCount(1);

    await submitAction(page, card(page, "Password").getByRole("button", { name: "Create Password Reset Link" }));
    await expect(field(card(page, "Password"), "Password reset link")).toHaveValue(/\/sso\/reset\//);
  });

  test("a delete sent straight to the server is refused", async ({ browser, tenant, consoleAs }) => {
    const vic = await tenant.user({ name: "vic.victim", realName: "Vic Victim", enrolled: false });
    const ownerPage = await consoleAs("Owner");
    // The Owner's delete of a user who is then restored, captured as the form sends it.
    await openUser(ownerPage, vic.id, vic.username);
    await ownerPage.getByRole("button", { name: "Delete User" }).click();
    const captured = await captureAction(ownerPage, ownerPage.getByRole("button", { name: "Confirm delete" }));
    await ownerPage.goto("/admin/users/trash");
    await submitAction(ownerPage, ownerPage.getByRole("button", { name: `Restore ${vic.username}` }));

    for (const role of ["Help Desk", "Read-only", "Application Manager"] as const) {
      const ctx = await browser.newContext({ storageState: authFile(ACCOUNTS_BY_ROLE[role].key) });
      const refused = await replayAction(ctx.request, captured);
      expect(refused.text, role).toContain(FORBIDDEN);
      await ctx.close();
    }
    // Still there.
    await openUser(ownerPage, vic.id, vic.username);
  });
});

test.describe("Read-only", () => {
  test.use({ storageState: authFile(ACCOUNTS_BY_ROLE["Read-only"].key) });

  test("views the list and a user page with no way to change anything", async ({ page, tenant }) => {
    const pat = await tenant.user({
      name: "pat.plain",
      realName: "Pat Plain",
      enrolled: false,
      authenticators: [{ type: "TOTP", name: "Pat's phone" }],
    });
    await page.goto(`/admin/users?q=${pat.username}`);
    await expect(userRow(page, pat.username)).toContainText("Enrolled");
    for (const name of ["Add User", "Import Users"]) await expect(page.getByRole("link", { name })).toHaveCount(0);
    await openUser(page, pat.id, pat.username);
    await expect(card(page, "Details")).toContainText("Pat Plain");
    await expect(card(page, "Authenticators")).toContainText("Pat's phone");
    await expect(page.getByRole("main").getByRole("button")).toHaveCount(0);
    await expect(card(page, "Password")).toContainText("Your role cannot create password reset links.");
    expect((await page.goto("/admin/users/new"))?.status()).toBe(200);
    await expect(page.getByText("You don't have access to this page")).toBeVisible();
  });
});
