// Management Tools: a device inventory integration added through Add Integration, enabled,
// filled by an upload, replaced by the management tool through the device API, a device
// certificate issued as a PKCS#12 download, and the Endpoints list showing the result.
// Device IDs start with a tag of the test, so that the tests' endpoints never meet.
import { readFileSync } from "node:fs";
import forge from "node-forge";
import type { APIRequestContext, Page } from "@playwright/test";
import { test, expect, LOCKS, type TestTenant } from "./support/fixtures";
import { OWNER, ROLE_ACCOUNTS, authFile } from "./support/accounts";
import { expectFieldError, field, heading, submitAction } from "./support/console";
import { shot } from "./support/screenshots";

test.use({ storageState: authFile(OWNER.key) });

const endpointRows = (page: Page) => page.getByTestId("endpoint-row");
const row = (page: Page, deviceId: string) => endpointRows(page).filter({ hasText: deviceId });
const integrationPath = (id: string) => `/admin/trusted-endpoints/integrations/${id}`;

/** Device IDs of this test: "<tag>-LAPTOP-0001" …, removed with their endpoints when it ends. */
function devices<const N extends readonly string[]>(tenant: TestTenant, ...names: N): { [K in keyof N]: string } {
  const tag = tenant.id("E2E");
  const ids = names.map((n) => `${tag}-${n}`);
  tenant.forgetEndpointsAfterwards(...ids);
  return ids as { [K in keyof N]: string };
}

/** The management tool's call: replace the inventory's devices through the device API. */
function putDevices(request: APIRequestContext, integrationId: string, token: string, list: object[]) {
  return request.put(`/api/v1/trusted-endpoints/${integrationId}/devices`, {
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    data: { devices: list },
  });
}

test("add a device inventory integration; its device API token is shown once", async ({ page, tenant }) => {
  const NAME = tenant.name("Corporate laptops");
  await page.goto("/admin/trusted-endpoints");
  await page
    .getByRole("link", { name: /^(Get started|Add Integration)$/ })
    .first()
    .click();
  await expect(heading(page, "Add Management Tools Integration")).toBeVisible();
  await expect(page.getByRole("tab", { name: "Management Tools" })).toHaveAttribute("aria-selected", "true");
  await page.getByRole("tabpanel").getByRole("link", { name: "Add this integration: Device inventory" }).click();
  await expect(heading(page, "Device inventory")).toBeVisible();

  await field(page, "Name").fill("");
  await submitAction(page, page.getByRole("button", { name: "Add integration" }));
  await expectFieldError(field(page, "Name"), "Enter a name.");

  await field(page, "Name").fill(NAME);
  await submitAction(page, page.getByRole("button", { name: "Add integration" }));
  const tokenField = page.getByLabel("Device API token", { exact: true });
  await expect(tokenField).toHaveValue(/^pcte_[A-Za-z0-9_-]{43}$/);
  const token = await tokenField.inputValue();
  await page.getByRole("link", { name: "Continue to the integration" }).click();
  await expect(heading(page, NAME)).toBeVisible();
  tenant.forgetIntegrationsAfterwards({ ids: [page.url().split("/").pop()!] });
  // Shown once: the integration page has the API URL but not the token.
  expect(await page.content()).not.toContain(token);

  const toggle = page.getByRole("switch", { name: "Enabled" });
  await expect(toggle).toHaveAttribute("aria-checked", "false");
  await submitAction(page, toggle);
  await expect(page.getByRole("switch", { name: "Enabled" })).toHaveAttribute("aria-checked", "true");
});

test("upload an inventory file; a bad file is refused beside the field and changes nothing", async ({
  page,
  tenant,
}) => {
  const inventory = await tenant.inventory("Corporate laptops");
  const [l1, l2, m3] = devices(tenant, "LAPTOP-0001", "LAPTOP-0002", "MAC-0003");
  await page.goto(integrationPath(inventory.id));
  const csv = `device_id,hostname,os,owner,serial_number\n${l1},laptop-0001,Windows 11,,SN-1\n${l2},laptop-0002,Windows 11,,SN-2\n${m3},mac-0003,macOS 15,,SN-3\n`;
  await field(page, "Inventory file").setInputFiles({
    name: "inventory.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(csv),
  });
  await submitAction(page, page.getByRole("button", { name: "Replace inventory" }));
  await expect(page.getByRole("main").getByRole("status").filter({ hasText: "Inventory replaced" })).toHaveText(
    "Inventory replaced: 3 devices (3 added, 0 kept, 0 removed).",
  );
  await expect(page.getByText("3 devices in this inventory.")).toBeVisible();

  await field(page, "Inventory file").setInputFiles({
    name: "broken.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`device_id\n${l1}\nnot a device id\n`),
  });
  await submitAction(page, page.getByRole("button", { name: "Replace inventory" }));
  await expectFieldError(
    field(page, "Inventory file"),
    "Line 3: A device identifier uses letters, digits and . _ : @ - (starting with a letter or digit), at most 128 characters.",
  );
  await expect(page.getByText("3 devices in this inventory.")).toBeVisible();

  await field(page, "Inventory file").setInputFiles({
    name: "devices.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from("%PDF"),
  });
  await submitAction(page, page.getByRole("button", { name: "Replace inventory" }));
  await expectFieldError(field(page, "Inventory file"), "Upload a .csv or .txt file.");
});

