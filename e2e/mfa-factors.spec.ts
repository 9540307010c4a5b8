// Bypass codes, lockout, the New User policy's "Deny access", and Bypass status, each end to
// end through an SP-initiated SAML sign-in at a real node-saml SP, with the Authentication
// Log's reason for each outcome.
import { test, expect, type Page } from "@playwright/test";
import { OWNER, ROLE_ACCOUNTS, authFile } from "./support/accounts";
import { authLogEntries, authLogRows, protectLoopbackSp, type ProtectedApp } from "./support/applications";
import { alerts, field, submitAction } from "./support/console";
import { userRow } from "./support/users";
import {
  createUsers,
  END_USER_PASSWORD,
  ensureDirectory,
  resetDirectory,
  GROUPS,
  issueBypassCodes,
  removeApplications,
  setGlobalPolicy,
  testTotpSecret,
  type EndUser,
} from "./support/directory";
import {
  endUserPasscode,
  endUserWrongPasscode,
  enterIdentifier,
  enterPasscode,
  expectSignInPage,
  expectSpSignedIn,
  expectVerifyPage,
  INCORRECT,
} from "./support/hosted-sign-in";
import { shot } from "./support/screenshots";
import { TestSp } from "./support/test-sp";

test.describe.configure({ mode: "serial" });

const APP = "Loopback Factors App";
const user = (username: string, extra: Partial<EndUser> = {}): EndUser => ({
  username,
  email: `${username}@e2e.example.com`,
  realName: username,
  password: END_USER_PASSWORD,
  groups: [GROUPS.staff],
  totpSecret: testTotpSecret(username),
  ...extra,
});
const BEA = user("bea.bypasscode");
const LOU = user("lou.lockout");
const NED = user("ned.newuser", { totpSecret: undefined });
const BO = user("bo.bypassstatus", { status: "BYPASS", totpSecret: undefined });

let sp: TestSp;
let app: ProtectedApp;

test.beforeAll(async () => {
  await ensureDirectory();
  await createUsers([BEA, LOU, NED, BO]);
  sp = await TestSp.start({ name: APP });
});

test.afterAll(async () => {
  await sp?.stop();
  await removeApplications([app?.id].filter((id): id is string => !!id));
  await resetDirectory();
});

/** From the SP to the password step's answer. */
async function signIn(page: Page, u: EndUser, password = u.password) {
  await page.goto(sp.loginUrl());
  await expectSignInPage(page, APP);
  await enterIdentifier(page, u.username);
  await field(page, "Password").fill(password);
  await page.getByRole("button", { name: "Log in", exact: true }).click();
}

const signedInAs = (u: EndUser) => sp.signIns.filter((s) => s.nameId === u.username).length;

test.describe("the administrator", () => {
  test.use({ storageState: authFile(ROLE_ACCOUNTS["Application Manager"].key) });
  test("protects the SP", async ({ page }) => {
    app = await protectLoopbackSp(page, sp, { name: APP });
  });
});

test("a bypass code signs in once; used up, it is refused the second time", async ({ browser }) => {
  const [code] = await issueBypassCodes(BEA.username, 1, 1);
  expect(code).toMatch(/^\d{9}$/);
  for (const attempt of [1, 2]) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, BEA);
    await expectVerifyPage(page);
    await page.getByText("Enter a bypass code").click();
    await field(page, "Bypass code").fill(code!);
    await page.getByRole("button", { name: "Verify bypass code" }).click();
    if (attempt === 1) {
      await expectSpSignedIn(page, sp, BEA.username);
    } else {
      await expect(page).toHaveURL(/\/sso\/verify\?m=bypass&e=invalid_bypass_code$/);
      await expect(alerts(page)).toHaveText("Incorrect, expired or used-up bypass code.");
      expect(signedInAs(BEA)).toBe(1);
      // The authenticator app still works.
      await enterPasscode(page, await endUserPasscode(BEA.username));
      await expectSpSignedIn(page, sp, BEA.username);
    }
    await context.close();
  }
});

