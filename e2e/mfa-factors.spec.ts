// Bypass codes, lockout, the New User policy's "Deny access", and Bypass status, each end to
// end through an SP-initiated SAML sign-in at a real node-saml SP, with the Authentication
// Log's reason for each outcome.
import type { Page } from "@playwright/test";
import { test, expect, EXCLUSIVE } from "./support/fixtures";
import { authLogEntries, authLogRows, type ProtectedApp } from "./support/applications";
import { alerts, field, submitAction } from "./support/console";
import { userRow } from "./support/users";
import {
  enterIdentifier,
  enterPasscode,
  expectSignInPage,
  expectSpSignedIn,
  expectVerifyPage,
  INCORRECT,
  type EndUser,
} from "./support/hosted-sign-in";
import { shot } from "./support/screenshots";
import type { TestSp } from "./support/test-sp";

/** From the SP to the password step's answer. */
async function signIn(page: Page, sp: TestSp, app: ProtectedApp, u: EndUser, password = u.password) {
  await page.goto(sp.loginUrl());
  await expectSignInPage(page, app.name);
  await enterIdentifier(page, u.username);
  await field(page, "Password").fill(password);
  await page.getByRole("button", { name: "Log in", exact: true }).click();
}

const signedInAs = (sp: TestSp, u: EndUser) => sp.signIns.filter((s) => s.nameId === u.username).length;

/** The application's Authentication Log rows of one user, newest first: [result, reason, factor]. */
async function logOf(page: Page, app: ProtectedApp, u: EndUser) {
  const rows = await authLogEntries(await authLogRows(page, app));
  return rows.filter((r) => r.user === u.username).map((r) => [r.result, r.reason, r.factor]);
}

test("a bypass code signs in once; used up, it is refused the second time", async ({ browser, tenant, consoleAs }) => {
  const sp = await tenant.sp({ name: "Loopback Factors App" });
  const app = await tenant.app(sp);
  const bea = await tenant.user({ name: "bea.bypasscode" });
  const [code] = await tenant.bypassCodes(bea, 1, 1);
  expect(code).toMatch(/^\d{9}$/);
  for (const attempt of [1, 2]) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, sp, app, bea);
    await expectVerifyPage(page);
    await page.getByText("Enter a bypass code").click();
    await field(page, "Bypass code").fill(code!);
    await page.getByRole("button", { name: "Verify bypass code" }).click();
    if (attempt === 1) {
      await expectSpSignedIn(page, sp, bea.username);
    } else {
      await expect(page).toHaveURL(/\/sso\/verify\?m=bypass&e=invalid_bypass_code$/);
      await expect(alerts(page)).toHaveText("Incorrect, expired or used-up bypass code.");
      expect(signedInAs(sp, bea)).toBe(1);
      // The authenticator app still works.
      await enterPasscode(page, bea.totp!.next());
      await expectSpSignedIn(page, sp, bea.username);
    }
    await context.close();
  }
  expect(await logOf(await consoleAs("Owner"), app, bea)).toEqual([
    ["Success", "Valid passcode", "Authenticator app passcode"],
    ["Failure", "Invalid bypass code", "Bypass code"],
    ["Success", "Valid bypass code", "Bypass code"],
  ]);
});

