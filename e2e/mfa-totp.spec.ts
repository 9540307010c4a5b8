// Authenticator app (TOTP), end to end through SP-initiated SAML sign-ins at a real node-saml
// SP: a new user enrolls at first sign-in (QR code and the key as text; the test computes
// the codes from the key it reads on the page) and lands at the SP; later sign-ins ask for a
// passcode on the verify page; a wrong code and a replayed code are refused; the
// Authentication Log records each outcome with its reason.
import { test, expect, type Page } from "@playwright/test";
import { OWNER, ROLE_ACCOUNTS, authFile } from "./support/accounts";
import { authLogEntries, authLogRows, protectLoopbackSp, type ProtectedApp } from "./support/applications";
import { alerts, field } from "./support/console";
import {
  createUsers,
  END_USER_PASSWORD,
  ensureDirectory,
  resetDirectory,
  GROUPS,
  removeApplications,
} from "./support/directory";
import {
  endUserPasscode,
  enterIdentifier,
  enterPasscode,
  expectSignInPage,
  expectSpSignedIn,
  expectVerifyPage,
} from "./support/hosted-sign-in";
import { shot } from "./support/screenshots";
import { TestSp } from "./support/test-sp";
import { saveTotpSecret, wrongPasscode } from "./support/totp";

test.describe.configure({ mode: "serial" });

const APP = "Loopback TOTP App";
const USER = {
  username: "tara.totp",
  email: "tara.totp@e2e.example.com",
  realName: "Tara Totp",
  password: END_USER_PASSWORD,
  groups: [GROUPS.staff],
};
const KEY = `end-user:${USER.username}`;

let sp: TestSp;
let app: ProtectedApp;
let secret = "";
let lastCode = "";

test.beforeAll(async () => {
  await ensureDirectory();
  await createUsers([USER]);
  sp = await TestSp.start({ name: APP });
});

test.afterAll(async () => {
  await sp?.stop();
  await removeApplications([app?.id].filter((id): id is string => !!id));
  await resetDirectory();
});

async function passwordStep(page: Page) {
  await page.goto(sp.loginUrl());
  await expectSignInPage(page, APP);
  await enterIdentifier(page, USER.username);
  await field(page, "Password").fill(USER.password);
  await page.getByRole("button", { name: "Log in", exact: true }).click();
}

test.describe("the administrator", () => {
  test.use({ storageState: authFile(ROLE_ACCOUNTS["Application Manager"].key) });
  test("protects the SP", async ({ page }) => {
    app = await protectLoopbackSp(page, sp, { name: APP });
  });
});

test("a new user enrolls an authenticator app at first sign-in, then lands at the SP", async ({ page }) => {
  await passwordStep(page);
  // Global Policy defaults: Require enrollment, every method allowed: choose one.
  await expect(page).toHaveURL(/\/sso\/enroll$/);
  await expect(page.getByRole("heading", { level: 1, name: "Set up two-factor authentication" })).toBeVisible();
  await expect(page.getByRole("radio", { name: /Passkey or security key/ })).toBeVisible();
  await page.getByRole("radio", { name: /Authenticator app/ }).check();
  await page.getByRole("button", { name: "Continue", exact: true }).click();
  await expect(page).toHaveURL(/\/sso\/enroll\?method=totp$/);
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  secret = (await page.getByTestId("totp-secret").innerText()).replace(/\s+/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await shot(page, "mfa-totp-enrollment");

  // A wrong first code changes nothing.
  saveTotpSecret(KEY, secret);
  await field(page, "Passcode").fill(wrongPasscode(KEY));
  await page.getByRole("button", { name: "Verify and continue" }).click();
  await expect(alerts(page)).toHaveText("Incorrect passcode. Try again.");
  // The same key is still shown: the enrollment continues.
  expect((await page.getByTestId("totp-secret").innerText()).replace(/\s+/g, "")).toBe(secret);

  lastCode = await endUserPasscode(USER.username, secret);
  await field(page, "Passcode").fill(lastCode);
  await page.getByRole("button", { name: "Verify and continue" }).click();
  await expectSpSignedIn(page, sp, USER.username);
  expect(sp.lastSignIn?.nameId).toBe(USER.username);
  expect(sp.lastSignIn?.matchedRequest).toBe(true);
});

test("the next sign-in asks for a passcode: a wrong one is refused, the right one signs in", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await passwordStep(page);
  await expectVerifyPage(page);
  await expect(page.getByText("Signing in as tara.totp")).toBeVisible();
  // Only what the user has enrolled is offered, plus a bypass code.
  await expect(page.getByRole("button", { name: "Use the passkey" })).toHaveCount(0);
  await expect(page.getByText("Enter a bypass code")).toBeVisible();
  await shot(page, "mfa-verify-page");

  await enterPasscode(page, wrongPasscode(KEY));
  await expect(page).toHaveURL(/\/sso\/verify\?e=invalid_passcode$/);
  await expect(alerts(page)).toHaveText("Incorrect passcode. Try again.");
  expect(sp.signIns.filter((s) => s.nameId === USER.username)).toHaveLength(1);

  lastCode = await endUserPasscode(USER.username, secret);
  await enterPasscode(page, lastCode);
  await expectSpSignedIn(page, sp, USER.username);
  await context.close();
});

test("a passcode is accepted once: replayed in another sign-in it is refused", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await passwordStep(page);
  await expectVerifyPage(page);
  await enterPasscode(page, lastCode);
  await expect(alerts(page)).toHaveText("This passcode was already used. Wait for the next one and try again.");
  await expect(page).toHaveURL(/\/sso\/verify\?e=replayed_passcode$/);
  // A fresh code still works in the same sign-in.
  await enterPasscode(page, await endUserPasscode(USER.username, secret));
  await expectSpSignedIn(page, sp, USER.username);
  await context.close();
});

test.describe("the Authentication Log", () => {
  test.use({ storageState: authFile(OWNER.key) });
  test("has one row per outcome, with factor and reason", async ({ page }) => {
    const rows = (await authLogEntries(await authLogRows(page, app))).filter((r) => r.user === USER.username);
    // Newest first.
    expect(rows.map((r) => [r.result, r.reason, r.factor])).toEqual([
      ["Success", "Valid passcode", "Authenticator app passcode"],
      ["Failure", "Invalid passcode", "Authenticator app passcode"], // the replayed code
      ["Success", "Valid passcode", "Authenticator app passcode"],
      ["Failure", "Invalid passcode", "Authenticator app passcode"],
      ["Success", "Enrolled an authenticator", "Authenticator app passcode"],
      ["Failure", "Invalid passcode", "Authenticator app passcode"], // the wrong first code during enrollment
    ]);
  });
});
