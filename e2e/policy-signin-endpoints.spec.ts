// Seed 002 end to end: the Cisco Secure Endpoint integration set up through the console
// against the loopback fake, a device inventory with device certificates, the device check
// pointed at the e2e server's listener, and a custom policy with Trusted Endpoints "Require
// endpoints to be trusted" + "Allow Cisco Secure Endpoint to block compromised endpoints"
// applied to an application. Then real SP-initiated SAML sign-ins at a node-saml SP show
// every cell of seed 002's table, and the untrusted-device row, with what the user sees,
// what the SP receives and the Authentication Log's reason.
import { readFileSync } from "node:fs";
import { test, expect, type Browser, type Page } from "@playwright/test";
import { OWNER, authFile } from "./support/accounts";
import { authLogEntries, authLogRows, card, protectLoopbackSp, type ProtectedApp } from "./support/applications";
import { alerts, field, heading, submitAction } from "./support/console";
import {
  DEVICE_CHECK_PROXY_URL,
  DEVICE_CHECK_TLS_URL,
  presentThroughProxy,
  readBundle,
  type DeviceCredential,
} from "./support/device-check";
import {
  createUsers,
  END_USER_PASSWORD,
  ensureDirectory,
  GROUPS,
  removeApplications,
  resetDirectory,
  runScript,
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
import { fakeCisco, type FakeCisco } from "./support/fake-cisco";
import { shot } from "./support/screenshots";
import { TestSp } from "./support/test-sp";

test.describe.configure({ mode: "serial" });

const APP = "Loopback Device Trust App";
const POLICY = "E2E Trusted devices";
const INVENTORY = "E2E Signin laptops";
const USER = {
  username: "trudy.trusted",
  email: "trudy.trusted@e2e.example.com",
  realName: "Trudy Trusted",
  password: END_USER_PASSWORD,
  groups: [GROUPS.staff],
};
/** Devices: in the inventory and fine in Cisco; in the inventory and compromised; dropped from the inventory (identified, not trusted). */
const OK = "PSE-OK-1";
const BAD = "PSE-BAD-1";
const GONE = "PSE-GONE-1";

let cisco: FakeCisco;
let sp: TestSp;
let app: ProtectedApp;
const devices: Record<string, DeviceCredential> = {};
let inventoryUrl = "";

test.beforeAll(async () => {
  await ensureDirectory();
  await createUsers([{ ...USER, totpSecret: testTotpSecret(USER.username) }]);
  cisco = await fakeCisco();
  cisco.addComputer(OK.toLowerCase());
  cisco.addComputer(BAD.toLowerCase(), { compromised: true });
  cisco.addComputer(GONE.toLowerCase(), { compromised: true });
  sp = await TestSp.start({ name: APP });
});

test.afterAll(async () => {
  await sp?.stop();
  await cisco?.close();
  await removeApplications([app?.id].filter((id): id is string => !!id));
  await runScript({ resetEndpoints: true });
  await resetDirectory();
});

/** A section of the policy editor by its heading. */
const section = (page: Page, title: string) =>
  page.locator("section").filter({ has: page.getByRole("heading", { level: 2, name: title, exact: true }) });
const save = (page: Page) => page.getByRole("button", { name: /^(Save Policy|Create Policy)$/ });

test.describe("the Owner, following seed 002", () => {
  test.use({ storageState: authFile(OWNER.key) });

  test("protects the SP", async ({ page }) => {
    app = await protectLoopbackSp(page, sp, { name: APP });
  });

  test("adds a device inventory, issues device certificates and points the device check at the listener", async ({
    page,
  }) => {
    await page.goto("/admin/trusted-endpoints/add");
    await page.getByRole("tabpanel").getByRole("link", { name: "Add this integration: Device inventory" }).click();
    await field(page, "Name").fill(INVENTORY);
    await submitAction(page, page.getByRole("button", { name: "Add integration" }));
    await page.getByRole("link", { name: "Continue to the integration" }).click();
    await expect(heading(page, INVENTORY)).toBeVisible();
    inventoryUrl = page.url();
    await submitAction(page, page.getByRole("switch", { name: "Enabled" }));
    await expect(page.getByRole("switch", { name: "Enabled" })).toHaveAttribute("aria-checked", "true");

    // One certificate per device (issuing adds the device to this inventory).
    for (const deviceId of [OK, BAD, GONE]) {
      await page.goto(inventoryUrl);
      await field(page, "Device ID").fill(deviceId);
      await submitAction(page, page.getByRole("button", { name: "Issue certificate" }));
      const issued = page.getByTestId("issued-certificate");
      await expect(issued).toContainText(`Certificate issued for ${deviceId}.`);
      const password = await issued.getByLabel("Bundle password", { exact: true }).inputValue();
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        issued.getByRole("link", { name: `Download ${deviceId}.p12` }).click(),
      ]);
      devices[deviceId] = readBundle(deviceId, readFileSync((await download.path())!), password);
    }
    // The management tool drops GONE from the inventory: it keeps its certificate but is no longer trusted.
    await page.goto(inventoryUrl);
    await field(page, "Or enter device identifiers").fill(`${OK}\n${BAD}`);
    await submitAction(page, page.getByRole("button", { name: "Replace inventory" }));
    await expect(page.getByText("2 devices in this inventory.")).toBeVisible();

    // Device identity: the device check URL (the proxy port) and the trusted proxy (the test, on loopback).
    await page.goto("/admin/trusted-endpoints");
    await field(page, "Device check URL").fill(DEVICE_CHECK_PROXY_URL);
    await field(page, "Trusted proxy addresses").fill("127.0.0.1");
    await submitAction(page, page.getByRole("button", { name: "Save device identity settings" }));
    await expect(
      page.getByRole("main").getByRole("status").filter({ hasText: "Device identity settings saved." }),
    ).toBeVisible();
  });

  test("creates, tests, saves and enables the Cisco Secure Endpoint integration", async ({ page }) => {
    // 1-4. Trusted Endpoints > Add Integration > Endpoint Detection & Response Systems > Cisco Secure Endpoint.
    await page.goto("/admin");
    await page
      .getByRole("navigation", { name: "Console" })
      .getByRole("link", { name: "Trusted Endpoints", exact: true })
      .click();
    await page
      .getByRole("link", { name: /^(Get started|Add Integration)$/ })
      .first()
      .click();
    await expect(heading(page, "Add Management Tools Integration")).toBeVisible();
    await page.getByRole("tab", { name: "Endpoint Detection & Response Systems" }).click();
    await page.getByRole("tabpanel").getByRole("link", { name: "Add this integration: Cisco Secure Endpoint" }).click();
    await expect(heading(page, "Cisco Secure Endpoint")).toBeVisible();
    // 6-7. Client ID and API Key (the fake's), its base URL under Advanced.
    await field(page, "Client ID").fill(cisco.clientId);
    await field(page, "API Key").fill(cisco.apiKey);
    await page.getByText("Advanced").click();
    await field(page, "API base URL").fill(cisco.url);
    // 8. Test Integration fills Hostname.
    await submitAction(page, page.getByRole("button", { name: "Test Integration" }));
    await expect(field(page, "Hostname")).toHaveValue(new URL(cisco.url).host);
    // 9. Save Integration. 10. Enabled.
    await submitAction(page, page.getByRole("button", { name: "Save Integration" }));
    await expect(page.getByRole("main").getByRole("status").filter({ hasText: "saved" })).toHaveText(
      "Cisco Secure Endpoint integration saved.",
    );
    await submitAction(page, page.getByRole("switch", { name: "Enabled" }));
    await expect(page.getByRole("switch", { name: "Enabled" })).toHaveAttribute("aria-checked", "true");
  });

  test("configures the policy: Require endpoints to be trusted + Allow Cisco Secure Endpoint to block compromised endpoints", async ({
    page,
  }) => {
    // A custom policy applied to the application (seed 002 step 1: global or custom).
    await page.goto("/admin/policies/new");
    await field(page, "Policy name").fill(POLICY);
    // 2. Trusted Endpoints in the policy editor.
    const te = section(page, "Trusted Endpoints");
    await te.getByLabel("Set Trusted Endpoints in this policy").check();
    // 3. Require endpoints to be trusted, and the Cisco Secure Endpoint checkbox; save.
    await te
      .getByRole("group", { name: "Trusted Endpoints policy", exact: true })
      .getByLabel("Require endpoints to be trusted")
      .check();
    await te.getByLabel("Allow Cisco Secure Endpoint to block compromised endpoints").check();
    await save(page).click();
    await expect(page).toHaveURL(/\/admin\/policies\/[^/?]+\?created=1$/);
    await expect(heading(page, POLICY)).toBeVisible();
    await shot(page, "policy-signin-trusted-endpoints-policy");

    await page.goto(`/admin/applications/${app.id}`);
    const panel = card(page, "Policy");
    await panel.getByRole("button", { name: "Apply a policy" }).click();
    await field(panel, "Policy for the whole application").selectOption({ label: POLICY });
    await panel.getByRole("button", { name: "Apply Policy" }).click();
    await expect(panel.getByRole("status").filter({ hasText: "Policy applied to the application." })).toBeVisible();
    const effective = page.locator('[data-testid="effective-row"][data-section="Trusted Endpoints"]');
    await expect(effective).toContainText("Require endpoints to be trusted");
    await expect(effective).toContainText("Allow Cisco Secure Endpoint to block compromised endpoints");
  });
});

