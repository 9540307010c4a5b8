// Self-service at /sso/portal after sign-in (password, then passcode): the user's
// authenticators are listed; an authenticator app is added (QR code and key, the first code
// computed by the test), renamed and removed; the last one cannot be removed while the
// policy requires two-factor authentication. The application launcher stays.
import { test, expect } from "./support/fixtures";
import { alerts, field } from "./support/console";
import { enterIdentifier, enterPasscode, expectSignInPage, expectVerifyPage } from "./support/hosted-sign-in";
import { shot } from "./support/screenshots";
import { Authenticator } from "./support/totp";

test("a user manages their authenticators at the portal; the last one stays", async ({ page, tenant }) => {
  const user = await tenant.user({ name: "paul.portal", realName: "Paul Portal" });
  await page.goto("/sso/login");
  await expectSignInPage(page);
  await enterIdentifier(page, user.username);
  await field(page, "Password").fill(user.password);
  await page.getByRole("button", { name: "Log in", exact: true }).click();
  await expectVerifyPage(page);
  await enterPasscode(page, user.totp!.next());
  await expect(page).toHaveURL(/\/sso\/portal$/);
  await expect(page.getByRole("heading", { level: 1, name: "Your applications" })).toBeVisible();

  const list = page.getByRole("list", { name: "Your authenticators" });
  const items = list.getByTestId("authenticator");
  await expect(items).toHaveCount(1);
  await expect(items.first()).toContainText("E2E authenticator app");
  await expect(items.first()).toContainText("Authenticator app");
  await expect(items.first()).toContainText("last used");

  // Removing the only one is refused.
  await items.first().locator("summary", { hasText: "Remove" }).click();
  await items.first().getByRole("button", { name: "Remove", exact: true }).click();
  await expect(alerts(page)).toHaveText(
    "You cannot remove your last authenticator: your organization requires two-factor authentication.",
  );
  await expect(items).toHaveCount(1);

  // Add an authenticator app.
  await page.getByRole("link", { name: "Add an authenticator app" }).click();
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  const secret = (await page.getByTestId("totp-secret").innerText()).replace(/\s+/g, "");
  const newApp = new Authenticator(secret);
  await field(page, "Passcode").fill(newApp.wrong());
  await page.getByRole("button", { name: "Verify and continue" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Incorrect passcode. Try again.");
  // The same key is shown again after a wrong code (it has been scanned already).
  expect((await page.getByTestId("totp-secret").innerText()).replace(/\s+/g, "")).toBe(secret);
  await field(page, "Passcode").fill(newApp.next());
  await page.getByRole("button", { name: "Verify and continue" }).click();
  await expect(page).toHaveURL(/\/sso\/portal\?msg=added$/);
  await expect(page.getByRole("main").getByRole("status").first()).toHaveText("Authenticator added.");
  await expect(items).toHaveCount(2);
  await expect(items.nth(1)).toContainText("Authenticator app 2");
  await expect(items.nth(1)).toContainText("never used");

  // Rename it.
  await items.nth(1).locator("summary", { hasText: "Rename" }).click();
  await field(items.nth(1), "Name").fill("Work phone");
  await items.nth(1).getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("main").getByRole("status").first()).toHaveText("Authenticator renamed.");
  await expect(items.nth(1).getByTestId("authenticator-name")).toHaveText("Work phone");
  await shot(page, "mfa-portal");

  // Remove the first one; the renamed one is now the last and stays.
  await items.first().locator("summary", { hasText: "Remove" }).click();
  await items.first().getByRole("button", { name: "Remove", exact: true }).click();
  await expect(page.getByRole("main").getByRole("status").first()).toHaveText("Authenticator removed.");
  await expect(items).toHaveCount(1);
  await expect(items.first().getByTestId("authenticator-name")).toHaveText("Work phone");
  await items.first().locator("summary", { hasText: "Remove" }).click();
  await items.first().getByRole("button", { name: "Remove", exact: true }).click();
  await expect(alerts(page)).toHaveText(
    "You cannot remove your last authenticator: your organization requires two-factor authentication.",
  );
  await expect(items).toHaveCount(1);

  // The next sign-in uses the new authenticator app.
  await page.getByRole("button", { name: "Sign out" }).click();
  await enterIdentifier(page, user.username);
  await field(page, "Password").fill(user.password);
  await page.getByRole("button", { name: "Log in", exact: true }).click();
  await expectVerifyPage(page);
  await enterPasscode(page, newApp.next());
  await expect(page).toHaveURL(/\/sso\/portal$/);
});
