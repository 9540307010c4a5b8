// Requests the IdP refuses, as the person in the browser sees them: the generic error page
// ("Sign-in request not accepted" with a reference), no sign-in prompt, nothing posted to
// the SP; and the exact cause in the Authentication Log. An AuthnRequest naming an ACS URL
// that is not registered, the same AuthnRequest a second time, and a RelayState over 80 bytes.
import type { Page } from "@playwright/test";
import { test, expect } from "./support/fixtures";
import { authLogEntries, authLogRows, type ProtectedApp } from "./support/applications";
import { expectRequestRefused, expectSignInPage } from "./support/hosted-sign-in";
import { shot } from "./support/screenshots";

/** The application's Authentication Log: one refusal with this reason, no user involved. */
async function expectRefusalLogged(page: Page, app: ProtectedApp, reason: string) {
  expect(await authLogEntries(await authLogRows(page, app))).toEqual([
    { user: "—", application: app.name, result: "Failure", reason, factor: "—" },
  ]);
}

test("an AuthnRequest whose ACS URL is not registered gets the generic error page", async ({
  page,
  tenant,
  consoleAs,
}) => {
  const sp = await tenant.sp({ name: "Loopback Payroll" });
  const app = await tenant.app(sp);
  // The SP announces an AssertionConsumerServiceURL the application does not list.
  await page.goto(sp.loginUrl({ acs: `${sp.baseUrl}/acs-not-registered`, relay: "unregistered" }));
  await expectRequestRefused(page);
  await expect(page.getByRole("main")).not.toContainText(sp.baseUrl);
  await shot(page, "sso-error");
  expect(sp.signIns).toHaveLength(0);
  expect(sp.errors).toEqual([]);
  await expectRefusalLogged(await consoleAs("Application Manager"), app, "Unregistered Assertion Consumer Service");
});

test("the same AuthnRequest a second time is refused", async ({ page, tenant, consoleAs }) => {
  const sp = await tenant.sp({ name: "Loopback Payroll" });
  const app = await tenant.app(sp);
  const url = await sp.authorizeUrl("replay");
  await page.goto(url);
  await expectSignInPage(page, app.name);
  await page.goto(url);
  await expectRequestRefused(page);
  await expectRefusalLogged(await consoleAs("Application Manager"), app, "Replayed SAML request");
});

test("a RelayState over 80 bytes is refused; 80 bytes are accepted", async ({ page, tenant, consoleAs }) => {
  const sp = await tenant.sp({ name: "Loopback Payroll" });
  const app = await tenant.app(sp);
  const eighty = "/reports?q=" + "x".repeat(69);
  expect(Buffer.byteLength(eighty)).toBe(80);
  await page.goto(sp.loginUrl({ relay: eighty }));
  await expectSignInPage(page, app.name);

  // 81 bytes: 79 ASCII characters and one two-byte character.
  const tooLong = "/reports?q=" + "x".repeat(68) + "é";
  expect(Buffer.byteLength(tooLong)).toBe(81);
  await page.goto(sp.loginUrl({ relay: tooLong }));
  await expectRequestRefused(page);
  await expectRefusalLogged(await consoleAs("Application Manager"), app, "RelayState too long");
});
