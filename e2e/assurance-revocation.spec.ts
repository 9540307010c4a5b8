// Sessions do not outlive what they proved: an administrator's change in the console ends the
// user's SSO session in the user's browser at once. The user is signed in to the portal
// (password and passcode) in their own browser; the Owner disables one user and removes
// another's authenticator; each browser's next request to the portal asks for a sign-in again.
// Own users (fixtures).
import { test, expect } from "./support/fixtures";
import { OWNER, authFile } from "./support/accounts";
import { field, submitAction } from "./support/console";
import { expectSignInPage, signInAs, type EndUser } from "./support/hosted-sign-in";
import { card, openUser } from "./support/users";
import type { Page } from "@playwright/test";

/** The user signs in to the portal with password and passcode in `page` (their browser). */
async function signedInAtPortal(page: Page, user: EndUser) {
  await page.goto("/sso/login");
  await signInAs(page, undefined, user);
  await expect(page).toHaveURL(/\/sso\/portal$/);
  await expect(page.getByRole("heading", { level: 1, name: "Your applications" })).toBeVisible();
}

test.describe("the Owner's change ends the user's session", () => {
  test.use({ storageState: authFile(OWNER.key) });

  test("status Disabled", async ({ page, tenant, freshPage }) => {
    const user = await tenant.user({ name: "revoke-status" });
    const browser = await freshPage();
    await signedInAtPortal(browser, user);

    await openUser(page, user.id, user.username);
    const details = card(page, "Details");
    await field(details, "Status").selectOption({ label: "Disabled" });
    await submitAction(page, details.getByRole("button", { name: "Save Changes" }));
    await expect(details.getByRole("status")).toHaveText("Saved.");

    await browser.goto("/sso/portal");
    await expectSignInPage(browser);
  });

  test("an authenticator removed", async ({ page, tenant, freshPage }) => {
    const user = await tenant.user({ name: "revoke-authenticator" });
    const browser = await freshPage();
    await signedInAtPortal(browser, user);

    await openUser(page, user.id, user.username);
    const auth = card(page, "Authenticators");
    await auth.getByRole("button", { name: "Remove E2E authenticator app" }).click();
    await submitAction(page, auth.getByRole("button", { name: "Confirm removing E2E authenticator app" }));
    await expect(auth).toContainText("No authenticators.");

    await browser.goto("/sso/portal");
    await expectSignInPage(browser);
  });
});
