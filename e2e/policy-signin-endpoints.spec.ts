// Seed 002 end to end: the Cisco Secure Endpoint integration set up through the console
// against the loopback fake, a device inventory with device certificates, the device check
// pointed at the e2e server's listener, and a custom policy with Trusted Endpoints "Require
// endpoints to be trusted" + "Allow Cisco Secure Endpoint to block compromised endpoints"
// applied to an application. Then real SP-initiated SAML sign-ins at a node-saml SP show
// every cell of seed 002's table, and the untrusted-device row, with what the user sees,
// what the SP receives and the Authentication Log's reason.
//
// The Cisco Secure Endpoint integration and the device identity settings are the tenant's
// one each: this test holds the trusted-endpoints lock (no other test that changes them runs
// meanwhile) and removes what it added.
import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { test, expect, LOCKS } from "./support/fixtures";
import { authLogEntries, authLogRows, card, type ProtectedApp } from "./support/applications";
import { alerts, field, heading, submitAction } from "./support/console";
import {
  DEVICE_CHECK_PROXY_URL,
  DEVICE_CHECK_TLS_URL,
  presentThroughProxy,
  readBundle,
  type DeviceCredential,
} from "./support/device-check";
import {
  enterIdentifier,
  enterPasscode,
  expectSignInPage,
  expectSpSignedIn,
  expectVerifyPage,
  type EndUser,
} from "./support/hosted-sign-in";
import { fakeCisco } from "./support/fake-cisco";
import { shot } from "./support/screenshots";
import type { TestSp } from "./support/test-sp";

/** A section of the policy editor by its heading. */
const section = (page: Page, title: string) =>
  page.locator("section").filter({ has: page.getByRole("heading", { level: 2, name: title, exact: true }) });
const save = (page: Page) => page.getByRole("button", { name: /^(Save Policy|Create Policy)$/ });

async function saveDeviceIdentity(page: Page, values: { deviceCheckUrl: string; trustedProxies?: string }) {
  await page.goto("/admin/trusted-endpoints");
  await field(page, "Device check URL").fill(values.deviceCheckUrl);
  if (values.trustedProxies !== undefined) await field(page, "Trusted proxy addresses").fill(values.trustedProxies);
  await submitAction(page, page.getByRole("button", { name: "Save device identity settings" }));
  await expect(
    page.getByRole("main").getByRole("status").filter({ hasText: "Device identity settings saved." }),
  ).toBeVisible();
}

/** Password step of an SP-initiated sign-in; the browser then goes through the device check (recorded). */
async function passwordStep(
  page: Page,
  sp: TestSp,
  app: ProtectedApp,
  user: EndUser,
  checkUrl = DEVICE_CHECK_PROXY_URL,
) {
  const visited: string[] = [];
  page.on("request", (r) => {
    if (r.isNavigationRequest() && r.url().startsWith(checkUrl)) visited.push(r.url());
  });
  await page.goto(sp.loginUrl());
  await expectSignInPage(page, app.name);
  await enterIdentifier(page, user.username);
  await field(page, "Password").fill(user.password);
  await page.getByRole("button", { name: "Log in", exact: true }).click();
  return visited;
}

async function expectAllowed(page: Page, sp: TestSp, user: EndUser, visited: string[]) {
  const before = sp.signIns.length;
  await expectVerifyPage(page);
  expect(
    visited.some((u) => u.includes("/device-check?b=")),
    "the browser went through the device check",
  ).toBe(true);
  await enterPasscode(page, user.totp!.next());
  await expectSpSignedIn(page, sp, user.username);
  expect(sp.signIns.length).toBe(before + 1);
}

async function expectBlocked(page: Page, sp: TestSp, title: string, body: string) {
  const before = sp.signIns.length;
  await expect(page).toHaveURL(/\/sso\/error\?reason=/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.getByTestId("sso-error")).toHaveText(body);
  expect(sp.signIns.length, "the SP received no Response").toBe(before);
}