test("the management tool replaces the inventory through the device API; the Endpoints list shows device, OS, owner, trusting integration, EDR status and last seen", async ({
  page,
  request,
  tenant,
}) => {
  const inventory = await tenant.inventory("Corporate laptops");
  const [l1, l2, m3, m4] = devices(tenant, "LAPTOP-0001", "LAPTOP-0002", "MAC-0003", "MAC-0004");
  const url = `/api/v1/trusted-endpoints/${inventory.id}/devices`;
  await page.goto(integrationPath(inventory.id));
  await expect(page.getByLabel("Device API URL", { exact: true })).toHaveValue(new RegExp(`${url}$`));

  const first = await putDevices(request, inventory.id, inventory.token, [
    { deviceId: l1, hostname: "laptop-0001", os: "Windows 11" },
    { deviceId: l2, hostname: "laptop-0002", os: "Windows 11" },
    { deviceId: m3, hostname: "mac-0003", os: "macOS 15" },
  ]);
  expect(await first.json()).toEqual({ total: 3, added: 3, updated: 0, removed: 0, unknownOwners: [] });

  const wrong = await putDevices(request, inventory.id, "pcte_wrong", []);
  expect(wrong.status()).toBe(401);
  expect(await wrong.json()).toEqual({ error: { code: "unauthenticated", message: expect.any(String) } });

  const invalid = await putDevices(request, inventory.id, inventory.token, [{ deviceId: "bad id" }]);
  expect(invalid.status()).toBe(400);
  expect((await invalid.json()).error.details[0].path).toBe("devices.0.deviceId");

  const ok = await putDevices(request, inventory.id, inventory.token, [
    { deviceId: l2, hostname: "laptop-0002", os: "Windows 11" },
    { deviceId: m4, hostname: "mac-0004", os: "macOS 15" },
  ]);
  expect(ok.status()).toBe(200);
  expect(await ok.json()).toEqual({ total: 2, added: 1, updated: 1, removed: 2, unknownOwners: [] });

  await page.reload();
  await expect(page.getByText("2 devices in this inventory.")).toBeVisible();
  await page.getByRole("link", { name: "View 2 endpoints" }).click();
  await expect(heading(page, "Trusted Endpoints")).toBeVisible();
  await expect(endpointRows(page)).toHaveCount(2);
  await expect(row(page, m4)).toContainText(inventory.name);

  await page.goto("/admin/trusted-endpoints");
  const table = page.getByRole("table", { name: "Endpoints" });
  await expect(table.getByRole("columnheader")).toHaveText([
    "Device",
    "OS",
    "Owner",
    "Trusted by",
    "Cisco Secure Endpoint",
    "Last seen",
  ]);
  const prefix = m4.slice(0, m4.indexOf("-MAC-") + 5);
  await page.getByRole("searchbox", { name: "Search endpoints" }).fill(prefix);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/q=/);
  // Both Macs are listed: one still in the inventory, one dropped by the device API.
  await expect(endpointRows(page)).toHaveCount(2);
  await expect(row(page, m4)).toContainText("macOS 15");
  await expect(row(page, m4)).toContainText(inventory.name);
  await expect(row(page, m4)).toContainText("Not checked");
  await expect(row(page, m4)).toContainText("Never");
  await expect(row(page, m3)).toContainText("Not trusted");
  await page.goto(`/admin/trusted-endpoints?q=${encodeURIComponent(l1)}`);
  await expect(row(page, l1)).toContainText("Not trusted");
  await page.goto("/admin/trusted-endpoints");
  await shot(page, "trusted-endpoints-overview");
});

