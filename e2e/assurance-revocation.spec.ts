// Sessions do not outlive what they proved: an administrator's change in the console ends the
// user's SSO session in the user's browser at once. The user is signed in to the portal
// (password and passcode); the Owner disables one user and removes the other's authenticator;
// each browser's next request to the portal asks for a sign-in again. Own users.
import { test, expect, type Browser } from "@playwright/test";
import { OWNER, authFile } from "./support/accounts";
import { field, submitAction } from "./support/console";
import { assuranceUser, passwordAndPasscode } from "./support/assurance";
import { createUsers } from "./support/directory";
import { expectSignInPage } from "./support/hosted-sign-in";
import { card, openUser } from "./support/users";

const DISABLED = assuranceUser("revoke-status");
const REMOVED = assuranceUser("revoke-authenticator");
let ids: Record<string, string> = {};

test.beforeAll(async () => {
  ids = await createUsers([DISABLED, REMOVED]);
});

async function signedInAtPortal(browser: Browser, user: typeof DISABLED) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/sso/login");
  await expectSignInPage(page);
  await passwordAndPasscode(page, user);
  await expect(page).toHaveURL(/\/sso\/portal$/);
  await expect(page.getByRole("heading", { level: 1, name: "Your applications" })).toBeVisible();
  return { context, page };
}

test.describe("the Owner's change ends the user's session", () => {
  test.use({ storageState: authFile(OWNER.key) });

  test("status Disabled", async ({ page, browser }) => {
    const user = await signedInAtPortal(browser, DISABLED);
    await openUser(page, ids[DISABLED.username]!, DISABLED.username);
    const details = card(page, "Details");
    await field(details, "Status").selectOption({ label: "Disabled" });
    await submitAction(page, details.getByRole("button", { name: "Save Changes" }));
    await expect(details.getByRole("status")).toHaveText("Saved.");

    await user.page.goto("/sso/portal");
    await expectSignInPage(user.page);
    await user.context.close();
  });

  test("an authenticator removed", async ({ page, browser }) => {
    const user = await signedInAtPortal(browser, REMOVED);
    await openUser(page, ids[REMOVED.username]!, REMOVED.username);
    const auth = card(page, "Authenticators");
    await auth.getByRole("button", { name: "Remove E2E authenticator app" }).click();
    await submitAction(page, auth.getByRole("button", { name: "Confirm removing E2E authenticator app" }));
    await expect(auth).toContainText("No authenticators.");

    await user.page.goto("/sso/portal");
    await expectSignInPage(user.page);
    await user.context.close();
  });
});
