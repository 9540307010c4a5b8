// Single Logout round trip with two real service providers that have Single Logout URLs:
// the user is signed in to both (the second by SSO session); SP A starts logout, the browser
// visits SP B's SLO URL (B validates the IdP's signed LogoutRequest for its session and
// answers), then comes back to A, which validates the LogoutResponse to its own request and
// gets its RelayState back: "Signed out". Afterwards a sign-in to A asks for the password.
import { test, expect } from "@playwright/test";
import { ROLE_ACCOUNTS, authFile } from "./support/accounts";
import { authLogEntries, authLogRows, protectLoopbackSp, type ProtectedApp } from "./support/applications";
import { ensureDirectory, removeApplications, USERS } from "./support/directory";
import { enterIdentifier, enterPassword, expectSignInPage, expectSpSignedIn } from "./support/hosted-sign-in";
import { TestSp } from "./support/test-sp";

test.describe.configure({ mode: "serial" });

const RELAY_A = "/calendar?view=week&after=<logout> done";

let calendar: TestSp;
let drive: TestSp;
let calendarApp: ProtectedApp;
let driveApp: ProtectedApp;

test.beforeAll(async () => {
  await ensureDirectory();
  calendar = await TestSp.start({ name: "Loopback Calendar" });
  drive = await TestSp.start({ name: "Loopback Drive" });
});

test.afterAll(async () => {
  await Promise.all([calendar?.stop(), drive?.stop()]);
  await removeApplications([calendarApp?.id, driveApp?.id].filter((id): id is string => !!id));
});

test.describe("the administrator", () => {
  test.use({ storageState: authFile(ROLE_ACCOUNTS["Application Manager"].key) });

  test("protects two SPs, each with its Single Logout URL", async ({ page }) => {
    calendarApp = await protectLoopbackSp(page, calendar, { name: "Loopback Calendar", sloUrl: true });
    driveApp = await protectLoopbackSp(page, drive, { name: "Loopback Drive", sloUrl: true });
    expect(calendar.idp?.sloUrl).toBe(calendarApp.sloUrl);
    expect(drive.idp?.sloUrl).toBe(driveApp.sloUrl);
  });
});

test("logout at one SP signs the user out of both, and back at the first SP it says Signed out", async ({ page }) => {
  const user = USERS.sam;
  await page.goto(calendar.loginUrl());
  await expectSignInPage(page, "Loopback Calendar");
  await enterIdentifier(page, user.username);
  await enterPassword(page, user.password);
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
  await expectSignInPage(page, "Loopback Calendar");
  await page.goto(drive.loginUrl());
  await expectSignInPage(page, "Loopback Drive");
});

test.describe("the administrator", () => {
  test.use({ storageState: authFile(ROLE_ACCOUNTS["Application Manager"].key) });

  test("sees the sign-ins and the logout in the Authentication Log", async ({ page }) => {
    const entries = await authLogEntries(await authLogRows(page, calendarApp));
    expect(entries).toContainEqual(
      expect.objectContaining({ user: USERS.sam.username, result: "Success", reason: "Valid passcode" }),
    );
    expect(entries).toContainEqual(
      expect.objectContaining({ user: USERS.sam.username, result: "Success", reason: "Signed out (single logout)" }),
    );
    const drives = await authLogEntries(await authLogRows(page, driveApp));
    expect(drives).toContainEqual(
      expect.objectContaining({ user: USERS.sam.username, result: "Success", reason: "Single sign-on session" }),
    );
  });
});
