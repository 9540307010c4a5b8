// Authenticator app (TOTP), end to end through SP-initiated SAML sign-ins at a real node-saml
// SP: a new user enrolls at first sign-in (QR code and the key as text; the test computes
// the codes from the key it reads on the page) and lands at the SP; later sign-ins ask for a
// passcode on the verify page; a wrong code and a replayed code are refused; the
// Authentication Log records each outcome with its reason.
import type { Page } from "@playwright/test";
import { test, expect } from "./support/fixtures";
import { authLogEntries, authLogRows, type ProtectedApp } from "./support/applications";
import { alerts, field } from "./support/console";
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

async function passwordStep(page: Page, sp: TestSp, app: ProtectedApp, user: EndUser) {
  await page.goto(sp.loginUrl());
  await expectSignInPage(page, app.name);
  await enterIdentifier(page, user.username);
  await field(page, "Password").fill(user.password);
  await page.getByRole("button", { name: "Log in", exact: true }).click();
}

/** The application's Authentication Log rows of one user, newest first: [result, reason, factor]. */
async function logOf(page: Page, app: ProtectedApp, user: EndUser) {
  const rows = (await authLogEntries(await authLogRows(page, app))).filter((r) => r.user === user.username);
  return rows.map((r) => [r.result, r.reason, r.factor]);
}

test("a new user enrolls an authenticator app at first sign-in and lands at the SP; the next sign-in asks for a passcode", async ({
  page,
  browser,
  tenant,
  consoleAs,
}) => {
  const sp = await tenant.sp({ name: "Loopback TOTP App" });
  const app = await tenant.app(sp);
  const user = await tenant.user({ name: "tara.totp", realName: "Tara Totp", enrolled: false });
  let phone: Authenticator;

  await test.step("enrollment: the key is shown, a wrong first code changes nothing, the right one signs in", async () => {
    await passwordStep(page, sp, app, user);
    // Global Policy defaults: Require enrollment, every method allowed. The e2e tenant is
    // served at an IP address (127.0.0.1), where WebAuthn cannot work, so passkeys are not
    // offered and the authenticator app's setup is the page itself (mfa-passkey.spec.ts
    // moves the tenant to localhost for the method choice).
    await expect(page).toHaveURL(/\/sso\/enroll$/);
    await expect(page.getByRole("heading", { level: 1, name: "Set up two-factor authentication" })).toBeVisible();
    await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
    await expect(page.getByRole("radio")).toHaveCount(0);
    await expect(page.getByText(/Passkey or security key/)).toHaveCount(0);
    const secret = (await page.getByTestId("totp-secret").innerText()).replace(/\s+/g, "");
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await shot(page, "mfa-totp-enrollment");
    phone = new Authenticator(secret);

    await field(page, "Passcode").fill(phone.wrong());
    await page.getByRole("button", { name: "Verify and continue" }).click();
    await expect(alerts(page)).toHaveText("Incorrect passcode. Try again.");
    // The same key is still shown: the enrollment continues.
    expect((await page.getByTestId("totp-secret").innerText()).replace(/\s+/g, "")).toBe(secret);

    await field(page, "Passcode").fill(phone.next());
    await page.getByRole("button", { name: "Verify and continue" }).click();
    await expectSpSignedIn(page, sp, user.username);
    expect(sp.lastSignIn?.nameId).toBe(user.username);
    expect(sp.lastSignIn?.matchedRequest).toBe(true);
  });

  await test.step("the next sign-in asks for a passcode: a wrong one is refused, the right one signs in", async () => {
    const context = await browser.newContext();
    const second = await context.newPage();
    await passwordStep(second, sp, app, user);
    await expectVerifyPage(second);
    await expect(second.getByText(`Signing in as ${user.username}`)).toBeVisible();
    // Only what the user has enrolled is offered, plus a bypass code.
    await expect(second.getByRole("button", { name: "Use the passkey" })).toHaveCount(0);
    await expect(second.getByText("Enter a bypass code")).toBeVisible();
    await shot(second, "mfa-verify-page");

    await enterPasscode(second, phone.wrong());
    await expect(second).toHaveURL(/\/sso\/verify\?e=invalid_passcode$/);
    await expect(alerts(second)).toHaveText("Incorrect passcode. Try again.");
    expect(sp.signIns.filter((s) => s.nameId === user.username)).toHaveLength(1);

    await enterPasscode(second, phone.next());
    await expectSpSignedIn(second, sp, user.username);
    await context.close();
  });

  // Newest first.
  expect(await logOf(await consoleAs("Owner"), app, user)).toEqual([
    ["Success", "Valid passcode", "Authenticator app passcode"],
    ["Failure", "Invalid passcode", "Authenticator app passcode"],
    ["Success", "Enrolled an authenticator", "Authenticator app passcode"],
    ["Failure", "Invalid passcode", "Authenticator app passcode"], // the wrong first code during enrollment
  ]);
});

test("a passcode is accepted once: replayed in another sign-in it is refused", async ({
  browser,
  tenant,
  consoleAs,
}) => {
  const sp = await tenant.sp({ name: "Loopback TOTP App" });
  const app = await tenant.app(sp);
  const user = await tenant.user({ name: "rey.replay" });
  const code = user.totp!.next();
  for (const attempt of ["first", "replay"]) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await passwordStep(page, sp, app, user);
    await expectVerifyPage(page);
    await enterPasscode(page, code);
    if (attempt === "replay") {
      await expect(alerts(page)).toHaveText("This passcode was already used. Wait for the next one and try again.");
      await expect(page).toHaveURL(/\/sso\/verify\?e=replayed_passcode$/);
      // A fresh code still works in the same sign-in.
      await enterPasscode(page, user.totp!.next());
    }
    await expectSpSignedIn(page, sp, user.username);
    await context.close();
  }
  expect(await logOf(await consoleAs("Owner"), app, user)).toEqual([
    ["Success", "Valid passcode", "Authenticator app passcode"],
    ["Failure", "Invalid passcode", "Authenticator app passcode"], // the replayed code
    ["Success", "Valid passcode", "Authenticator app passcode"],
  ]);
});