test("issue a device certificate as a PKCS#12 download with a one-time password", async ({ page, tenant }) => {
  const inventory = await tenant.inventory("Corporate laptops");
  const [device] = devices(tenant, "LAPTOP-E2E-1");
  await page.goto(integrationPath(inventory.id));
  await field(page, "Device ID").fill(device);
  await expect(page.getByRole("radio", { name: /Generate a key and certificate/ })).toBeChecked();
  await submitAction(page, page.getByRole("button", { name: "Issue certificate" }));
  const issued = page.getByTestId("issued-certificate");
  await expect(issued).toContainText(`Certificate issued for ${device}.`);
  const password = await issued.getByLabel("Bundle password", { exact: true }).inputValue();
  expect(password).toMatch(/^[A-Za-z0-9]{20}$/);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    issued.getByRole("link", { name: `Download ${device}.p12` }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`${device}.p12`);
  const der = readFileSync((await download.path())!);
  const p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(der.toString("binary")), password);
  const certs = p12.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!]!;
  expect(certs[0]!.cert!.subject.getField("CN").value).toBe(device);
  expect(
    p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag! })[forge.pki.oids.pkcs8ShroudedKeyBag!],
  ).toHaveLength(1);
  await shot(page, "trusted-endpoints-certificate-issued");

  // Listed as valid; revoking it asks first, then marks it revoked.
  await page.reload();
  const cert = page.locator(`[data-testid="device-certificate"][data-device="${device}"]`);
  await expect(cert).toContainText("Valid");
  page.once("dialog", (d) => void d.accept());
  await submitAction(page, cert.getByRole("button", { name: `Revoke certificate of ${device}` }));
  await expect(page.locator(`[data-testid="device-certificate"][data-device="${device}"]`)).toContainText("Revoked");

  // The device is in the Endpoints list, trusted by the inventory.
  await page.goto(`/admin/trusted-endpoints?q=${encodeURIComponent(device)}`);
  await expect(row(page, device)).toContainText(inventory.name);

  // A device ID that is not valid is refused beside the field.
  await page.goto(integrationPath(inventory.id));
  await field(page, "Device ID").fill("has spaces");
  await submitAction(page, page.getByRole("button", { name: "Issue certificate" }));
  await expectFieldError(
    field(page, "Device ID"),
    "A device identifier uses letters, digits and . _ : @ - (starting with a letter or digit), at most 128 characters.",
  );
});

test(
  "device identity settings: trusted proxies are validated beside the field",
  LOCKS.trustedEndpoints,
  async ({ page, tenant }) => {
    // The overview has these settings once the tenant has an integration (before, an introduction).
    await tenant.inventory("Corporate laptops");
    await page.goto("/admin/trusted-endpoints");
    const before = {
      deviceCheckUrl: await field(page, "Device check URL").inputValue(),
      trustedProxies: await field(page, "Trusted proxy addresses").inputValue(),
    };
    tenant.afterwards(async () => {
      await page.goto("/admin/trusted-endpoints");
      await field(page, "Device check URL").fill(before.deviceCheckUrl);
      await field(page, "Trusted proxy addresses").fill(before.trustedProxies);
      await submitAction(page, page.getByRole("button", { name: "Save device identity settings" }));
    });
    await field(page, "Trusted proxy addresses").fill("10.0.0.0/8\n300.1.1.1");
    await submitAction(page, page.getByRole("button", { name: "Save device identity settings" }));
    await expectFieldError(
      field(page, "Trusted proxy addresses"),
      "“300.1.1.1” is not an IP address or CIDR range (like 10.0.0.5 or 10.0.0.0/24).",
    );
    await field(page, "Trusted proxy addresses").fill("10.0.0.0/8\n192.0.2.7");
    await field(page, "Device check URL").fill("https://device.sso.example.com:8443");
    await submitAction(page, page.getByRole("button", { name: "Save device identity settings" }));
    await expect(
      page.getByRole("main").getByRole("status").filter({ hasText: "Device identity settings saved." }),
    ).toBeVisible();
    await page.reload();
    await expect(field(page, "Trusted proxy addresses")).toHaveValue("10.0.0.0/8\n192.0.2.7");
    const ca = await page.request.get("/admin/trusted-endpoints/device-ca");
    expect(ca.status()).toBe(200);
    expect(await ca.text()).toContain("-----BEGIN CERTIFICATE-----");
  },
);

test.describe("as a Read-only administrator", () => {
  test.use({ storageState: authFile(ROLE_ACCOUNTS["Read-only"].key) });
  test("sees integrations and endpoints but nothing that changes them", async ({ page, request, tenant }) => {
    const inventory = await tenant.inventory("Corporate laptops");
    const [device] = devices(tenant, "LAPTOP-0009");
    expect((await putDevices(request, inventory.id, inventory.token, [{ deviceId: device }])).status()).toBe(200);
    await page.goto(`/admin/trusted-endpoints?q=${encodeURIComponent(device)}`);
    await expect(row(page, device)).toBeVisible();
    await expect(page.getByRole("link", { name: "Add Integration" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Save device identity settings" })).toHaveCount(0);
    await page.goto(integrationPath(inventory.id));
    await expect(heading(page, inventory.name)).toBeVisible();
    await expect(page.getByRole("button", { name: "Replace inventory" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Issue certificate" })).toHaveCount(0);
    await expect(page.getByRole("switch", { name: "Enabled" })).toBeDisabled();
  });
});