/** Password step of an SP-initiated sign-in; the browser then goes through the device check (recorded). */
async function passwordStep(page: Page): Promise<string[]> {
  const visited: string[] = [];
  page.on("request", (r) => {
    if (r.isNavigationRequest() && r.url().startsWith(DEVICE_CHECK_PROXY_URL.slice(0, -5))) visited.push(r.url());
  });
  await page.goto(sp.loginUrl());
  await expectSignInPage(page, APP);
  await enterIdentifier(page, USER.username);
  await field(page, "Password").fill(USER.password);
  await page.getByRole("button", { name: "Log in", exact: true }).click();
  return visited;
}

async function expectAllowed(page: Page, visited: string[]) {
  const before = sp.signIns.length;
  await expectVerifyPage(page);
  expect(
    visited.some((u) => u.includes("/device-check?b=")),
    "the browser went through the device check",
  ).toBe(true);
  await enterPasscode(page, await endUserPasscode(USER.username));
  await expectSpSignedIn(page, sp, USER.username);
  expect(sp.signIns.length).toBe(before + 1);
}

async function expectBlocked(page: Page, title: string, body: string) {
  const before = sp.signIns.length;
  await expect(page).toHaveURL(/\/sso\/error\?reason=/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.getByTestId("sso-error")).toHaveText(body);
  expect(sp.signIns.length, "the SP received no Response").toBe(before);
}

