// Sign-in errors as seed 000 ("Common Errors") shows them, at an application limited to one
// group (User access → "Only allow authentication from users in certain groups"): a wrong
// password and an unknown username get the same message; a disabled account sees "Account
// disabled"; a user outside the permitted groups sees "Access denied". Signing in by alias and
// by email works. The Authentication Log has a row for each, with result and reason.
import type { Page } from "@playwright/test";
import { test, expect, type TestTenant } from "./support/fixtures";
import {
  applicationForm,
  authLogEntries,
  authLogRows,
  openApplication,
  type ProtectedApp,
} from "./support/applications";
import { alerts, heading } from "./support/console";
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

/** "Loopback HR", limited to users in a staff group. */
async function hrApp(tenant: TestTenant) {
  const staff = await tenant.group("E2E Staff");
  const sp = await tenant.sp({ name: "Loopback HR" });
  const app = await tenant.app(sp, { permittedGroups: [staff] });
  return { sp, app, staff };
}

/** The application's Authentication Log, newest first, without the application column. */
async function logOf(page: Page, app: ProtectedApp) {
  return (await authLogEntries(await authLogRows(page, app))).map(({ application, ...rest }) => {
    expect(application).toBe(app.name);
    return rest;
  });
}

test("the application page shows the group limit", async ({ tenant, consoleAs }) => {
  const { app, staff } = await hrApp(tenant);
  const other = await tenant.group("E2E Contractors");
  const page = await consoleAs("Application Manager");
  await openApplication(page, app.id);
  const f = applicationForm(page);
  await expect(f.groupsOnly).toBeChecked();
  await expect(f.group(staff.name)).toBeChecked();
  await expect(f.group(other.name)).not.toBeChecked();
});

test("a wrong password and an unknown username get the same message", async ({ page, tenant, consoleAs }) => {
  const { sp, app, staff } = await hrApp(tenant);
  const avery = await tenant.user({ name: "avery", groups: [staff] });
  const unknown = `${tenant.id("nobody.here")}@e2e.example.com`;
  await page.goto(sp.loginUrl());
  await expectSignInPage(page, app.name);
  await enterIdentifier(page, avery.username);
  await enterPassword(page, "not-the-password");
  await expect(alerts(page)).toHaveText(INCORRECT);
  const wrongPassword = await page.getByRole("main").innerText();

  // "Not you?" starts over in the same sign-in.
  await page.getByRole("button", { name: "Not you? Use another account" }).click();
  await enterIdentifier(page, unknown);
  await enterPassword(page, "whatever-password");
  await expect(alerts(page)).toHaveText(INCORRECT);
  // Nothing else on the page tells the two apart.
  expect((await page.getByRole("main").innerText()).replace(unknown, "<id>")).toBe(
    wrongPassword.replace(avery.username, "<id>"),
  );
  expect(sp.signIns).toHaveLength(0);
  expect(await logOf(await consoleAs("Application Manager"), app)).toEqual([
    { user: unknown, result: "Failure", reason: "Unknown user", factor: "Password" },
    { user: avery.username, result: "Failure", reason: "Invalid password", factor: "Password" },
  ]);
});

test("a disabled account sees Account disabled", async ({ page, tenant, consoleAs }) => {
  const { sp, app, staff } = await hrApp(tenant);
  const dana = await tenant.user({ name: "dana", status: "DISABLED", groups: [staff] });
  await page.goto(sp.loginUrl());
  await expectSignInPage(page, app.name);
  await enterIdentifier(page, dana.username);
  await enterPassword(page, dana.password);
  const denied = page.getByTestId("sign-in-denied");
  // The denial is the page's heading; the "Sign in" heading is gone.
  await expect(denied.getByRole("heading", { level: 1 })).toHaveText(DISABLED.title);
  await expect(page.getByRole("heading", { name: "Sign in" })).toHaveCount(0);
  await expect(denied).toContainText(DISABLED.body);
  await expect(page.getByLabel("Password")).toHaveCount(0);
  expect(sp.signIns).toHaveLength(0);
  expect(await logOf(await consoleAs("Application Manager"), app)).toEqual([
    { user: dana.username, result: "Denied", reason: "User disabled", factor: "Password" },
  ]);
});

