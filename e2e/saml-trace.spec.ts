// "Why did it fail?": the SAML trace of an application and Test SSO. A loopback SP (node-saml)
// asks for a transient NameID from an application that answers unspecified: the SP gets
// InvalidNameIDPolicy, and the application's SAML trace shows the refused AuthnRequest with
// the exact reason and what to change. After the administrator accepts transient, the next
// request is answered. Test SSO: the administrator signs in as a test user in a new tab and
// sees the Response that would be sent (NameID, audience, validity, signature), not posted.
// Every role that may see the application sees its trace.
import type { Page } from "@playwright/test";
import { test, expect } from "./support/fixtures";
import { applicationForm, saveApplication, type ProtectedApp } from "./support/applications";
import { enterIdentifier, enterPassword, expectSignInPage, type EndUser } from "./support/hosted-sign-in";
import { shot } from "./support/screenshots";
import { NAMEID, type TestSp } from "./support/test-sp";

/** The SP asks for transient; the application answers unspecified (a new application's default): refused. */
async function refusedRequest(page: Page, sp: TestSp) {
  await page.goto(sp.loginUrl());
  await expect.poll(() => sp.errors.join("\n")).toMatch(/InvalidNameIDPolicy/);
}

/** Test SSO from the application page: a new tab, the test user signs in; returns the tab on the trace. */
async function testSso(admin: Page, app: ProtectedApp, user: EndUser): Promise<Page> {
  await admin.goto(`/admin/applications/${app.id}`);
  const [tab] = await Promise.all([admin.waitForEvent("popup"), admin.getByRole("link", { name: "Test SSO" }).click()]);
  await expectSignInPage(tab, app.name);
  await enterIdentifier(tab, user.username);
  await enterPassword(tab, user);
  await expect(tab).toHaveURL(new RegExp(`/admin/applications/${app.id}/trace\\?entry=`));
  return tab;
}

test("a refused request is in the SAML trace with its exact reason, and the fix makes the next one pass", async ({
  page,
  tenant,
  consoleAs,
}) => {
  const sp = await tenant.sp({ name: tenant.name("Loopback Trace"), identifierFormat: NAMEID.transient });
  const app = await tenant.app(sp, { name: "Loopback Trace" });
  const user = await tenant.user({ name: "trace.user" });
  const admin = await consoleAs("Application Manager");

  await refusedRequest(page, sp);

  await admin.goto(`/admin/applications/${app.id}`);
  await admin.getByRole("link", { name: "SAML trace" }).click();
  await expect(admin.getByRole("heading", { level: 1, name: "SAML trace" })).toBeVisible();
  const refused = admin
    .getByTestId("trace-entry")
    .filter({ has: admin.getByText("Refused", { exact: true }) })
    .first();
  await expect(refused.getByTestId("trace-type")).toHaveText("AuthnRequest");
  await expect(refused.getByTestId("trace-reason")).toContainText(
    "The SP asked for NameID format transient; this application answers unspecified. Change it under SAML Response",
  );
  await expect(refused).toContainText("invalid_nameid_policy");
  // The decoded request is there, pretty-printed, with the NameIDPolicy the SP sent.
  await refused.getByText("Decoded message (XML)").click();
  await expect(refused.getByTestId("trace-xml")).toContainText(`Format="${NAMEID.transient}"`);
  // The error Response that went back to the SP is the entry above it.
  const answer = admin.getByTestId("trace-entry").filter({ hasText: "→ to the SP" }).first();
  await expect(answer.getByTestId("trace-type")).toHaveText("Response");
  await expect(answer.getByTestId("trace-response")).toContainText("InvalidNameIDPolicy");
  await shot(admin, "saml-trace");

  // The administrator follows the advice: transient is accepted on request.
  await admin.goto(`/admin/applications/${app.id}`);
  await applicationForm(admin).response.getByLabel("transient", { exact: true }).check();
  await saveApplication(admin);
  // The metadata now lists both formats, the default first.
  const metadata = await (await admin.request.get(app.metadataUrl)).text();
  expect([...metadata.matchAll(/<md:NameIDFormat>([^<]+)</g)].map((m) => m[1])).toEqual([
    NAMEID.unspecified,
    NAMEID.transient,
  ]);

  await page.goto(sp.loginUrl());
  await expectSignInPage(page, app.name);
  await enterIdentifier(page, user.username);
  await enterPassword(page, user);
  await expect.poll(() => sp.lastSignIn?.nameIdFormat).toBe(NAMEID.transient);
  expect(sp.lastSignIn!.nameId).toMatch(/^_[0-9a-f]{40}$/);

  await admin.goto(`/admin/applications/${app.id}/trace`);
  const accepted = admin
    .getByTestId("trace-entry")
    .filter({ has: admin.getByText("Accepted", { exact: true }) })
    .first();
  await expect(accepted.getByTestId("trace-type")).toHaveText("AuthnRequest");
  const sent = admin
    .getByTestId("trace-entry")
    .filter({ has: admin.getByText("Sent", { exact: true }) })
    .first();
  await expect(sent.getByTestId("trace-response")).toContainText(NAMEID.transient);
});

