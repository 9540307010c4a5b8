// "Why did it fail?": the SAML trace of an application and Test SSO. A loopback SP (node-saml)
// asks for a transient NameID from an application that answers unspecified: the SP gets
// InvalidNameIDPolicy, and the application's SAML trace shows the refused AuthnRequest with
// the exact reason and what to change. After the administrator accepts transient, the next
// request is answered. Test SSO: the administrator signs in as a test user in a new tab and
// sees the Response that would be sent (NameID, audience, validity, signature), not posted.
// Every role that may see the application sees its trace.
import { test, expect } from "@playwright/test";
import { ROLE_ACCOUNTS, authFile } from "./support/accounts";
import { applicationForm, protectLoopbackSp, saveApplication, type ProtectedApp } from "./support/applications";
import { ensureDirectory, removeApplications, USERS } from "./support/directory";
import { enterIdentifier, enterPassword, expectSignInPage } from "./support/hosted-sign-in";
import { shot } from "./support/screenshots";
import { NAMEID, TestSp } from "./support/test-sp";

test.describe.configure({ mode: "serial" });

let sp: TestSp;
let app: ProtectedApp;

test.beforeAll(async () => {
  await ensureDirectory();
  sp = await TestSp.start({ name: "Loopback Trace", identifierFormat: NAMEID.transient });
});

test.afterAll(async () => {
  await sp?.stop();
  await removeApplications(app ? [app.id] : []);
});

test.use({ storageState: authFile(ROLE_ACCOUNTS["Application Manager"].key) });

test("a refused request is in the SAML trace with its exact reason, and the fix makes the next one pass", async ({
  page,
  browser,
}) => {
  app = await protectLoopbackSp(page, sp, { name: "Loopback Trace" });

  // The SP asks for transient; a new application answers unspecified: refused.
  const user = await browser.newContext();
  const endUser = await user.newPage();
  await endUser.goto(sp.loginUrl());
  await expect.poll(() => sp.errors.join("\n")).toMatch(/InvalidNameIDPolicy/);

  await page.goto(`/admin/applications/${app.id}`);
  await page.getByRole("link", { name: "SAML trace" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "SAML trace" })).toBeVisible();
  const refused = page
    .getByTestId("trace-entry")
    .filter({ has: page.getByText("Refused", { exact: true }) })
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
  const answer = page.getByTestId("trace-entry").filter({ hasText: "→ to the SP" }).first();
  await expect(answer.getByTestId("trace-type")).toHaveText("Response");
  await expect(answer.getByTestId("trace-response")).toContainText("InvalidNameIDPolicy");
  await shot(page, "saml-trace");

  // The administrator follows the advice: transient is accepted on request.
  await page.goto(`/admin/applications/${app.id}`);
  await applicationForm(page).response.getByLabel("transient", { exact: true }).check();
  await saveApplication(page);
  // The metadata now lists both formats, the default first.
  const metadata = await (await page.request.get(app.metadataUrl)).text();
  expect([...metadata.matchAll(/<md:NameIDFormat>([^<]+)</g)].map((m) => m[1])).toEqual([
    NAMEID.unspecified,
    NAMEID.transient,
  ]);

  await endUser.goto(sp.loginUrl());
  await expectSignInPage(endUser, "Loopback Trace");
  await enterIdentifier(endUser, USERS.avery.username);
  await enterPassword(endUser, USERS.avery.password);
  await expect.poll(() => sp.lastSignIn?.nameIdFormat).toBe(NAMEID.transient);
  expect(sp.lastSignIn!.nameId).toMatch(/^_[0-9a-f]{40}$/);
  await user.close();

  await page.goto(`/admin/applications/${app.id}/trace`);
  const accepted = page
    .getByTestId("trace-entry")
    .filter({ has: page.getByText("Accepted", { exact: true }) })
    .first();
  await expect(accepted.getByTestId("trace-type")).toHaveText("AuthnRequest");
  const sent = page
    .getByTestId("trace-entry")
    .filter({ has: page.getByText("Sent", { exact: true }) })
    .first();
  await expect(sent.getByTestId("trace-response")).toContainText(NAMEID.transient);
});

test("Test SSO: sign in as a test user in a new tab and see the Response that would be sent, not posted", async ({
  page,
}) => {
  const before = sp.signIns.length;
  await page.goto(`/admin/applications/${app.id}`);
  const [tab] = await Promise.all([page.waitForEvent("popup"), page.getByRole("link", { name: "Test SSO" }).click()]);
  await expectSignInPage(tab, "Loopback Trace");
  await enterIdentifier(tab, USERS.alex.username);
  await enterPassword(tab, USERS.alex.password);
  await expect(tab).toHaveURL(new RegExp(`/admin/applications/${app.id}/trace\\?entry=`));
  await expect(tab.getByRole("status").filter({ hasText: "Test SSO" })).toContainText("It was not sent.");
  const entry = tab
    .getByTestId("trace-entry")
    .filter({ has: tab.getByText("Test SSO (not sent)") })
    .first();
  await expect(entry.getByTestId("trace-reason")).toContainText(`Test SSO as ${USERS.alex.username}`);
  const response = entry.getByTestId("trace-response");
  await expect(response).toContainText("Success");
  await expect(response).toContainText(sp.entityId); // Audience
  await expect(response).toContainText(sp.acsUrl); // Recipient
  await expect(response).toContainText(NAMEID.unspecified);
  await expect(response).toContainText(USERS.alex.username);
  await expect(response.getByText("Response signed")).toBeVisible();
  await expect(entry.getByTestId("trace-xml")).toBeVisible(); // opened for this entry
  await expect(entry.getByTestId("trace-xml")).toContainText("<saml:Assertion");
  await shot(tab, "test-sso");
  // Nothing reached the SP.
  expect(sp.signIns.length).toBe(before);
});

test("every role that may see applications sees the trace; the Test SSO result is only its administrator's", async ({
  browser,
}) => {
  const context = await browser.newContext({ storageState: authFile(ROLE_ACCOUNTS["Read-only"].key) });
  const page = await context.newPage();
  await page.goto(`/admin/applications/${app.id}/trace`);
  await expect(page.getByRole("heading", { level: 1, name: "SAML trace" })).toBeVisible();
  await expect(page.getByTestId("trace-entry").first()).toBeVisible();
  await expect(page.getByText("Test SSO (not sent)")).toHaveCount(0);
  await context.close();
});