test(
  "seed 002: Require endpoints to be trusted with Cisco Secure Endpoint blocking compromised endpoints, then Allow all endpoints",
  LOCKS.trustedEndpoints,
  async ({ browser, freshPage, tenant, consoleAs }) => {
    test.slow();
    const owner = await consoleAs("Owner");
    const cisco = await fakeCisco();
    tenant.afterwards(() => cisco.close());
    // Devices: in the inventory and fine in Cisco; in the inventory and compromised; dropped from the inventory (identified, not trusted).
    const OK = tenant.id("PSE-OK");
    const BAD = tenant.id("PSE-BAD");
    const GONE = tenant.id("PSE-GONE");
    cisco.addComputer(OK.toLowerCase());
    cisco.addComputer(BAD.toLowerCase(), { compromised: true });
    cisco.addComputer(GONE.toLowerCase(), { compromised: true });
    tenant.forgetEndpointsAfterwards(OK, BAD, GONE);
    const INVENTORY = tenant.name("E2E Signin laptops");
    const POLICY = tenant.name("E2E Trusted devices");
    tenant.forgetPoliciesAfterwards(POLICY);
    tenant.forgetIntegrationsAfterwards({ kinds: ["CISCO_SECURE_ENDPOINT"] });

    const sp = await tenant.sp({ name: "Loopback Device Trust App" });
    const app = await tenant.app(sp);
    const APP = app.name;
    const devices: Record<string, DeviceCredential> = {};

    await test.step("the Owner adds a device inventory, issues device certificates and points the device check at the listener", async () => {
      const page = owner;
      await page.goto("/admin/trusted-endpoints/add");
      await page.getByRole("tabpanel").getByRole("link", { name: "Add this integration: Device inventory" }).click();
      await field(page, "Name").fill(INVENTORY);
      await submitAction(page, page.getByRole("button", { name: "Add integration" }));
      await page.getByRole("link", { name: "Continue to the integration" }).click();
      await expect(heading(page, INVENTORY)).toBeVisible();
      const inventoryUrl = page.url();
      tenant.forgetIntegrationsAfterwards({ ids: [inventoryUrl.split("/").pop()!] });
      // Clean-ups run last first: the settings are put back while the inventory (and with it
      // the overview's device identity form) still exists.
      tenant.afterwards(() => saveDeviceIdentity(owner, { deviceCheckUrl: "", trustedProxies: "" }));
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
      await saveDeviceIdentity(page, { deviceCheckUrl: DEVICE_CHECK_PROXY_URL, trustedProxies: "127.0.0.1" });
    });

    await test.step("the Owner creates, tests, saves and enables the Cisco Secure Endpoint integration", async () => {
      const page = owner;
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
      await page
        .getByRole("tabpanel")
        .getByRole("link", { name: "Add this integration: Cisco Secure Endpoint" })
        .click();
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

    await test.step("the Owner configures the policy: Require endpoints to be trusted + Allow Cisco Secure Endpoint to block compromised endpoints", async () => {
      const page = owner;
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

    const lastLogRow = async (user: EndUser) =>
      (await authLogEntries(await authLogRows(owner, app))).filter((r) => r.user === user.username)[0]!;
    const COMPROMISED = {
      title: "Device compromised",
      body: `Access to ${APP} is blocked because Cisco Secure Endpoint reports this device as compromised. Please contact your IT help desk.`,
    };
    const UNTRUSTED = {
      title: "Device not trusted",
      body: `${APP} can only be used from a trusted device, and this device is not identified as one. Please contact your IT help desk.`,
    };

    await test.step("trusted and not compromised: access allowed, the SP gets a Response", async () => {
      const user = await tenant.user({ name: "trudy.trusted" });
      const page = await freshPage();
      await presentThroughProxy(page, devices[OK]!);
      await expectAllowed(page, sp, user, await passwordStep(page, sp, app, user));
      const row = await lastLogRow(user);
      expect([row.result, row.reason]).toEqual(["Success", "Valid passcode"]);
      // Cisco Secure Endpoint was asked about this computer.
      expect(
        cisco.requests.some(
          (r) => /hostname/.test(r) && decodeURIComponent(r).toLowerCase().includes(OK.toLowerCase()),
        ),
      ).toBe(true);
    });

    await test.step("trusted and compromised: access blocked (Device compromised, endpoint_compromised)", async () => {
      const user = await tenant.user({ name: "trudy.compromised" });
      const page = await freshPage();
      await presentThroughProxy(page, devices[BAD]!);
      await passwordStep(page, sp, app, user);
      await expectBlocked(page, sp, COMPROMISED.title, COMPROMISED.body);
      await shot(page, "policy-signin-device-compromised");
      const row = await lastLogRow(user);
      expect([row.result, row.reason]).toEqual(["Denied", "Endpoint compromised (Cisco Secure Endpoint)"]);
    });

    await test.step("not identified as trusted: blocked regardless of Cisco Secure Endpoint (endpoint_not_trusted)", async () => {
      const user = await tenant.user({ name: "trudy.untrusted" });
      // Dropped from the inventory (Cisco says compromised: still "not trusted").
      const page = await freshPage();
      await presentThroughProxy(page, devices[GONE]!);
      await passwordStep(page, sp, app, user);
      await expectBlocked(page, sp, UNTRUSTED.title, UNTRUSTED.body);
      expect((await lastLogRow(user)).reason).toBe("Endpoint not trusted");

      // No certificate at all.
      await page.context().clearCookies();
      await presentThroughProxy(page, null);
      await passwordStep(page, sp, app, user);
      await expectBlocked(page, sp, UNTRUSTED.title, UNTRUSTED.body);
      await shot(page, "policy-signin-device-not-trusted");
      expect((await lastLogRow(user)).reason).toBe("Endpoint not trusted");
    });

    await test.step("the certificate presented directly to the HTTPS device check identifies the device too", async () => {
      const user = await tenant.user({ name: "trudy.tls" });
      const context = await browser.newContext({
        ignoreHTTPSErrors: true,
        clientCertificates: [
          { origin: DEVICE_CHECK_TLS_URL, pfx: devices[OK]!.pfx, passphrase: devices[OK]!.passphrase },
        ],
      });
      // Saving the settings drops the server's cached copy at once: the next sign-in uses them.
      await saveDeviceIdentity(owner, { deviceCheckUrl: DEVICE_CHECK_TLS_URL });
      const page = await context.newPage();
      const visited = await passwordStep(page, sp, app, user, DEVICE_CHECK_TLS_URL);
      await expectVerifyPage(page);
      expect(visited.length).toBeGreaterThan(0);
      await enterPasscode(page, user.totp!.next());
      await expectSpSignedIn(page, sp, user.username);
      await context.close();
      await saveDeviceIdentity(owner, { deviceCheckUrl: DEVICE_CHECK_PROXY_URL });
    });

    await test.step("the Owner switches the policy to Allow all endpoints", async () => {
      const page = owner;
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
    });

    await test.step("Allow all endpoints, compromised: access allowed", async () => {
      const user = await tenant.user({ name: "alma.compromised" });
      const page = await freshPage();
      await presentThroughProxy(page, devices[BAD]!);
      await passwordStep(page, sp, app, user);
      const before = sp.signIns.length;
      await expectVerifyPage(page);
      await enterPasscode(page, user.totp!.next());
      await expectSpSignedIn(page, sp, user.username);
      expect(sp.signIns.length).toBe(before + 1);
    });

    await test.step("Allow all endpoints, not compromised: access allowed", async () => {
      const user = await tenant.user({ name: "alma.fine" });
      const page = await freshPage();
      await presentThroughProxy(page, devices[OK]!);
      await passwordStep(page, sp, app, user);
      await expectVerifyPage(page);
      await enterPasscode(page, user.totp!.next());
      await expectSpSignedIn(page, sp, user.username);
      const row = await lastLogRow(user);
      expect([row.result, row.reason]).toEqual(["Success", "Valid passcode"]);
    });
  },
);
