// Remembered devices, Authorized networks and group-scoped precedence in real SP-initiated
// SAML sign-ins at node-saml SPs, with policies made in the console's policy editor:
//  - app A's policy remembers devices for 12 hours: "Remember me for 12 hours" on the
//    passcode page; ticked, the next sign-in to A skips the passcode (remembered_device),
//    while app B (Global Policy) still asks for it;
//  - app B's policy authorizes only 192.0.2.0/24 and denies other networks: a sign-in from
//    127.0.0.1 is refused ("Access denied from this network", network_not_authorized);
//  - a group policy on B for E2E Staff authorizes 127.0.0.1 ("Allow access without 2FA from
//    these networks"): its member signs in without a passcode (authorized_network), while a
//    non-member still gets the application's section and is refused.
import { test, expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { OWNER, authFile } from "./support/accounts";
import { authLogEntries, authLogRows, card, protectLoopbackSp, type ProtectedApp } from "./support/applications";
import { field, heading } from "./support/console";
import {
  createUsers,
  END_USER_PASSWORD,
  ensureDirectory,
  GROUPS,
  removeApplications,
  resetDirectory,
  testTotpSecret,
} from "./support/directory";
import {
  endUserPasscode,
  enterIdentifier,
  enterPasscode,
  expectSignInPage,
  expectSpSignedIn,
  expectVerifyPage,
} from "./support/hosted-sign-in";
import { shot } from "./support/screenshots";
import { TestSp } from "./support/test-sp";

test.describe.configure({ mode: "serial" });

const APP_A = "Loopback Remember App";
const APP_B = "Loopback Office App";
const REMEMBER = "E2E Remember 12h";
const OFFICE = "E2E Office network only";
const STAFF_ANYWHERE = "E2E Staff on loopback";
/** A member of E2E Staff, and a user only in E2E Contractors. */
const MEMBER = {
  username: "rita.remember",
  email: "rita.remember@e2e.example.com",
  realName: "Rita Remember",
  password: END_USER_PASSWORD,
  groups: [GROUPS.staff],
};
const OTHER = {
  username: "nico.network",
  email: "nico.network@e2e.example.com",
  realName: "Nico Network",
  password: END_USER_PASSWORD,
  groups: [GROUPS.contractors],
};

let spA: TestSp;
let spB: TestSp;
let appA: ProtectedApp;
let appB: ProtectedApp;

test.beforeAll(async () => {
  await ensureDirectory();
  await createUsers([MEMBER, OTHER].map((u) => ({ ...u, totpSecret: testTotpSecret(u.username) })));
  spA = await TestSp.start({ name: APP_A });
  spB = await TestSp.start({ name: APP_B });
});

test.afterAll(async () => {
  await spA?.stop();
  await spB?.stop();
  await removeApplications([appA?.id, appB?.id].filter((id): id is string => !!id));
  await resetDirectory();
});

const section = (page: Page, title: string) =>
  page.locator("section").filter({ has: page.getByRole("heading", { level: 2, name: title, exact: true }) });
const save = (page: Page) => page.getByRole("button", { name: /^(Save Policy|Create Policy)$/ });

async function newPolicy(page: Page, name: string, fill: (page: Page) => Promise<void>) {
  await page.goto("/admin/policies/new");
  await field(page, "Policy name").fill(name);
  await fill(page);
  await save(page).click();
  await expect(page).toHaveURL(/\/admin\/policies\/[^/?]+\?created=1$/);
  await expect(heading(page, name)).toBeVisible();
}

async function networks(page: Page, list: string) {
  const nets = section(page, "Authorized networks");
  await nets.getByLabel("Set Authorized networks in this policy").check();
  await field(nets, "Authorized networks").fill(list);
  await nets.getByRole("group", { name: "From other networks", exact: true }).getByLabel("Deny access").check();
}

async function applyPolicy(page: Page, app: ProtectedApp, policy: string) {
  await page.goto(`/admin/applications/${app.id}`);
  const panel = card(page, "Policy");
  await panel.getByRole("button", { name: "Apply a policy" }).click();
  await field(panel, "Policy for the whole application").selectOption({ label: policy });
  await panel.getByRole("button", { name: "Apply Policy" }).click();
  await expect(panel.getByRole("status").filter({ hasText: "Policy applied to the application." })).toBeVisible();
}

test.describe("the Owner", () => {
  test.use({ storageState: authFile(OWNER.key) });

  test("protects two SPs and gives each a policy", async ({ page }) => {
    appA = await protectLoopbackSp(page, spA, { name: APP_A });
    appB = await protectLoopbackSp(page, spB, { name: APP_B });
    await newPolicy(page, REMEMBER, async (p) => {
      const rd = section(p, "Remembered devices");
      await rd.getByLabel("Set Remembered devices in this policy").check();
      await rd.getByLabel("Remember devices for browser-based applications").check();
      await field(rd, "Hours to remember a device").fill("12");
    });
    await newPolicy(page, OFFICE, (p) => networks(p, "192.0.2.0/24"));
    await applyPolicy(page, appA, REMEMBER);
  });
});

async function passwordStep(page: Page, sp: TestSp, appName: string, user: { username: string; password: string }) {
  await page.goto(sp.loginUrl());
  await expectSignInPage(page, appName);
  await enterIdentifier(page, user.username);
  await field(page, "Password").fill(user.password);
  await page.getByRole("button", { name: "Log in", exact: true }).click();
}

async function logRows(browser: Browser, app: ProtectedApp, username: string) {
  const admin = await browser.newContext({ storageState: authFile(OWNER.key) });
  const page = await admin.newPage();
  const rows = (await authLogEntries(await authLogRows(page, app))).filter((r) => r.user === username);
  await admin.close();
  return rows;
}

/** Ends the SSO session in this browser (the remembered-device cookie stays), so the next sign-in asks for the password. */
const endSsoSession = (context: BrowserContext) => context.clearCookies({ name: "pc_sso" });

test("Remembered devices: ticked once, the next sign-in to the same application skips the passcode; another application still asks", async ({
  page,
  context,
  browser,
}) => {
  await passwordStep(page, spA, APP_A, MEMBER);
  await expectVerifyPage(page);
  const remember = page.getByRole("checkbox", { name: "Remember me for 12 hours" });
  await expect(remember).not.toBeChecked();
  await remember.first().check();
  await shot(page, "policy-signin-remember-me");
  await enterPasscode(page, await endUserPasscode(MEMBER.username));
  await expectSpSignedIn(page, spA, MEMBER.username);
  const cookie = (await context.cookies()).find((c) => c.name === `portcullis_rd_${appA.id}`);
  expect(cookie?.httpOnly).toBe(true);

  // Next sign-in to A: password, then straight to the SP.
  await endSsoSession(context);
  const before = spA.signIns.length;
  await passwordStep(page, spA, APP_A, MEMBER);
  await expectSpSignedIn(page, spA, MEMBER.username);
  expect(spA.signIns.length).toBe(before + 1);
  const rows = await logRows(browser, appA, MEMBER.username);
  expect([rows[0]!.result, rows[0]!.reason, rows[0]!.factor]).toEqual([
    "Success",
    "Remembered device",
    "Remembered device",
  ]);
  expect(rows[1]!.reason).toBe("Valid passcode");

  // Application B (the Global Policy, no remembered devices): the passcode is asked, with no checkbox.
  await endSsoSession(context);
  await passwordStep(page, spB, APP_B, MEMBER);
  await expectVerifyPage(page);
  await expect(page.getByRole("checkbox", { name: /Remember me/ })).toHaveCount(0);
  await enterPasscode(page, await endUserPasscode(MEMBER.username));
  await expectSpSignedIn(page, spB, MEMBER.username);
});

test("Authorized networks: outside the only authorized network, 'Deny access' refuses the sign-in", async ({
  page,
  browser,
}) => {
  const admin = await browser.newContext({ storageState: authFile(OWNER.key) });
  await applyPolicy(await admin.newPage(), appB, OFFICE);
  await admin.close();
  const before = spB.signIns.length;
  await passwordStep(page, spB, APP_B, OTHER);
  await expect(page.getByTestId("sign-in-denied").or(page.getByRole("main").getByRole("alert")).first()).toBeVisible();
  await expect(page.getByRole("main")).toContainText("Access denied from this network");
  await expect(page.getByRole("main")).toContainText(
    `Your organization does not allow sign-in to ${APP_B} from the network you are on.`,
  );
  await shot(page, "policy-signin-network-denied");
  expect(spB.signIns.length, "the SP received no Response").toBe(before);
  const rows = await logRows(browser, appB, OTHER.username);
  expect([rows[0]!.result, rows[0]!.reason]).toEqual(["Denied", "Network not authorized"]);
});

test.describe("precedence", () => {
  test("the Owner applies a group policy for E2E Staff on the office application that authorizes loopback", async ({
    browser,
  }) => {
    const admin = await browser.newContext({ storageState: authFile(OWNER.key) });
    const page = await admin.newPage();
    await newPolicy(page, STAFF_ANYWHERE, (p) => networks(p, "127.0.0.1"));
    await page.goto(`/admin/applications/${appB.id}`);
    const panel = card(page, "Policy");
    await panel.getByRole("button", { name: "Apply a group policy" }).click();
    await field(panel, "Group policy").selectOption({ label: STAFF_ANYWHERE });
    await panel
      .getByRole("group", { name: "Apply to members of", exact: true })
      .getByLabel(GROUPS.staff, { exact: true })
      .check();
    await panel.getByRole("button", { name: "Apply Group Policy" }).click();
    await expect(panel.getByRole("status").filter({ hasText: "Group policy applied." })).toBeVisible();
    await admin.close();
  });

  test("the group's member gets the group's section: on its authorized network, signed in without 2FA (authorized_network)", async ({
    page,
  }) => {
    const before = spB.signIns.length;
    await passwordStep(page, spB, APP_B, MEMBER);
    await expectSpSignedIn(page, spB, MEMBER.username);
    expect(spB.signIns.length).toBe(before + 1);
    expect(spB.lastSignIn?.nameId).toBe(MEMBER.username);
  });

  test("a non-member still gets the application's section: refused outside its network", async ({ page, browser }) => {
    const before = spB.signIns.length;
    await passwordStep(page, spB, APP_B, OTHER);
    await expect(page.getByRole("main")).toContainText("Access denied from this network");
    expect(spB.signIns.length).toBe(before);
    const rows = await logRows(browser, appB, OTHER.username);
    expect(rows.map((r) => r.reason)).toEqual(["Network not authorized", "Network not authorized"]);
    const member = await logRows(browser, appB, MEMBER.username);
    expect([member[0]!.result, member[0]!.reason]).toEqual(["Success", "Authorized network"]);
  });
});
