// Single Logout round trip with two real service providers that have Single Logout URLs:
// the user is signed in to both (the second by SSO session); SP A starts logout, the browser
// visits SP B's SLO URL (B validates the IdP's signed LogoutRequest for its session and
// answers), then comes back to A, which validates the LogoutResponse to its own request and
// gets its RelayState back: "Signed out". Afterwards a sign-in to A asks for the password.
// The Authentication Log shows the sign-ins and the logout.
import { test, expect } from "./support/fixtures";
import { authLogEntries, authLogRows } from "./support/applications";
import { enterIdentifier, enterPassword, expectSignInPage, expectSpSignedIn } from "./support/hosted-sign-in";

const RELAY_A = "/calendar?view=week&after=<logout> done";

test("logout at one SP signs the user out of both, and back at the first SP it says Signed out", async ({
  page,
  tenant,
  consoleAs,
}) => {
  const calendar = await tenant.sp({ name: "Loopback Calendar" });
  const drive = await tenant.sp({ name: "Loopback Drive" });
  const calendarApp = await tenant.app(calendar, { sloUrl: true });
  const driveApp = await tenant.app(drive, { sloUrl: true });
  expect(calendar.idp?.sloUrl).toBe(calendarApp.sloUrl);
  expect(drive.idp?.sloUrl).toBe(driveApp.sloUrl);
  const user = await tenant.user({ name: "sam.session" });

  await page.goto(calendar.loginUrl());
  await expectSignInPage(page, calendarApp.name);
  await enterIdentifier(page, user.username);
  await enterPassword(page, user);
  await expectSpSignedIn(page, calendar, user.username);
  await page.goto(drive.loginUrl());
  await expectSpSignedIn(page, drive, user.username);
  const driveSession = drive.lastSignIn!.sessionIndex;

  // Where the browser goes from here.
  const visited: string[] = [];
  page.on("request", (r) => {
    if (r.isNavigationRequest()) visited.push(r.url().split("?")[0]!);
  });
  await page.goto(calendar.logoutUrl(RELAY_A));
  await expect(page).toHaveURL(new RegExp(`^${calendar.sloUrl.replace(/[.]/g, "\\.")}\\?`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Signed out");
  await expect(page.getByTestId("relay-state")).toHaveText(RELAY_A);
  expect(visited).toEqual([
    calendar.logoutUrl().split("?")[0],
    calendarApp.sloUrl, // A's LogoutRequest
    drive.sloUrl, // the IdP's LogoutRequest to B
    driveApp.sloUrl, // B's LogoutResponse
    calendar.sloUrl, // the IdP's LogoutResponse to A
  ]);

  // B got a signed LogoutRequest for the session it knew, and answered it.
  expect(drive.logoutRequests).toHaveLength(1);
  expect(drive.logoutRequests[0]).toMatchObject({
    issuer: driveApp.entityId,
    nameId: user.username,
    sessionIndex: driveSession,
    signed: true,
  });
  // A's LogoutResponse answers A's own LogoutRequest (node-saml checked InResponseTo).
  expect(calendar.logoutResponses).toHaveLength(1);
  expect(calendar.logoutResponses[0]!.inResponseTo).toMatch(/^_/);
  expect(calendar.logoutResponses[0]!.signed).toBe(true);
  expect([...calendar.errors, ...drive.errors]).toEqual([]);

  // The SSO session is over: both SPs' sign-ins ask for the password again.
  await page.goto(calendar.loginUrl());
  await expectSignInPage(page, calendarApp.name);
  await page.goto(drive.loginUrl());
  await expectSignInPage(page, driveApp.name);

  // The administrator sees the sign-ins and the logout in the Authentication Log.
  const admin = await consoleAs("Application Manager");
  const entries = await authLogEntries(await authLogRows(admin, calendarApp));
  expect(entries).toContainEqual(
    expect.objectContaining({ user: user.username, result: "Success", reason: "Valid passcode" }),
  );
  expect(entries).toContainEqual(
    expect.objectContaining({ user: user.username, result: "Success", reason: "Signed out (single logout)" }),
  );
  const drives = await authLogEntries(await authLogRows(admin, driveApp));
  expect(drives).toContainEqual(
    expect.objectContaining({ user: user.username, result: "Success", reason: "Single sign-on session" }),
  );
});
