// Remembered devices, Authorized networks and group-scoped precedence in real SP-initiated
// SAML sign-ins at node-saml SPs, with custom policies applied to each test's own
// applications (the Global Policy stays as it is):
//  - app A's policy remembers devices for 12 hours: "Remember me for 12 hours" on the
//    passcode page; ticked, the next sign-in to A skips the passcode (remembered_device),
//    while app B (Global Policy) still asks for it;
//  - an application whose policy authorizes only 192.0.2.0/24 and denies other networks: a
//    sign-in from 127.0.0.1 is refused ("Access denied from this network",
//    network_not_authorized);
//  - a group policy on that application for a group authorizes 127.0.0.1 ("Allow access
//    without 2FA from these networks"): its member signs in without a passcode
//    (authorized_network), while a non-member still gets the application's section and is refused.
import type { BrowserContext, Page } from "@playwright/test";
import { test, expect } from "./support/fixtures";
import { authLogEntries, authLogRows, type ProtectedApp } from "./support/applications";
import { field } from "./support/console";
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

const OFFICE_ONLY = {
  authorizedNetworks: { allowList: ["192.0.2.0/24"], allowWithout2fa: true, outside: "deny" },
};

async function passwordStep(page: Page, sp: TestSp, app: ProtectedApp, user: EndUser) {
  await page.goto(sp.loginUrl());
  await expectSignInPage(page, app.name);
  await enterIdentifier(page, user.username);
  await field(page, "Password").fill(user.password);
  await page.getByRole("button", { name: "Log in", exact: true }).click();
}

async function logRows(page: Page, app: ProtectedApp, user: EndUser) {
  return (await authLogEntries(await authLogRows(page, app))).filter((r) => r.user === user.username);
}

/** Ends the SSO session in this browser (the remembered-device cookie stays), so the next sign-in asks for the password. */
const endSsoSession = (context: BrowserContext) => context.clearCookies({ name: "pc_sso" });

test("Remembered devices: ticked once, the next sign-in to the same application skips the passcode; another application still asks", async ({
  page,
  context,
  tenant,
  consoleAs,
}) => {
  const spA = await tenant.sp({ name: "Loopback Remember App" });
  const spB = await tenant.sp({ name: "Loopback Office App" });
  const appA = await tenant.app(spA);
  const appB = await tenant.app(spB);
  await tenant.policy({ rememberedDevices: { enabled: true, hours: 12 } }, { app: appA }, "E2E Remember 12h");
  const member = await tenant.user({ name: "rita.remember", realName: "Rita Remember" });

  await passwordStep(page, spA, appA, member);
  await expectVerifyPage(page);
  const remember = page.getByRole("checkbox", { name: "Remember me for 12 hours" });
  await expect(remember).not.toBeChecked();
  await remember.first().check();
  await shot(page, "policy-signin-remember-me");
  await enterPasscode(page, member.totp!.next());
  await expectSpSignedIn(page, spA, member.username);
  const cookie = (await context.cookies()).find((c) => c.name === `portcullis_rd_${appA.id}`);
  expect(cookie?.httpOnly).toBe(true);

  // Next sign-in to A: password, then straight to the SP.
  await endSsoSession(context);
  const before = spA.signIns.length;
  await passwordStep(page, spA, appA, member);
  await expectSpSignedIn(page, spA, member.username);
  expect(spA.signIns.length).toBe(before + 1);
  const rows = await logRows(await consoleAs("Owner"), appA, member);
  expect([rows[0]!.result, rows[0]!.reason, rows[0]!.factor]).toEqual([
    "Success",
    "Remembered device",
    "Remembered device",
  ]);
  expect(rows[1]!.reason).toBe("Valid passcode");

  // Application B (the Global Policy, no remembered devices): the passcode is asked, with no checkbox.
  await endSsoSession(context);
  await passwordStep(page, spB, appB, member);
  await expectVerifyPage(page);
  await expect(page.getByRole("checkbox", { name: /Remember me/ })).toHaveCount(0);
  await enterPasscode(page, member.totp!.next());
  await expectSpSignedIn(page, spB, member.username);
});

test("Authorized networks: outside the only authorized network, 'Deny access' refuses the sign-in", async ({
  page,
  tenant,
  consoleAs,
}) => {
  const sp = await tenant.sp({ name: "Loopback Office App" });
  const app = await tenant.app(sp);
  await tenant.policy(OFFICE_ONLY, { app }, "E2E Office network only");
  const other = await tenant.user({ name: "nico.network", realName: "Nico Network" });

  await passwordStep(page, sp, app, other);
  await expect(page.getByTestId("sign-in-denied").or(page.getByRole("main").getByRole("alert")).first()).toBeVisible();
  await expect(page.getByRole("main")).toContainText("Access denied from this network");
  await expect(page.getByRole("main")).toContainText(
    `Your organization does not allow sign-in to ${app.name} from the network you are on.`,
  );
  await shot(page, "policy-signin-network-denied");
  expect(sp.signIns.length, "the SP received no Response").toBe(0);
  const rows = await logRows(await consoleAs("Owner"), app, other);
  expect([rows[0]!.result, rows[0]!.reason]).toEqual(["Denied", "Network not authorized"]);
});

test("precedence: a group policy authorizing loopback lets its member in without 2FA; a non-member still gets the application's section", async ({
  freshPage,
  tenant,
  consoleAs,
}) => {
  const sp = await tenant.sp({ name: "Loopback Office App" });
  const app = await tenant.app(sp);
  const staff = await tenant.group("E2E Staff");
  await tenant.policy(OFFICE_ONLY, { app }, "E2E Office network only");
  await tenant.policy(
    { authorizedNetworks: { allowList: ["127.0.0.1"], allowWithout2fa: true, outside: "deny" } },
    { app, groups: [staff] },
    "E2E Staff on loopback",
  );
  const member = await tenant.user({ name: "rita.member", groups: [staff] });
  const other = await tenant.user({ name: "nico.outsider" });

  const memberPage = await freshPage();
  await passwordStep(memberPage, sp, app, member);
  await expectSpSignedIn(memberPage, sp, member.username);
  expect(sp.signIns).toHaveLength(1);
  expect(sp.lastSignIn?.nameId).toBe(member.username);

  const otherPage = await freshPage();
  await passwordStep(otherPage, sp, app, other);
  await expect(otherPage.getByRole("main")).toContainText("Access denied from this network");
  expect(sp.signIns).toHaveLength(1);

  const owner = await consoleAs("Owner");
  expect((await logRows(owner, app, other)).map((r) => r.reason)).toEqual(["Network not authorized"]);
  const rows = await logRows(owner, app, member);
  expect([rows[0]!.result, rows[0]!.reason]).toEqual(["Success", "Authorized network"]);
});