test(
  "lockout: the threshold is set in Settings; failed passwords and passcodes lock the user out; an administrator unlocks",
  EXCLUSIVE,
  async ({ browser, tenant, consoleAs }) => {
    const sp = await tenant.sp({ name: "Loopback Lockout App" });
    const app = await tenant.app(sp);
    const lou = await tenant.user({ name: "lou.lockout" });
    const page = await consoleAs("Owner");
    const setThreshold = async (value: string) => {
      await page.goto("/admin/settings/lockout");
      await field(page, "Lock out after failed attempts").fill(value);
      await page.getByRole("button", { name: "Save", exact: true }).click();
      await expect(page.getByRole("main").getByRole("status")).toHaveText("Lockout settings saved.");
    };

    await page.goto("/admin/settings/lockout");
    await expect(page.getByRole("heading", { level: 2, name: "Lockout" })).toBeVisible();
    const threshold = field(page, "Lock out after failed attempts");
    await expect(threshold).toHaveValue("10");
    // Bad input is refused beside the field and changes nothing.
    await threshold.fill("0");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(threshold).toHaveAccessibleDescription(/Lock out after at least 1 failed attempt\./);
    // Tenant-wide: back to the default for the other tests when this one ends, whatever happens.
    tenant.afterwards(() => setThreshold("10"));
    await setThreshold("3");

    const context = await browser.newContext();
    const user = await context.newPage();
    // 1: a wrong password.
    await signIn(user, sp, app, lou, "not-the-password");
    await expect(alerts(user)).toHaveText(INCORRECT);
    // 2: the right password, then a wrong passcode.
    await user.getByRole("button", { name: "Not you? Use another account" }).click();
    await enterIdentifier(user, lou.username);
    await field(user, "Password").fill(lou.password);
    await user.getByRole("button", { name: "Log in", exact: true }).click();
    await expectVerifyPage(user);
    await enterPasscode(user, lou.totp!.wrong());
    await expect(alerts(user)).toHaveText("Incorrect passcode. Try again.");
    // 3: another wrong passcode reaches the threshold.
    await enterPasscode(user, lou.totp!.wrong());
    await expect(user).toHaveURL(/\/sso\/error\?reason=locked_out/);
    await expect(user.getByRole("heading", { level: 1 })).toHaveText("Account locked");
    await shot(user, "mfa-locked-out");

    // Locked: even the right password does not get past the first step.
    await signIn(user, sp, app, lou);
    await expect(user.getByTestId("sign-in-denied").getByRole("heading", { level: 1 })).toHaveText("Account locked");
    expect(signedInAs(sp, lou)).toBe(0);

    // An administrator unlocks the user on the user's page in the console.
    await page.goto(`/admin/users?q=${encodeURIComponent(lou.username)}`);
    await expect(userRow(page, lou.username)).toContainText("Locked Out");
    await userRow(page, lou.username).getByRole("link", { name: lou.username, exact: true }).click();
    const locked = alerts(page).filter({ hasText: "Locked Out" });
    await expect(locked).toContainText(`${lou.username} is locked out after 3 failed attempts`);
    await submitAction(page, locked.getByRole("button", { name: "Unlock" }));
    await expect(alerts(page).filter({ hasText: "Locked Out" })).toHaveCount(0);
    await signIn(user, sp, app, lou);
    await expectVerifyPage(user);
    await enterPasscode(user, lou.totp!.next());
    await expectSpSignedIn(user, sp, lou.username);
    await context.close();

    expect(await logOf(page, app, lou)).toEqual([
      ["Success", "Valid passcode", "Authenticator app passcode"],
      ["Denied", "User locked out", "Password"],
      ["Denied", "User locked out", "Authenticator app passcode"],
      ["Failure", "Invalid passcode", "Authenticator app passcode"],
      ["Failure", "Invalid password", "Password"],
    ]);
  },
);

test("New User policy Deny access: an unenrolled user is denied with a clear page; enrolled users are not affected", async ({
  page,
  browser,
  tenant,
  consoleAs,
}) => {
  const sp = await tenant.sp({ name: "Loopback New User App" });
  const app = await tenant.app(sp);
  // The application's own policy; its other sections come from the Global Policy (Require 2FA).
  await tenant.policy({ newUserPolicy: { action: "deny" } }, { app }, "E2E New users denied");
  const ned = await tenant.user({ name: "ned.newuser", enrolled: false });
  const bea = await tenant.user({ name: "bea.enrolled" });

  await signIn(page, sp, app, ned);
  const denied = page.getByTestId("sign-in-denied");
  await expect(denied.getByRole("heading", { level: 1 })).toHaveText("Enrollment not allowed");
  await expect(denied).toContainText("your organization's policy does not allow you to enroll here");
  await expect(page.getByLabel("Password")).toHaveCount(0);
  await shot(page, "mfa-new-user-denied");
  expect(signedInAs(sp, ned)).toBe(0);

  const context = await browser.newContext();
  const other = await context.newPage();
  await signIn(other, sp, app, bea);
  await expectVerifyPage(other);
  await context.close();

  expect(await logOf(await consoleAs("Owner"), app, ned)).toEqual([["Denied", "Unenrolled user denied", "Password"]]);
});

test("a user in Bypass status skips the second factor", async ({ page, tenant, consoleAs }) => {
  const sp = await tenant.sp({ name: "Loopback Bypass App" });
  const app = await tenant.app(sp);
  const bo = await tenant.user({ name: "bo.bypassstatus", status: "BYPASS", enrolled: false });
  await signIn(page, sp, app, bo);
  await expectSpSignedIn(page, sp, bo.username);
  expect(await logOf(await consoleAs("Owner"), app, bo)).toEqual([["Success", "User in Bypass status", "Password"]]);
});
