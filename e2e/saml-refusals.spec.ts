// Requests the IdP refuses, as the person in the browser sees them: the generic error page
// ("Sign-in request not accepted" with a reference), no sign-in prompt, nothing posted to
// the SP; and the exact cause in the Authentication Log. An AuthnRequest naming an ACS URL
// that is not registered, the same AuthnRequest a second time, and a RelayState over 80 bytes.
import { test, expect } from "@playwright/test";
import { ROLE_ACCOUNTS, authFile } from "./support/accounts";
import { authLogEntries, authLogRows, protectLoopbackSp, type ProtectedApp } from "./support/applications";
import { ensureDirectory, removeApplications } from "./support/directory";
import { expectRequestRefused, expectSignInPage } from "./support/hosted-sign-in";
import { shot } from "./support/screenshots";
import { TestSp } from "./support/test-sp";

test.describe.configure({ mode: "serial" });

let sp: TestSp;
let app: ProtectedApp;

test.beforeAll(async () => {
  await ensureDirectory();
  sp = await TestSp.start({ name: "Loopback Payroll" });
});

test.afterAll(async () => {
  await sp?.stop();
  if (app) await removeApplications([app.id]);
});

test.describe("the administrator", () => {
  test.use({ storageState: authFile(ROLE_ACCOUNTS["Application Manager"].key) });

  test("protects the SP", async ({ page }) => {
    app = await protectLoopbackSp(page, sp, { name: "Loopback Payroll" });
  });
});

test("an AuthnRequest whose ACS URL is not registered gets the generic error page", async ({ page }) => {
  // The SP announces an AssertionConsumerServiceURL the application does not list.
  await page.goto(sp.loginUrl({ acs: `${sp.baseUrl}/acs-not-registered`, relay: "unregistered" }));
  await expectRequestRefused(page);
  await expect(page.getByRole("main")).not.toContainText(sp.baseUrl);
  await shot(page, "sso-error");
  expect(sp.signIns).toHaveLength(0);
  expect(sp.errors).toEqual([]);
});

test("the same AuthnRequest a second time is refused", async ({ page }) => {
  const url = await sp.authorizeUrl("replay");
  await page.goto(url);
  await expectSignInPage(page, "Loopback Payroll");
  await page.goto(url);
  await expectRequestRefused(page);
});

test("a RelayState over 80 bytes is refused; 80 bytes are accepted", async ({ page }) => {
  const eighty = "/reports?q=" + "x".repeat(69);
  expect(Buffer.byteLength(eighty)).toBe(80);
  await page.goto(sp.loginUrl({ relay: eighty }));
  await expectSignInPage(page, "Loopback Payroll");

  // 81 bytes: 79 ASCII characters and one two-byte character.
  const tooLong = "/reports?q=" + "x".repeat(68) + "é";
  expect(Buffer.byteLength(tooLong)).toBe(81);
  await page.goto(sp.loginUrl({ relay: tooLong }));
  await expectRequestRefused(page);
});

test.describe("the administrator", () => {
  test.use({ storageState: authFile(ROLE_ACCOUNTS["Application Manager"].key) });

  test("finds each refusal in the Authentication Log with its reason", async ({ page }) => {
    const entries = await authLogEntries(await authLogRows(page, app));
    // Newest first; no user was involved.
    expect(entries).toEqual([
      { user: "—", application: "Loopback Payroll", result: "Failure", reason: "RelayState too long", factor: "—" },
      { user: "—", application: "Loopback Payroll", result: "Failure", reason: "Replayed SAML request", factor: "—" },
      {
        user: "—",
        application: "Loopback Payroll",
        result: "Failure",
        reason: "Unregistered Assertion Consumer Service",
        factor: "—",
      },
    ]);
  });
});
