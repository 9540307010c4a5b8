// IdP-initiated sign-in: the person signs in at the hosted portal (/sso/portal), which lists
// the applications they may open; choosing one posts an unsolicited Response (no
// InResponseTo) to its default ACS with the Default Relay State set in the console, and the
// SP signs them in. The portal lists only what the user may open.
import { test, expect } from "@playwright/test";
import { ROLE_ACCOUNTS, authFile } from "./support/accounts";
import {
  applicationForm,
  openApplication,
  protectLoopbackSp,
  saveApplication,
  type ProtectedApp,
} from "./support/applications";
import { ensureDirectory, GROUPS, removeApplications, USERS } from "./support/directory";
import {
  ACCESS_DENIED,
  enterIdentifier,
  enterPassword,
  expectSignInPage,
  expectSpSignedIn,
} from "./support/hosted-sign-in";
import { TestSp } from "./support/test-sp";

test.describe.configure({ mode: "serial" });

/** At most 80 bytes, with & < > and a space. */
const DEFAULT_RELAY = "/dashboard?from=portal&tab=<news> today";

let sp: TestSp;
let app: ProtectedApp;

test.beforeAll(async () => {
  await ensureDirectory();
  // Accepts unsolicited Responses, as SPs that support IdP-initiated sign-in do.
  sp = await TestSp.start({ name: "Loopback Intranet", acceptUnsolicited: true });
});

test.afterAll(async () => {
  await sp?.stop();
  if (app) await removeApplications([app.id]);
});

test.describe("the administrator", () => {
  test.use({ storageState: authFile(ROLE_ACCOUNTS["Application Manager"].key) });

  test("protects the SP with a Default Relay State", async ({ page }) => {
    app = await protectLoopbackSp(page, sp, { name: "Loopback Intranet", defaultRelayState: DEFAULT_RELAY });
  });
});

test("the portal lists the application; choosing it signs the user in at the SP, unsolicited", async ({ page }) => {
  const user = USERS.avery;
  // The portal needs a signed-in user: it sends the browser to sign in first.
  await page.goto("/sso/portal");
  await expectSignInPage(page);
  await enterIdentifier(page, user.username);
  await enterPassword(page, user.password);

  await expect(page).toHaveURL(/\/sso\/portal$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your applications");
  // The real name, with its < > & " ', shown as text.
  await expect(page.getByRole("main")).toContainText(user.realName);
  const apps = page.getByRole("list", { name: "Your applications" });
  const link = apps.getByRole("link", { name: "Loopback Intranet" });
  await expect(link).toHaveAttribute("href", `/saml2/idp/${app.key}/init`);

  await link.click();
  await expectSpSignedIn(page, sp, user.username);
  await expect(page.getByTestId("in-response-to")).toHaveText("(none: IdP-initiated)");
  await expect(page.getByTestId("relay-state")).toHaveText(DEFAULT_RELAY);
  const s = sp.lastSignIn!;
  expect(s.inResponseTo).toBeNull();
  expect(s.destination).toBe(sp.acsUrl);
  expect(s.recipient).toBe(sp.acsUrl);
  expect(s.audience).toBe(sp.entityId);
  expect(s.issuer).toBe(app.entityId);

  // Back at the portal the user is still signed in; Sign out ends the session.
  await page.goto("/sso/portal");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sso\/login\?signedout=1$/);
  await expect(page.getByRole("status")).toHaveText("You have been signed out.");
  await page.goto("/sso/portal");
  await expectSignInPage(page);
});

test.describe("the administrator", () => {
  test.use({ storageState: authFile(ROLE_ACCOUNTS["Application Manager"].key) });

  test("limits the application to the E2E Staff group", async ({ page }) => {
    await openApplication(page, app.id);
    const f = applicationForm(page);
    await f.groupsOnly.check();
    await f.group(GROUPS.staff).check();
    await saveApplication(page);
    await expect(applicationForm(page).groupsOnly).toBeChecked();
    await expect(applicationForm(page).group(GROUPS.staff)).toBeChecked();
    await expect(applicationForm(page).group(GROUPS.contractors)).not.toBeChecked();
  });
});

test("the portal lists only the applications the user may open; opening another is denied", async ({ page }) => {
  const user = USERS.olaf; // in E2E Contractors only
  await page.goto("/sso/login");
  await expectSignInPage(page);
  await enterIdentifier(page, user.username);
  await enterPassword(page, user.password);
  await expect(page).toHaveURL(/\/sso\/portal$/);
  await expect(page.getByRole("main").getByRole("link", { name: "Loopback Intranet" })).toHaveCount(0);
  // The application's IdP-initiated address, typed in: refused with the reason, nothing sent to the SP.
  const before = sp.signIns.length;
  await page.goto(`/saml2/idp/${app.key}/init`);
  await expect(page).toHaveURL(/\/sso\/error\?reason=user_not_in_permitted_group/);
  const denied = ACCESS_DENIED("Loopback Intranet");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(denied.title);
  await expect(page.getByTestId("sso-error")).toHaveText(denied.body);
  expect(sp.signIns.length).toBe(before);
});
