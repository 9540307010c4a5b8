// Administrator sign-in: wrong password, unknown email, wrong passcode, first sign-in with
// enrollment, sign-out, the gate in front of the console, and throttling after repeated
// failures. Each test signs in an administrator of its own (the `tenant` fixture).
import { test, expect } from "./support/fixtures";
import { OWNER } from "./support/accounts";
import {
  adminLogRows,
  alerts,
  completePasscode,
  expectFieldError,
  field,
  heading,
  submitPassword,
  THROTTLED,
  WRONG_CREDENTIALS,
} from "./support/console";
import { shot } from "./support/screenshots";
import { Authenticator } from "./support/totp";

const WRONG_PASSCODE = "Incorrect passcode. Enter the 6-digit code from your authenticator app.";

const sessionCookie = async (page: import("@playwright/test").Page) =>
  (await page.context().cookies()).find((c) => /next-auth\.session-token$/.test(c.name));

test("visiting the console signed out leads to the sign-in page", async ({ page }) => {
  for (const path of ["/admin", "/admin/administrators", "/admin/reports/administrator-log"]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/admin\/login(\?|$)/);
    await expect(heading(page, "Administrator sign-in")).toBeVisible();
  }
  await shot(page, "login");
});

test("an unknown email gets the same message as a wrong password, and is logged", async ({
  page,
  tenant,
  consoleAs,
}) => {
  const unknown = `${tenant.id("Nobody")}@E2E.example.com`;
  await page.goto("/admin/login");
  await submitPassword(page, unknown, "Whatever-password-123");
  await expect(alerts(page)).toHaveText(WRONG_CREDENTIALS);
  await expect(field(page, "Passcode")).toHaveCount(0);

  const rows = await adminLogRows(await consoleAs("Owner"), "Failed sign-in", unknown.toLowerCase());
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("unknown_email");
});

test("empty sign-in fields are named beside the fields", async ({ page }) => {
  await page.goto("/admin/login");
  await page.getByRole("button", { name: "Continue" }).click();
  await expectFieldError(field(page, "Email"), "Enter your email address.");
  await expectFieldError(field(page, "Password"), "Enter your password.");
});

test("a signed-in administrator who opens the sign-in page goes to the console", async ({ consoleAs }) => {
  const page = await consoleAs("Owner");
  await page.goto("/admin/login");
  await expect(page).toHaveURL(/\/admin$/);
  await expect(heading(page, "Dashboard")).toBeVisible();
  await expect(page.getByTestId("actor-name")).toHaveText(OWNER.name);
});

test("after five wrong passwords even the right one is refused, and the failures are logged", async ({
  page,
  tenant,
  consoleAs,
}) => {
  const a = await tenant.admin("Read-only", "throttle");
  await page.goto("/admin/login");
  for (let i = 1; i <= 5; i++) {
    await submitPassword(page, a.email, `wrong-password-${i}`);
    await expect(alerts(page)).toHaveText(WRONG_CREDENTIALS);
  }
  await submitPassword(page, a.email, a.password);
  await expect(alerts(page)).toHaveText(THROTTLED);
  await expect(field(page, "Passcode")).toHaveCount(0);

  const rows = await adminLogRows(await consoleAs("Owner"), "Failed sign-in", a.email);
  // Five wrong passwords and the throttled attempt.
  await expect(rows).toHaveCount(6);
  await expect(rows.filter({ hasText: "wrong_password" })).toHaveCount(5);
  await expect(rows.filter({ hasText: "throttled" })).toHaveCount(1);
  await expect(rows.first().getByRole("cell").nth(1)).toHaveText(a.email);
});

test("a wrong password is refused with a generic message", async ({ page, tenant }) => {
  const a = await tenant.admin("Read-only");
  await page.goto("/admin/login");
  await submitPassword(page, a.email, `${a.password}-wrong`);
  await expect(alerts(page)).toHaveText(WRONG_CREDENTIALS);
  await expect(field(page, "Email")).toHaveValue(a.email);
  await expect(field(page, "Passcode")).toHaveCount(0);
  expect(await sessionCookie(page)).toBeUndefined();
});

test("first sign-in: enrollment; a wrong passcode does not sign in, the right one does; sign-out ends the session; the next sign-in asks for a passcode only", async ({
  page,
  tenant,
  consoleAs,
}) => {
  const a = await tenant.admin("Read-only");
  await page.goto("/admin/login");
  await submitPassword(page, a.email, a.password);
  // First sign-in: enrollment, with the QR code and the key, and the focus on the passcode.
  const secret = page.getByTestId("totp-secret");
  await expect(secret).toBeVisible();
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  await expect(field(page, "Passcode")).toBeFocused();
  await shot(page, "totp-enrollment");
  const app = new Authenticator((await secret.innerText()).trim());

  // No passcode, or not six digits: named beside the field, nothing sent.
  await page.getByRole("button", { name: "Verify and sign in" }).click();
  await expectFieldError(field(page, "Passcode"), "Enter the passcode.");
  await field(page, "Passcode").fill("12ab");
  await page.getByRole("button", { name: "Verify and sign in" }).click();
  await expectFieldError(field(page, "Passcode"), "The passcode is the 6 digits shown in your authenticator app.");

  await field(page, "Passcode").fill(app.wrong());
  await page.getByRole("button", { name: "Verify and sign in" }).click();
  await expect(alerts(page).filter({ hasText: WRONG_PASSCODE })).toBeVisible();
  // The earlier message beside the field is gone once the attempt is finished.
  await expect(alerts(page)).toHaveText([WRONG_PASSCODE]);
  await expect(page).toHaveURL(/\/admin\/login/);
  expect(await sessionCookie(page)).toBeUndefined();

  // Still not signed in: the console sends this browser back to sign-in.
  const other = await page.context().newPage();
  await other.goto("/admin");
  await expect(other).toHaveURL(/\/admin\/login/);
  await other.close();

  // The right passcode on the same step completes the sign-in.
  await field(page, "Passcode").fill(app.next());
  await page.getByRole("button", { name: "Verify and sign in" }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await expect(heading(page, "Dashboard")).toBeVisible();
  await expect(page.getByTestId("actor-name")).toHaveText(a.name);
  expect(await sessionCookie(page)).toBeDefined();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/admin\/login/);
  await expect(heading(page, "Administrator sign-in")).toBeVisible();
  expect(await sessionCookie(page)).toBeUndefined();
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/admin\/login/);

  await expect(
    await adminLogRows(await consoleAs("Owner"), "Signed in and enrolled authenticator", a.email),
  ).toHaveCount(1);

  // Enrolled now: the next sign-in asks for a passcode and shows no key.
  await submitPassword(page, a.email, a.password);
  await expect(page.getByText("Enter the 6-digit code from your authenticator app.")).toBeVisible();
  await expect(page.getByTestId("totp-secret")).toHaveCount(0);
  await completePasscode(page, app);
  await expect(page).toHaveURL(/\/admin$/);
  await expect(heading(page, "Dashboard")).toBeVisible();
});