test("Test SSO: sign in as a test user in a new tab and see the Response that would be sent, not posted", async ({
  tenant,
  consoleAs,
}) => {
  const sp = await tenant.sp({ name: tenant.name("Loopback Test SSO") });
  const app = await tenant.app(sp, { name: "Loopback Test SSO" });
  const user = await tenant.user({ name: "test.sso" });
  const admin = await consoleAs("Application Manager");

  const tab = await testSso(admin, app, user);
  await expect(tab.getByRole("status").filter({ hasText: "Test SSO" })).toContainText("It was not sent.");
  const entry = tab
    .getByTestId("trace-entry")
    .filter({ has: tab.getByText("Test SSO (not sent)") })
    .first();
  await expect(entry.getByTestId("trace-reason")).toContainText(`Test SSO as ${user.username}`);
  const response = entry.getByTestId("trace-response");
  await expect(response).toContainText("Success");
  await expect(response).toContainText(sp.entityId); // Audience
  await expect(response).toContainText(sp.acsUrl); // Recipient
  await expect(response).toContainText(NAMEID.unspecified);
  await expect(response).toContainText(user.username);
  await expect(response.getByText("Response signed")).toBeVisible();
  await expect(entry.getByTestId("trace-xml")).toBeVisible(); // opened for this entry
  await expect(entry.getByTestId("trace-xml")).toContainText("<saml:Assertion");
  await shot(tab, "test-sso");
  // Nothing reached the SP.
  expect(sp.signIns).toHaveLength(0);
});

test("every role that may see applications sees the trace; the Test SSO result is only its administrator's", async ({
  page,
  tenant,
  consoleAs,
}) => {
  const sp = await tenant.sp({ name: tenant.name("Loopback Trace Roles"), identifierFormat: NAMEID.transient });
  const app = await tenant.app(sp, { name: "Loopback Trace Roles" });
  const user = await tenant.user({ name: "trace.roles" });
  await refusedRequest(page, sp);
  const manager = await consoleAs("Application Manager");
  const tab = await testSso(manager, app, user);
  await expect(tab.getByText("Test SSO (not sent)").first()).toBeVisible();

  const readOnly = await consoleAs("Read-only");
  await readOnly.goto(`/admin/applications/${app.id}/trace`);
  await expect(readOnly.getByRole("heading", { level: 1, name: "SAML trace" })).toBeVisible();
  await expect(
    readOnly.getByTestId("trace-entry").filter({ has: readOnly.getByText("Refused", { exact: true }) }),
  ).toHaveCount(1);
  await expect(readOnly.getByText("Test SSO (not sent)")).toHaveCount(0);
});