test("a user outside the permitted groups sees Access denied", async ({ page, tenant, consoleAs }) => {
  const { sp, app } = await hrApp(tenant);
  const contractors = await tenant.group("E2E Contractors");
  const olaf = await tenant.user({ name: "olaf.outsider", groups: [contractors] });
  await page.goto(sp.loginUrl());
  await expectSignInPage(page, app.name);
  await enterIdentifier(page, olaf.username);
  await enterPassword(page, olaf.password);
  const denied = page.getByTestId("sign-in-denied");
  const message = ACCESS_DENIED(app.name);
  await expect(denied.getByRole("heading", { level: 1 })).toHaveText(message.title);
  await expect(page.getByRole("heading", { name: "Sign in" })).toHaveCount(0);
  await expect(denied).toContainText(message.body);
  await shot(page, "access-denied");
  expect(sp.signIns).toHaveLength(0);
  expect(await logOf(await consoleAs("Application Manager"), app)).toEqual([
    { user: olaf.username, result: "Denied", reason: "User not in permitted group", factor: "Password" },
  ]);
});

test("a user signs in by alias, and by email in another case; a second visit uses the SSO session", async ({
  page,
  browser,
  tenant,
  consoleAs,
}) => {
  const { sp, app, staff } = await hrApp(tenant);
  const alex = await tenant.user({ name: "alex", aliases: ["alexa"], groups: [staff] });
  await page.goto(sp.loginUrl());
  await expectSignInPage(page, app.name);
  await enterIdentifier(page, alex.aliases[0]!);
  await enterPassword(page, alex);
  await expectSpSignedIn(page, sp, alex.username);
  // Again in the same browser: no prompt.
  await page.goto(sp.loginUrl({ relay: "again" }));
  await expectSpSignedIn(page, sp, alex.username);
  await expect(page.getByTestId("relay-state")).toHaveText("again");

  const other = await browser.newContext();
  const second = await other.newPage();
  await second.goto(sp.loginUrl());
  await expectSignInPage(second, app.name);
  await enterIdentifier(second, alex.email.toUpperCase());
  await enterPassword(second, alex);
  await expectSpSignedIn(second, sp, alex.username);
  await other.close();

  const admin = await consoleAs("Application Manager");
  const expected = [
    // Password, then the authenticator app's passcode (Global Policy: Require 2FA).
    { user: alex.username, result: "Success", reason: "Valid passcode", factor: "Authenticator app passcode" },
    { user: alex.username, result: "Success", reason: "Single sign-on session", factor: "Single sign-on session" },
    { user: alex.username, result: "Success", reason: "Valid passcode", factor: "Authenticator app passcode" },
  ];
  // Newest first.
  expect(await logOf(admin, app)).toEqual(expected);

  // The same rows in Reports → Authentication Log, among all applications'.
  await admin
    .getByRole("navigation", { name: "Console" })
    .getByRole("link", { name: "Authentication Log", exact: true })
    .click();
  await expect(heading(admin, "Authentication Log")).toBeVisible();
  await expect(admin.getByRole("table", { name: "Authentication Log" }).getByRole("columnheader")).toHaveText([
    "Time (UTC)",
    "User",
    "Application",
    "Result",
    "Reason",
    "Factor",
    "IP address",
  ]);
  await admin.goto(`/admin/reports/authentication-log?user=${encodeURIComponent(alex.username)}`);
  const all = await authLogEntries(admin.getByTestId("authlog-row"));
  for (const e of expected) expect(all).toContainEqual({ ...e, application: app.name });
});
