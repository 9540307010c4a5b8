// Passkeys (WebAuthn), end to end through SP-initiated SAML sign-ins at a real node-saml SP,
// with Chromium's virtual authenticator (DevTools protocol: a CTAP2 platform authenticator
// with resident keys and user verification). A new user registers a passkey at first
// sign-in, then signs in with "Use the passkey"; a forged signature is refused.
//
// WebAuthn needs a domain as relying party ID (not an IP address), so this spec moves the
// tenant's public base URL to http://localhost:<port> and restores it afterwards.
import { test, expect, type BrowserContext, type Page } from "@playwright/test";
import { OWNER, authFile } from "./support/accounts";
import { authLogEntries, authLogRows, protectLoopbackSp, type ProtectedApp } from "./support/applications";
import { alerts, field } from "./support/console";
import {
  createUsers,
  END_USER_PASSWORD,
  ensureDirectory,
  resetDirectory,
  GROUPS,
  removeApplications,
} from "./support/directory";
import { enterIdentifier, expectSignInPage, expectSpSignedIn, expectVerifyPage } from "./support/hosted-sign-in";
import { shot } from "./support/screenshots";
import { TestSp } from "./support/test-sp";

test.describe.configure({ mode: "serial" });

const APP = "Loopback Passkey App";
const USER = {
  username: "pia.passkey",
  email: "pia.passkey@e2e.example.com",
  realName: "Pia Passkey",
  password: END_USER_PASSWORD,
  groups: [GROUPS.staff],
};

let sp: TestSp;
let app: ProtectedApp;
let context: BrowserContext;
let page: Page;
let authenticatorId = "";
let cdp: Awaited<ReturnType<BrowserContext["newCDPSession"]>>;

const base = () => new URL(test.info().project.use.baseURL!);

async function setPublicBaseUrl(owner: Page, url: string) {
  await owner.goto("/admin/settings");
  await field(owner, "Public base URL").fill(url);
  await owner.getByRole("button", { name: "Save", exact: true }).click();
  await expect(owner.getByRole("main").getByRole("status")).toHaveText("Settings saved.");
}

test.beforeAll(async () => {
  await ensureDirectory();
  await createUsers([USER]);
  sp = await TestSp.start({ name: APP });
});

test.afterAll(async ({ browser }) => {
  await context?.close();
  await sp?.stop();
  await removeApplications([app?.id].filter((id): id is string => !!id));
  await resetDirectory();
  const owner = await browser.newContext({ storageState: authFile(OWNER.key) });
  await setPublicBaseUrl(await owner.newPage(), base().origin);
  await owner.close();
});

async function passwordStep() {
  await page.goto(sp.loginUrl());
  await expect(page).toHaveURL(/^http:\/\/localhost:\d+\/sso\/login/);
  await expectSignInPage(page, APP);
  await enterIdentifier(page, USER.username);
  await field(page, "Password").fill(USER.password);
  await page.getByRole("button", { name: "Log in", exact: true }).click();
}

test.describe("the administrator", () => {
  test.use({ storageState: authFile(OWNER.key) });
  test("serves the tenant at localhost and protects the SP", async ({ page: owner }) => {
    await setPublicBaseUrl(owner, `http://localhost:${base().port}`);
    app = await protectLoopbackSp(owner, sp, { name: APP });
    expect(app.ssoUrl).toMatch(/^http:\/\/localhost:\d+\/saml2\/idp\//);
  });
});

test("a new user registers a passkey at first sign-in, then lands at the SP", async ({ browser }) => {
  context = await browser.newContext();
  page = await context.newPage();
  cdp = await context.newCDPSession(page);
  await cdp.send("WebAuthn.enable", { enableUI: false });
  ({ authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  }));

  await passwordStep();
  await expect(page).toHaveURL(/\/sso\/enroll$/);
  await page.getByRole("radio", { name: /Passkey or security key/ }).check();
  await page.getByRole("button", { name: "Continue", exact: true }).click();
  await expect(page).toHaveURL(/\/sso\/enroll\?method=webauthn$/);
  await shot(page, "mfa-passkey-enrollment");
  await page.getByRole("button", { name: "Create a passkey" }).click();
  await expectSpSignedIn(page, sp, USER.username);
  expect(sp.lastSignIn?.matchedRequest).toBe(true);

  const { credentials } = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
  expect(credentials).toHaveLength(1);
  expect(credentials[0]!.rpId).toBe("localhost");
  expect(credentials[0]!.isResidentCredential).toBe(true);
});

test('signing in again: "Use the passkey" answers the second step', async () => {
  await context.clearCookies();
  await passwordStep();
  await expectVerifyPage(page);
  // Only the passkey was enrolled: no passcode field.
  await expect(page.getByLabel("Passcode")).toHaveCount(0);
  await shot(page, "mfa-passkey-verify");
  await page.getByRole("button", { name: "Use the passkey" }).click();
  await expectSpSignedIn(page, sp, USER.username);
  const { credentials } = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
  expect(credentials[0]!.signCount).toBeGreaterThanOrEqual(1);
});

test("a passkey answer with a forged signature is refused", async () => {
  await context.clearCookies();
  await passwordStep();
  await expectVerifyPage(page);
  await cdp.send("WebAuthn.setResponseOverrideBits", { authenticatorId, isBogusSignature: true });
  await page.getByRole("button", { name: "Use the passkey" }).click();
  await expect(alerts(page)).toHaveText("Your passkey could not be verified. Try again.");
  await expect(page).toHaveURL(/\/sso\/verify$/);
  await cdp.send("WebAuthn.setResponseOverrideBits", { authenticatorId, isBogusSignature: false });
  await page.getByRole("button", { name: "Use the passkey" }).click();
  await expectSpSignedIn(page, sp, USER.username);
});

test.describe("the Authentication Log", () => {
  test.use({ storageState: authFile(OWNER.key) });
  test("records the enrollment and each passkey answer", async ({ page: owner }) => {
    const rows = (await authLogEntries(await authLogRows(owner, app))).filter((r) => r.user === USER.username);
    expect(rows.map((r) => [r.result, r.reason, r.factor])).toEqual([
      ["Success", "Valid security key or passkey", "Security key or passkey"],
      ["Failure", "Security key or passkey not accepted", "Security key or passkey"],
      ["Success", "Valid security key or passkey", "Security key or passkey"],
      ["Success", "Enrolled an authenticator", "Security key or passkey"],
    ]);
  });
});
