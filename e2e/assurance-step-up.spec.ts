// Sign-in assurance at two doors, as an attacker who knows only the password would try them:
//  - SSO-session reuse: a password-only session from an application whose policy bypasses
//    2FA (Wiki) must not pass an application whose policy needs a second factor (Payroll,
//    which lets unenrolled users in during a rollout) for a user who has an authenticator.
//    The session steps up: "Verify it's you" asks for the passcode, not the password again.
//  - the portal's self-service: from that password-only session the authenticators can be
//    seen but not changed; "Verify it's you" first, then add (and it returns to the portal).
// Each test has its own users, loopback SPs, applications and policies (fixtures).
import { test, expect, type TestTenant } from "./support/fixtures";
import type { ProtectedApp } from "./support/applications";
import { field } from "./support/console";
import {
  enterIdentifier,
  enterPasscode,
  expectSignInPage,
  expectSpSignedIn,
  expectVerifyPage,
  type EndUser,
} from "./support/hosted-sign-in";
import { shot } from "./support/screenshots";
import type { TestSp } from "./support/test-sp";
import { Authenticator } from "./support/totp";
import type { Page } from "@playwright/test";

/** Wiki bypasses 2FA; Payroll requires it (unenrolled users allowed during a rollout). */
async function wikiAndPayroll(tenant: TestTenant) {
  const wikiSp = await tenant.sp({ name: tenant.name("Step-up Wiki") });
  const payrollSp = await tenant.sp({ name: tenant.name("Step-up Payroll") });
  const wiki = await tenant.app(wikiSp);
  const payroll = await tenant.app(payrollSp);
  await tenant.policy({ authenticationPolicy: { action: "bypass_2fa" } }, { app: wiki }, "E2E Bypass 2FA");
  await tenant.policy(
    { authenticationPolicy: { action: "require_2fa" }, newUserPolicy: { action: "allow" } },
    { app: payroll },
    "E2E Rollout",
  );
  return { wikiSp, payrollSp, wiki, payroll };
}

/** The password alone signs in to Wiki (its policy bypasses 2FA). */
async function passwordOnlyAt(page: Page, sp: TestSp, app: ProtectedApp, user: EndUser) {
  await page.goto(sp.loginUrl());
  await expectSignInPage(page, app.name);
  await enterIdentifier(page, user.username);
  await field(page, "Password").fill(user.password);
  await page.getByRole("button", { name: "Log in", exact: true }).click();
  await expectSpSignedIn(page, sp, user.username);
}

test("a password-only session is asked for the passcode at an application that needs 2FA, not for the password", async ({
  page,
  tenant,
}) => {
  const { wikiSp, payrollSp, wiki, payroll } = await wikiAndPayroll(tenant);
  const user = await tenant.user({ name: "reuse" });
  await passwordOnlyAt(page, wikiSp, wiki, user);
  const before = payrollSp.signIns.length;
  await page.goto(payrollSp.loginUrl());
  await expectVerifyPage(page);
  await expect(page.getByRole("main")).toContainText(`Use your second factor to continue to ${payroll.name}`);
  await expect(field(page, "Password")).toHaveCount(0);
  expect(payrollSp.signIns.length, "Payroll got no Response before the second factor").toBe(before);
  await shot(page, "assurance-step-up-verify");
  await enterPasscode(page, user.totp!.next());
  await expectSpSignedIn(page, payrollSp, user.username);

  // Stepped up: Wiki and Payroll again without any prompt.
  await page.goto(payrollSp.loginUrl());
  await expectSpSignedIn(page, payrollSp, user.username);
  await page.goto(wikiSp.loginUrl());
  await expectSpSignedIn(page, wikiSp, user.username);
});

test("portal self-service from a password-only session: verify first, then add an authenticator app", async ({
  page,
  tenant,
}) => {
  const { wikiSp, wiki } = await wikiAndPayroll(tenant);
  const user = await tenant.user({ name: "portal" });
  await passwordOnlyAt(page, wikiSp, wiki, user);
  await page.goto("/sso/portal");
  const list = page.getByRole("list", { name: "Your authenticators" });
  await expect(list.getByTestId("authenticator")).toHaveCount(1);
  await expect(page.getByRole("link", { name: "Add an authenticator app" })).toHaveCount(0);
  await expect(list.getByRole("button", { name: "Remove" })).toHaveCount(0);

  // Straight to the add page: no key is shown, the portal says to verify first.
  await page.goto("/sso/portal/add?method=totp");
  await expect(page).toHaveURL(/\/sso\/portal\?err=verify$/);
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toHaveCount(0);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(
    "Verify it's you before you change your authenticators.",
  );
  await shot(page, "assurance-portal-verify-first");

  await page.getByRole("button", { name: "Verify it's you" }).click();
  await expectVerifyPage(page);
  await expect(page.getByRole("main")).toContainText("Use your second factor to change your authenticators");
  await enterPasscode(page, user.totp!.next());
  await expect(page).toHaveURL(/\/sso\/portal$/);

  await page.getByRole("link", { name: "Add an authenticator app" }).click();
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  const secret = (await page.getByTestId("totp-secret").innerText()).replace(/\s+/g, "");
  await field(page, "Passcode").fill(new Authenticator(secret).next());
  await page.getByRole("button", { name: "Verify and continue" }).click();
  await expect(page).toHaveURL(/\/sso\/portal\?msg=added$/);
  await expect(list.getByTestId("authenticator")).toHaveCount(2);
});