async function lastLogRow(browser: Browser) {
  const admin = await browser.newContext({ storageState: authFile(OWNER.key) });
  const page = await admin.newPage();
  const rows = (await authLogEntries(await authLogRows(page, app))).filter((r) => r.user === USER.username);
  await admin.close();
  return rows[0]!;
}

const COMPROMISED = {
  title: "Device compromised",
  body: `Access to ${APP} is blocked because Cisco Secure Endpoint reports this device as compromised. Please contact your IT help desk.`,
};
const UNTRUSTED = {
  title: "Device not trusted",
  body: `${APP} can only be used from a trusted device, and this device is not identified as one. Please contact your IT help desk.`,
};

test.describe("seed 002's table with Require endpoints to be trusted", () => {
  test("trusted and not compromised: access allowed, the SP gets a Response", async ({ page, browser }) => {
    await presentThroughProxy(page, devices[OK]!);
    const visited = await passwordStep(page);
    await expectAllowed(page, visited);
    const row = await lastLogRow(browser);
    expect([row.result, row.reason]).toEqual(["Success", "Valid passcode"]);
    // Cisco Secure Endpoint was asked about this computer.
    expect(cisco.requests.some((r) => /hostname/.test(r) && /PSE-OK-1/i.test(decodeURIComponent(r)))).toBe(true);
  });

  test("trusted and compromised: access blocked (Device compromised, endpoint_compromised)", async ({
    page,
    browser,
  }) => {
    await presentThroughProxy(page, devices[BAD]!);
    await passwordStep(page);
    await expectBlocked(page, COMPROMISED.title, COMPROMISED.body);
    await shot(page, "policy-signin-device-compromised");
    const row = await lastLogRow(browser);
    expect([row.result, row.reason]).toEqual(["Denied", "Endpoint compromised (Cisco Secure Endpoint)"]);
  });

  test("not identified as trusted: blocked regardless of Cisco Secure Endpoint (endpoint_not_trusted)", async ({
    page,
    browser,
  }) => {
    // Dropped from the inventory (Cisco says compromised: still "not trusted").
    await presentThroughProxy(page, devices[GONE]!);
    await passwordStep(page);
    await expectBlocked(page, UNTRUSTED.title, UNTRUSTED.body);
    expect((await lastLogRow(browser)).reason).toBe("Endpoint not trusted");

    // No certificate at all.
    await page.context().clearCookies();
    await presentThroughProxy(page, null);
    await passwordStep(page);
    await expectBlocked(page, UNTRUSTED.title, UNTRUSTED.body);
    await shot(page, "policy-signin-device-not-trusted");
    expect((await lastLogRow(browser)).reason).toBe("Endpoint not trusted");
  });

  test("the certificate presented directly to the HTTPS device check identifies the device too", async ({
    browser,
  }) => {
    const context = await browser.newContext({
      ignoreHTTPSErrors: true,
      clientCertificates: [
        { origin: DEVICE_CHECK_TLS_URL, pfx: devices[OK]!.pfx, passphrase: devices[OK]!.passphrase },
      ],
    });
    const admin = await browser.newContext({ storageState: authFile(OWNER.key) });
    const adminPage = await admin.newPage();
    await adminPage.goto("/admin/trusted-endpoints");
    await field(adminPage, "Device check URL").fill(DEVICE_CHECK_TLS_URL);
    await submitAction(adminPage, adminPage.getByRole("button", { name: "Save device identity settings" }));
    await expect(
      adminPage.getByRole("main").getByRole("status").filter({ hasText: "Device identity settings saved." }),
    ).toBeVisible();
    try {
      await new Promise((r) => setTimeout(r, 5_500)); // the server caches these settings for 5 s
      const page = await context.newPage();
      const visited: string[] = [];
      page.on("request", (r) => {
        if (r.isNavigationRequest() && r.url().startsWith(DEVICE_CHECK_TLS_URL)) visited.push(r.url());
      });
      await page.goto(sp.loginUrl());
      await enterIdentifier(page, USER.username);
      await field(page, "Password").fill(USER.password);
      await page.getByRole("button", { name: "Log in", exact: true }).click();
      await expectVerifyPage(page);
      expect(visited.length).toBeGreaterThan(0);
      await enterPasscode(page, await endUserPasscode(USER.username));
      await expectSpSignedIn(page, sp, USER.username);
    } finally {
      await adminPage.goto("/admin/trusted-endpoints");
      await field(adminPage, "Device check URL").fill(DEVICE_CHECK_PROXY_URL);
      await submitAction(adminPage, adminPage.getByRole("button", { name: "Save device identity settings" }));
      await expect(
        adminPage.getByRole("main").getByRole("status").filter({ hasText: "Device identity settings saved." }),
      ).toBeVisible();
      await admin.close();
      await context.close();
      await new Promise((r) => setTimeout(r, 5_500));
    }
  });
});

