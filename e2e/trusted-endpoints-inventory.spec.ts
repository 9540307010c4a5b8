// Management Tools: a device inventory integration added through Add Integration, enabled,
// filled by an upload, replaced by the management tool through the device API, a device
// certificate issued as a PKCS#12 download, and the Endpoints list showing the result.
import { readFileSync } from "node:fs";
import forge from "node-forge";
import { test, expect, type Page } from "@playwright/test";
import { OWNER, ROLE_ACCOUNTS, authFile } from "./support/accounts";
import { expectFieldError, field, heading, submitAction } from "./support/console";
import { shot } from "./support/screenshots";

test.use({ storageState: authFile(OWNER.key) });
test.describe.configure({ mode: "serial" });

const NAME = "Corporate laptops";
let integrationUrl = "";
let token = "";

const endpointRows = (page: Page) => page.getByTestId("endpoint-row");
const row = (page: Page, deviceId: string) => endpointRows(page).filter({ hasText: deviceId });

test("add a device inventory integration; its device API token is shown once", async ({ page }) => {
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
  token = await tokenField.inputValue();
  await page.getByRole("link", { name: "Continue to the integration" }).click();
  await expect(heading(page, NAME)).toBeVisible();
  integrationUrl = page.url();
  // Shown once: the integration page has the API URL but not the token.
  expect(await page.content()).not.toContain(token);

  const toggle = page.getByRole("switch", { name: "Enabled" });
  await expect(toggle).toHaveAttribute("aria-checked", "false");
  await submitAction(page, toggle);
  await expect(page.getByRole("switch", { name: "Enabled" })).toHaveAttribute("aria-checked", "true");
});

test("upload an inventory file; a bad file is refused beside the field and changes nothing", async ({ page }) => {
  await page.goto(integrationUrl);
  const csv =
    "device_id,hostname,os,owner,serial_number\nLAPTOP-0001,laptop-0001,Windows 11,,SN-1\nLAPTOP-0002,laptop-0002,Windows 11,,SN-2\nMAC-0003,mac-0003,macOS 15,,SN-3\n";
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
    buffer: Buffer.from("device_id\nLAPTOP-0001\nnot a device id\n"),
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

test("the management tool replaces the inventory through the device API", async ({ page, request }) => {
  const id = integrationUrl.split("/").pop()!;
  const url = `/api/v1/trusted-endpoints/${id}/devices`;
  await page.goto(integrationUrl);
  await expect(page.getByLabel("Device API URL", { exact: true })).toHaveValue(new RegExp(`${url}$`));

  const wrong = await request.put(url, {
    headers: { Authorization: "Bearer pcte_wrong", "Content-Type": "application/json" },
    data: { devices: [] },
  });
  expect(wrong.status()).toBe(401);
  expect(await wrong.json()).toEqual({ error: { code: "unauthenticated", message: expect.any(String) } });

  const invalid = await request.put(url, {
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    data: { devices: [{ deviceId: "bad id" }] },
  });
  expect(invalid.status()).toBe(400);
  expect((await invalid.json()).error.details[0].path).toBe("devices.0.deviceId");

  const ok = await request.put(url, {
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    data: {
      devices: [
        { deviceId: "LAPTOP-0002", hostname: "laptop-0002", os: "Windows 11" },
        { deviceId: "MAC-0004", hostname: "mac-0004", os: "macOS 15" },
      ],
    },
  });
  expect(ok.status()).toBe(200);
  expect(await ok.json()).toEqual({ total: 2, added: 1, updated: 1, removed: 2, unknownOwners: [] });

  await page.reload();
  await expect(page.getByText("2 devices in this inventory.")).toBeVisible();
  await page.getByRole("link", { name: "View 2 endpoints" }).click();
  await expect(heading(page, "Trusted Endpoints")).toBeVisible();
  await expect(endpointRows(page)).toHaveCount(2);
  await expect(row(page, "MAC-0004")).toContainText(NAME);
});

test("issue a device certificate as a PKCS#12 download with a one-time password", async ({ page }) => {
  await page.goto(integrationUrl);
  await field(page, "Device ID").fill("LAPTOP-E2E-1");
  await expect(page.getByRole("radio", { name: /Generate a key and certificate/ })).toBeChecked();
  await submitAction(page, page.getByRole("button", { name: "Issue certificate" }));
  const issued = page.getByTestId("issued-certificate");
  await expect(issued).toContainText("Certificate issued for LAPTOP-E2E-1.");
  const password = await issued.getByLabel("Bundle password", { exact: true }).inputValue();
  expect(password).toMatch(/^[A-Za-z0-9]{20}$/);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    issued.getByRole("link", { name: "Download LAPTOP-E2E-1.p12" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("LAPTOP-E2E-1.p12");
  const der = readFileSync((await download.path())!);
  const p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(der.toString("binary")), password);
  const certs = p12.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!]!;
  expect(certs[0]!.cert!.subject.getField("CN").value).toBe("LAPTOP-E2E-1");
  expect(
    p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag! })[forge.pki.oids.pkcs8ShroudedKeyBag!],
  ).toHaveLength(1);
  await shot(page, "trusted-endpoints-certificate-issued");

  // Listed as valid; revoking it asks first, then marks it revoked.
  await page.reload();
  const cert = page.locator('[data-testid="device-certificate"][data-device="LAPTOP-E2E-1"]');
  await expect(cert).toContainText("Valid");
  page.once("dialog", (d) => void d.accept());
  await submitAction(page, cert.getByRole("button", { name: "Revoke certificate of LAPTOP-E2E-1" }));
  await expect(page.locator('[data-testid="device-certificate"][data-device="LAPTOP-E2E-1"]')).toContainText("Revoked");

  // A device ID that is not valid is refused beside the field.
  await field(page, "Device ID").fill("has spaces");
  await submitAction(page, page.getByRole("button", { name: "Issue certificate" }));
  await expectFieldError(
    field(page, "Device ID"),
    "A device identifier uses letters, digits and . _ : @ - (starting with a letter or digit), at most 128 characters.",
  );
});

