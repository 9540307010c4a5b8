// IdP-initiated sign-in: the person signs in at the hosted portal (/sso/portal), which lists
// the applications they may open; choosing one posts an unsolicited Response (no
// InResponseTo) to its default ACS with the Default Relay State set in the console, and the
// SP signs them in. The portal lists only what the user may open.
import { test, expect } from "./support/fixtures";
import { applicationForm, openApplication, saveApplication } from "./support/applications";
import {
  ACCESS_DENIED,
  enterIdentifier,
  enterPassword,
  expectSignInPage,
  expectSpSignedIn,
} from "./support/hosted-sign-in";

/** At most 80 bytes, with & < > and a space. */
const DEFAULT_RELAY = "/dashboard?from=portal&tab=<news> today";

test("the portal lists the application; choosing it signs the user in at the SP, unsolicited", async ({
  page,
  tenant,
}) => {
  // Accepts unsolicited Responses, as SPs that support IdP-initiated sign-in do.
  const sp = await tenant.sp({ name: "Loopback Intranet", acceptUnsolicited: true });
  const app = await tenant.app(sp, { defaultRelayState: DEFAULT_RELAY });
  const user = await tenant.user({ name: "avery", realName: `Avery <Active> & "O'Neil"` });

  // The portal needs a signed-in user: it sends the browser to sign in first.
  await page.goto("/sso/portal");
  await expectSignInPage(page);
  await enterIdentifier(page, user.username);
  await enterPassword(page, user);

  await expect(page).toHaveURL(/\/sso\/portal$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your applications");
  // The real name, with its < > & " ', shown as text.
  await expect(page.getByRole("main")).toContainText(user.realName);
  const apps = page.getByRole("list", { name: "Your applications" });
  const link = apps.getByRole("link", { name: app.name });
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

test("limited to a group, the application is not in an outsider's portal, and opening it is denied", async ({
  page,
  tenant,
  consoleAs,
}) => {
  const sp = await tenant.sp({ name: "Loopback Intranet", acceptUnsolicited: true });
  const app = await tenant.app(sp, { defaultRelayState: DEFAULT_RELAY });
  const staff = await tenant.group("E2E Staff");
  const contractors = await tenant.group("E2E Contractors");
  const olaf = await tenant.user({ name: "olaf.outsider", groups: [contractors] });

  // The administrator limits the application to the staff group.
  const admin = await consoleAs("Application Manager");
  await openApplication(admin, app.id);
  const f = applicationForm(admin);
  await f.groupsOnly.check();
  await f.group(staff.name).check();
  await saveApplication(admin);
  await expect(applicationForm(admin).groupsOnly).toBeChecked();
  await expect(applicationForm(admin).group(staff.name)).toBeChecked();
  await expect(applicationForm(admin).group(contractors.name)).not.toBeChecked();

  await page.goto("/sso/login");
  await expectSignInPage(page);
  await enterIdentifier(page, olaf.username);
  await enterPassword(page, olaf);
  await expect(page).toHaveURL(/\/sso\/portal$/);
  await expect(page.getByRole("main").getByRole("link", { name: app.name })).toHaveCount(0);
  // The application's IdP-initiated address, typed in: refused with the reason, nothing sent to the SP.
  await page.goto(`/saml2/idp/${app.key}/init`);
  await expect(page).toHaveURL(/\/sso\/error\?reason=user_not_in_permitted_group/);
  const denied = ACCESS_DENIED(app.name);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(denied.title);
  await expect(page.getByTestId("sso-error")).toHaveText(denied.body);
  expect(sp.signIns).toHaveLength(0);
});
