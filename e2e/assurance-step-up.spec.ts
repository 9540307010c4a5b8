// Sign-in assurance at two doors, as an attacker who knows only the password would try them:
//  - SSO-session reuse: a password-only session from an application whose policy bypasses
//    2FA (Wiki) must not pass an application whose policy needs a second factor (Payroll,
//    which lets unenrolled users in during a rollout) for a user who has an authenticator.
//    The session steps up: "Verify it's you" asks for the passcode, not the password again.
//  - the portal's self-service: from that password-only session the authenticators can be
//    seen but not changed; "Verify it's you" first, then add (and it returns to the portal).
// Own users, applications and policies with unique names.
import { test, expect, type Page } from "@playwright/test";
import { OWNER, authFile } from "./support/accounts";
import { protectLoopbackSp, type ProtectedApp } from "./support/applications";
import { field } from "./support/console";
import { assuranceUser } from "./support/assurance";
import { createUsers, removeApplications } from "./support/directory";
import {
  endUserPasscode,
  enterIdentifier,
  enterPasscode,
  expectSignInPage,
  expectSpSignedIn,
  expectVerifyPage,
} from "./support/hosted-sign-in";
import { applyPolicy, newPolicy, setAuthenticationPolicy, setNewUserPolicy } from "./support/policies";
import { shot } from "./support/screenshots";
import { TestSp } from "./support/test-sp";
import { nextPasscode, saveTotpSecret } from "./support/totp";
import { RUN } from "./support/users";

test.describe.configure({ mode: "serial" });

const WIKI = `Step-up Wiki ${RUN}`;
const PAYROLL = `Step-up Payroll ${RUN}`;
const BYPASS = `E2E Bypass 2FA ${RUN}`;
const ROLLOUT = `E2E Rollout ${RUN}`;
const REUSE = assuranceUser("reuse");
const PORTAL = assuranceUser("portal");

let wiki: TestSp;
let payroll: TestSp;
let apps: ProtectedApp[] = [];

test.beforeAll(async () => {
  await createUsers([REUSE, PORTAL]);
  wiki = await TestSp.start({ name: WIKI });
  payroll = await TestSp.start({ name: PAYROLL });
});

test.afterAll(async () => {
  await Promise.all([wiki?.stop(), payroll?.stop()]);
  await removeApplications(apps.map((a) => a.id));
});

test.describe("the Owner", () => {
  test.use({ storageState: authFile(OWNER.key) });

  test("protects Wiki (Bypass 2FA) and Payroll (2FA, unenrolled users allowed during a rollout)", async ({ page }) => {
    const wikiApp = await protectLoopbackSp(page, wiki, { name: WIKI });
    const payrollApp = await protectLoopbackSp(page, payroll, { name: PAYROLL });
    apps = [wikiApp, payrollApp];
    await newPolicy(page, BYPASS, (p) => setAuthenticationPolicy(p, "Bypass 2FA"));
    await newPolicy(page, ROLLOUT, async (p) => {
      await setAuthenticationPolicy(p, "Require 2FA");
      await setNewUserPolicy(p, "Allow access without 2FA");
    });
    await applyPolicy(page, wikiApp, BYPASS);
    await applyPolicy(page, payrollApp, ROLLOUT);
  });
});

/** The password alone signs in to Wiki (its policy bypasses 2FA). */
async function passwordOnlyAtWiki(page: Page, user: typeof REUSE) {
  await page.goto(wiki.loginUrl());
  await expectSignInPage(page, WIKI);
  await enterIdentifier(page, user.username);
  await field(page, "Password").fill(user.password);
  await page.getByRole("button", { name: "Log in", exact: true }).click();
  await expectSpSignedIn(page, wiki, user.username);
}

test("a password-only session is asked for the passcode at an application that needs 2FA, not for the password", async ({
  page,
}) => {
  await passwordOnlyAtWiki(page, REUSE);
  const before = payroll.signIns.length;
  await page.goto(payroll.loginUrl());
  await expectVerifyPage(page);
  await expect(page.getByRole("main")).toContainText(`Use your second factor to continue to ${PAYROLL}`);
  await expect(field(page, "Password")).toHaveCount(0);
  expect(payroll.signIns.length, "Payroll got no Response before the second factor").toBe(before);
  await shot(page, "assurance-step-up-verify");
  await enterPasscode(page, await endUserPasscode(REUSE.username));
  await expectSpSignedIn(page, payroll, REUSE.username);

  // Stepped up: Wiki and Payroll again without any prompt.
  await page.goto(payroll.loginUrl());
  await expectSpSignedIn(page, payroll, REUSE.username);
  await page.goto(wiki.loginUrl());
  await expectSpSignedIn(page, wiki, REUSE.username);
});

test("portal self-service from a password-only session: verify first, then add an authenticator app", async ({
  page,
}) => {
  await passwordOnlyAtWiki(page, PORTAL);
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
  await enterPasscode(page, await endUserPasscode(PORTAL.username));
  await expect(page).toHaveURL(/\/sso\/portal$/);

  await page.getByRole("link", { name: "Add an authenticator app" }).click();
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  const secret = (await page.getByTestId("totp-secret").innerText()).replace(/\s+/g, "");
  saveTotpSecret(`step-up-portal-${RUN}`, secret);
  await field(page, "Passcode").fill(await nextPasscode(`step-up-portal-${RUN}`));
  await page.getByRole("button", { name: "Verify and continue" }).click();
  await expect(page).toHaveURL(/\/sso\/portal\?msg=added$/);
  await expect(list.getByTestId("authenticator")).toHaveCount(2);
});