test("the Endpoints list shows device, OS, owner, trusting integration, EDR status and last seen", async ({ page }) => {
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
  await expect(row(page, "MAC-0004")).toContainText("macOS 15");
  await expect(row(page, "MAC-0004")).toContainText(NAME);
  await expect(row(page, "MAC-0004")).toContainText("Not checked");
  await expect(row(page, "MAC-0004")).toContainText("Never");
  // Dropped by the device API: listed, no longer trusted.
  await expect(row(page, "LAPTOP-0001")).toContainText("Not trusted");
  await expect(row(page, "LAPTOP-E2E-1")).toContainText(NAME);

  await page.getByRole("searchbox", { name: "Search endpoints" }).fill("MAC-");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/q=MAC-/);
  await expect(endpointRows(page)).toHaveCount(2);
  await page.goto("/admin/trusted-endpoints");
  await shot(page, "trusted-endpoints-overview");
});

test("device identity settings: trusted proxies are validated beside the field", async ({ page }) => {
  await page.goto("/admin/trusted-endpoints");
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
});

test.describe("as a Read-only administrator", () => {
  test.use({ storageState: authFile(ROLE_ACCOUNTS["Read-only"].key) });
  test("sees integrations and endpoints but nothing that changes them", async ({ page }) => {
    await page.goto("/admin/trusted-endpoints");
    await expect(endpointRows(page).first()).toBeVisible();
    await expect(page.getByRole("link", { name: "Add Integration" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Save device identity settings" })).toHaveCount(0);
    await page.goto(integrationUrl);
    await expect(heading(page, NAME)).toBeVisible();
    await expect(page.getByRole("button", { name: "Replace inventory" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Issue certificate" })).toHaveCount(0);
    await expect(page.getByRole("switch", { name: "Enabled" })).toBeDisabled();
  });
});