test.describe("lockout", () => {
  test.use({ storageState: authFile(OWNER.key) });

  test.afterAll(async ({ browser }) => {
    // Back to the default threshold for the other specs.
    const context = await browser.newContext({ storageState: authFile(OWNER.key) });
    const page = await context.newPage();
    await page.goto("/admin/settings/lockout");
    await field(page, "Lock out after failed attempts").fill("10");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.getByRole("main").getByRole("status")).toHaveText("Lockout settings saved.");
    await context.close();
  });

  test("the threshold is set in Settings; failed passwords and passcodes lock the user out; an administrator unlocks", async ({
    page,
    browser,
  }) => {
    await page.goto("/admin/settings/lockout");
    await expect(page.getByRole("heading", { level: 2, name: "Lockout" })).toBeVisible();
    const threshold = field(page, "Lock out after failed attempts");
    await expect(threshold).toHaveValue("10");
    // Bad input is refused beside the field and changes nothing.
    await threshold.fill("0");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(threshold).toHaveAccessibleDescription(/Lock out after at least 1 failed attempt\./);
    await threshold.fill("3");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.getByRole("main").getByRole("status")).toHaveText("Lockout settings saved.");

    const context = await browser.newContext();
    const user = await context.newPage();
    // 1: a wrong password.
    await signIn(user, LOU, "not-the-password");
    await expect(alerts(user)).toHaveText(INCORRECT);
    // 2: the right password, then a wrong passcode.
    await user.getByRole("button", { name: "Not you? Use another account" }).click();
    await enterIdentifier(user, LOU.username);
    await field(user, "Password").fill(LOU.password);
    await user.getByRole("button", { name: "Log in", exact: true }).click();
    await expectVerifyPage(user);
    await enterPasscode(user, endUserWrongPasscode(LOU.username));
    await expect(alerts(user)).toHaveText("Incorrect passcode. Try again.");
    // 3: another wrong passcode reaches the threshold.
    await enterPasscode(user, endUserWrongPasscode(LOU.username));
    await expect(user).toHaveURL(/\/sso\/error\?reason=locked_out/);
    await expect(user.getByRole("heading", { level: 1 })).toHaveText("Account locked");
    await shot(user, "mfa-locked-out");

    // Locked: even the right password does not get past the first step.
    await signIn(user, LOU);
    await expect(user.getByTestId("sign-in-denied").getByRole("heading", { level: 1 })).toHaveText("Account locked");
    expect(signedInAs(LOU)).toBe(0);

    // An administrator unlocks the user on the user's page in the console.
    await page.goto(`/admin/users?q=${encodeURIComponent(LOU.username)}`);
    await expect(userRow(page, LOU.username)).toContainText("Locked Out");
    await userRow(page, LOU.username).getByRole("link", { name: LOU.username, exact: true }).click();
    const locked = alerts(page).filter({ hasText: "Locked Out" });
    await expect(locked).toContainText(`${LOU.username} is locked out after 3 failed attempts`);
    await submitAction(page, locked.getByRole("button", { name: "Unlock" }));
    await expect(alerts(page).filter({ hasText: "Locked Out" })).toHaveCount(0);
    await signIn(user, LOU);
    await expectVerifyPage(user);
    await enterPasscode(user, await endUserPasscode(LOU.username));
    await expectSpSignedIn(user, sp, LOU.username);
    await context.close();

    const rows = (await authLogEntries(await authLogRows(page, app))).filter((r) => r.user === LOU.username);
    expect(rows.map((r) => [r.result, r.reason, r.factor])).toEqual([
      ["Success", "Valid passcode", "Authenticator app passcode"],
      ["Denied", "User locked out", "Password"],
      ["Denied", "User locked out", "Authenticator app passcode"],
      ["Failure", "Invalid passcode", "Authenticator app passcode"],
      ["Failure", "Invalid password", "Password"],
    ]);
  });
});

test.describe("policy", () => {
  test.afterAll(async () => {
    await setGlobalPolicy(null);
  });

  test("New User policy Deny access: an unenrolled user is denied with a clear page; enrolled users are not affected", async ({
    page,
    browser,
  }) => {
    await setGlobalPolicy({
      newUserPolicy: { action: "deny" },
      authenticationPolicy: { action: "require_2fa" },
      authenticationMethods: { allowed: ["totp", "webauthn"] },
    });
    await signIn(page, NED);
    const denied = page.getByTestId("sign-in-denied");
    await expect(denied.getByRole("heading", { level: 1 })).toHaveText("Enrollment not allowed");
    await expect(denied).toContainText("your organization's policy does not allow you to enroll here");
    await expect(page.getByLabel("Password")).toHaveCount(0);
    await shot(page, "mfa-new-user-denied");
    expect(signedInAs(NED)).toBe(0);

    const context = await browser.newContext();
    const other = await context.newPage();
    await signIn(other, BEA);
    await expectVerifyPage(other);
    await context.close();
  });

  test("a user in Bypass status skips the second factor", async ({ page }) => {
    await signIn(page, BO);
    await expectSpSignedIn(page, sp, BO.username);
  });
});

test.describe("the Authentication Log", () => {
  test.use({ storageState: authFile(OWNER.key) });
  test("names the bypass code, the denial and the Bypass status", async ({ page }) => {
    const rows = await authLogEntries(await authLogRows(page, app));
    const of = (u: EndUser) => rows.filter((r) => r.user === u.username).map((r) => [r.result, r.reason, r.factor]);
    expect(of(BEA)).toEqual([
      ["Success", "Valid passcode", "Authenticator app passcode"],
      ["Failure", "Invalid bypass code", "Bypass code"],
      ["Success", "Valid bypass code", "Bypass code"],
    ]);
    expect(of(NED)).toEqual([["Denied", "Unenrolled user denied", "Password"]]);
    expect(of(BO)).toEqual([["Success", "User in Bypass status", "Password"]]);
  });
});
