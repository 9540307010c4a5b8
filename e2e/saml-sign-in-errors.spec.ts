// Sign-in errors as seed 000 ("Common Errors") shows them, at an application limited to one
// group (User access → "Only allow authentication from users in certain groups"): a wrong
// password and an unknown username get the same message; a disabled account sees "Account
// disabled"; a user outside the permitted groups sees "Access denied". Signing in by alias and
// by email works. The Authentication Log has a row for each, with result and reason.
import { test, expect } from "@playwright/test";
import { ROLE_ACCOUNTS, authFile } from "./support/accounts";
import {
  applicationForm,
  authLogEntries,
  authLogRows,
  openApplication,
  protectLoopbackSp,
  type ProtectedApp,
} from "./support/applications";
import { alerts, heading } from "./support/console";
import { ensureDirectory, GROUPS, removeApplications, USERS } from "./support/directory";
import {
  ACCESS_DENIED,
  DISABLED,
  enterIdentifier,
  enterPassword,
  expectSignInPage,
  expectSpSignedIn,
  INCORRECT,
} from "./support/hosted-sign-in";
import { shot } from "./support/screenshots";
import { TestSp } from "./support/test-sp";

test.describe.configure({ mode: "serial" });

const APP = "Loopback HR";
const UNKNOWN = "nobody.here@e2e.example.com";

let sp: TestSp;
let app: ProtectedApp;

test.beforeAll(async () => {
  await ensureDirectory();
  sp = await TestSp.start({ name: "Loopback HR" });
});

test.afterAll(async () => {
  await sp?.stop();
  if (app) await removeApplications([app.id]);
});

test.describe("the administrator", () => {
  test.use({ storageState: authFile(ROLE_ACCOUNTS["Application Manager"].key) });

  test("limits the application to users in the E2E Staff group", async ({ page }) => {
    app = await protectLoopbackSp(page, sp, { name: APP, permittedGroups: [GROUPS.staff] });
    await openApplication(page, app.id);
    const f = applicationForm(page);
    await expect(f.groupsOnly).toBeChecked();
    await expect(f.group(GROUPS.staff)).toBeChecked();
    await expect(f.group(GROUPS.contractors)).not.toBeChecked();
  });
});

test("a wrong password and an unknown username get the same message", async ({ page }) => {
  await page.goto(sp.loginUrl());
  await expectSignInPage(page, APP);
  await enterIdentifier(page, USERS.avery.username);
  await enterPassword(page, "not-the-password");
  await expect(alerts(page)).toHaveText(INCORRECT);
  const wrongPassword = await page.getByRole("main").innerText();

  // "Not you?" starts over in the same sign-in.
  await page.getByRole("button", { name: "Not you? Use another account" }).click();
  await enterIdentifier(page, UNKNOWN);
  await enterPassword(page, "whatever-password");
  await expect(alerts(page)).toHaveText(INCORRECT);
  // Nothing else on the page tells the two apart.
  expect((await page.getByRole("main").innerText()).replace(UNKNOWN, "<id>")).toBe(
    wrongPassword.replace(USERS.avery.username, "<id>"),
  );
  expect(sp.signIns).toHaveLength(0);
});

test("a disabled account sees Account disabled", async ({ page }) => {
  await page.goto(sp.loginUrl());
  await expectSignInPage(page, APP);
  await enterIdentifier(page, USERS.dana.username);
  await enterPassword(page, USERS.dana.password);
  const denied = page.getByTestId("sign-in-denied");
  // The denial is the page's heading; the "Sign in" heading is gone.
  await expect(denied.getByRole("heading", { level: 1 })).toHaveText(DISABLED.title);
  await expect(page.getByRole("heading", { name: "Sign in" })).toHaveCount(0);
  await expect(denied).toContainText(DISABLED.body);
  await expect(page.getByLabel("Password")).toHaveCount(0);
  expect(sp.signIns).toHaveLength(0);
});

test("a user outside the permitted groups sees Access denied", async ({ page }) => {
  await page.goto(sp.loginUrl());
  await expectSignInPage(page, APP);
  await enterIdentifier(page, USERS.olaf.username);
  await enterPassword(page, USERS.olaf.password);
  const denied = page.getByTestId("sign-in-denied");
  const message = ACCESS_DENIED(APP);
  await expect(denied.getByRole("heading", { level: 1 })).toHaveText(message.title);
  await expect(page.getByRole("heading", { name: "Sign in" })).toHaveCount(0);
  await expect(denied).toContainText(message.body);
  await shot(page, "access-denied");
  expect(sp.signIns).toHaveLength(0);
});

test("a user signs in by alias, and by email in another case; a second visit uses the SSO session", async ({
  page,
  browser,
}) => {
  const user = USERS.alex;
  await page.goto(sp.loginUrl());
  await expectSignInPage(page, APP);
  await enterIdentifier(page, "alexa");
  await enterPassword(page, user.password);
  await expectSpSignedIn(page, sp, user.username);
  // Again in the same browser: no prompt.
  await page.goto(sp.loginUrl({ relay: "again" }));
  await expectSpSignedIn(page, sp, user.username);
  await expect(page.getByTestId("relay-state")).toHaveText("again");

  const other = await browser.newContext();
  const second = await other.newPage();
  await second.goto(sp.loginUrl());
  await expectSignInPage(second, APP);
  await enterIdentifier(second, user.email.toUpperCase());
  await enterPassword(second, user.password);
  await expectSpSignedIn(second, sp, user.username);
  await other.close();
});

test.describe("the administrator", () => {
  test.use({ storageState: authFile(ROLE_ACCOUNTS["Application Manager"].key) });

  test("sees each attempt in the Authentication Log with its result and reason", async ({ page }) => {
    const entries = await authLogEntries(await authLogRows(page, app));
    const expected = [
      { user: USERS.avery.username, result: "Failure", reason: "Invalid password", factor: "Password" },
      { user: UNKNOWN, result: "Failure", reason: "Unknown user", factor: "Password" },
      { user: USERS.dana.username, result: "Denied", reason: "User disabled", factor: "Password" },
      { user: USERS.olaf.username, result: "Denied", reason: "User not in permitted group", factor: "Password" },
      // Password, then the authenticator app's passcode (Global Policy: Require 2FA).
      { user: USERS.alex.username, result: "Success", reason: "Valid passcode", factor: "Authenticator app passcode" },
      {
        user: USERS.alex.username,
        result: "Success",
        reason: "Single sign-on session",
        factor: "Single sign-on session",
      },
      { user: USERS.alex.username, result: "Success", reason: "Valid passcode", factor: "Authenticator app passcode" },
    ];
    // Newest first.
    expect(entries).toEqual([...expected].reverse().map((e) => ({ ...e, application: APP })));

    // The same rows in Reports → Authentication Log, among all applications'.
    await page
      .getByRole("navigation", { name: "Console" })
      .getByRole("link", { name: "Authentication Log", exact: true })
      .click();
    await expect(heading(page, "Authentication Log")).toBeVisible();
    await expect(page.getByRole("table", { name: "Authentication Log" }).getByRole("columnheader")).toHaveText([
      "Time (UTC)",
      "User",
      "Application",
      "Result",
      "Reason",
      "Factor",
      "IP address",
    ]);
    const all = await authLogEntries(page.getByTestId("authlog-row"));
    for (const e of expected) expect(all).toContainEqual({ ...e, application: APP });
  });
});