test.describe("seed 002's table with Allow all endpoints", () => {
  test("the Owner switches the policy to Allow all endpoints", async ({ browser }) => {
    const admin = await browser.newContext({ storageState: authFile(OWNER.key) });
    const page = await admin.newPage();
    await page.goto("/admin/policies");
    await page.getByRole("link", { name: POLICY, exact: true }).click();
    const te = section(page, "Trusted Endpoints");
    await te
      .getByRole("group", { name: "Trusted Endpoints policy", exact: true })
      .getByLabel("Allow all endpoints")
      .check();
    await save(page).click();
    await expect(page.getByRole("main").getByRole("status").filter({ hasText: "Policy saved." })).toBeVisible();
    await expect(alerts(page)).toHaveCount(0);
    await admin.close();
  });

  test("compromised: access allowed", async ({ page }) => {
    await presentThroughProxy(page, devices[BAD]!);
    await passwordStep(page);
    const before = sp.signIns.length;
    await expectVerifyPage(page);
    await enterPasscode(page, await endUserPasscode(USER.username));
    await expectSpSignedIn(page, sp, USER.username);
    expect(sp.signIns.length).toBe(before + 1);
  });

  test("not compromised: access allowed", async ({ page, browser }) => {
    await presentThroughProxy(page, devices[OK]!);
    await passwordStep(page);
    await expectVerifyPage(page);
    await enterPasscode(page, await endUserPasscode(USER.username));
    await expectSpSignedIn(page, sp, USER.username);
    const row = await lastLogRow(browser);
    expect([row.result, row.reason]).toEqual(["Success", "Valid passcode"]);
  });
});
