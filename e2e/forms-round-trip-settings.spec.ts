// Round trip of the Settings and Trusted Endpoints forms (issue 12): every field to a
// non-default value, saved, shown again after a reload; one refused save keeps every field
// (summary at the top with links, focus); a second save changes nothing and adds no
// Administrator Log entry.
//
// Tenant-wide forms (Settings > General and Lockout, Trusted Endpoints > Device identity)
// are changed by tests that hold the EXCLUSIVE or the Trusted Endpoints lock and put them
// back as they were in a clean-up that always runs; the public base URL is never changed
// (every SAML URL hangs on it), only refused. The integration forms work on the test's own
// integration.
import type { Page } from "@playwright/test";
import { test, expect, EXCLUSIVE, LOCKS, type TestTenant } from "./support/fixtures";
import { OWNER, authFile } from "./support/accounts";
import { field, heading } from "./support/console";
import {
  expectRefusedKeepingValues,
  expectStoredAfterReload,
  formOf,
  formValues,
  logCount,
  submit,
} from "./support/forms";

test.use({ storageState: authFile(OWNER.key) });

test(
  "Settings > General: the tenant name round-trips; a bad base URL is refused with everything kept",
  EXCLUSIVE,
  async ({ page, tenant, consoleAs }) => {
    const before = await logCount(page, "Settings changed", "Tenant");
    await page.goto("/admin/settings");
    const save = () => page.getByRole("button", { name: "Save", exact: true });
    const form = () => formOf(save());
    const original = await formValues(form());
    const tenantName = tenant.name("Round Tenant");
    tenant.afterwards(async () => {
      const page = await consoleAs("Owner");
      await page.goto("/admin/settings");
      await field(page, "Tenant name").fill(String(original.tenantName));
      await field(page, "Public base URL").fill(String(original.publicBaseUrl));
      await submit(page, page.getByRole("button", { name: "Save", exact: true }));
      await expect(field(page, "Tenant name")).toHaveValue(String(original.tenantName));
    });
    {
      await field(form(), "Tenant name").fill("");
      await field(form(), "Public base URL").fill("javascript:alert(1)");
      await expectRefusedKeepingValues(page, form(), save(), ["tenantName", "publicBaseUrl"]);

      await field(form(), "Public base URL").fill(String(original.publicBaseUrl));
      await field(form(), "Tenant name").fill(tenantName);
      await submit(page, save());
      await expect(form().getByRole("status")).toHaveText("Settings saved.");
      await expectStoredAfterReload(
        page,
        form,
        save,
        { tenantName: tenantName, publicBaseUrl: String(original.publicBaseUrl) },
        { action: "Settings changed", target: "Tenant", url: "/admin/settings", before },
      );
      // The stored public base URL is an IP address (the test server's): Settings warns that
      // passkeys cannot work there.
      await expect(page.getByTestId("passkey-ip-warning")).toContainText("do not work at an IP address");
    }
  },
);

test(
  "Settings > Lockout: both fields round-trip; refused values are kept",
  EXCLUSIVE,
  async ({ page, tenant, consoleAs }) => {
    const before = await logCount(page, "Settings changed", "Lockout");
    await page.goto("/admin/settings/lockout");
    const save = () => page.getByRole("button", { name: "Save", exact: true });
    const form = () => formOf(save());
    const original = await formValues(form());
    tenant.afterwards(async () => {
      const page = await consoleAs("Owner");
      await page.goto("/admin/settings/lockout");
      await field(page, "Lock out after failed attempts").fill(String(original.lockoutThreshold));
      await field(page, "Unlock automatically after (minutes)").fill(String(original.autoUnlockMinutes));
      await submit(page, page.getByRole("button", { name: "Save", exact: true }));
      await expect(field(page, "Lock out after failed attempts")).toHaveValue(String(original.lockoutThreshold));
    });
    {
      await field(form(), "Lock out after failed attempts").fill("0");
      await field(form(), "Unlock automatically after (minutes)").fill("soon");
      await expectRefusedKeepingValues(page, form(), save(), ["lockoutThreshold", "autoUnlockMinutes"]);
      await field(form(), "Lock out after failed attempts").fill("37");
      await field(form(), "Unlock automatically after (minutes)").fill("45");
      await submit(page, save());
      await expect(form().getByRole("status")).toHaveText("Lockout settings saved.");
      await expectStoredAfterReload(
        page,
        form,
        save,
        { lockoutThreshold: "37", autoUnlockMinutes: "45" },
        { action: "Settings changed", target: "Lockout", url: "/admin/settings/lockout", before },
      );
    }
  },
);

test(
  "Add a device inventory integration, rename it, replace its inventory, issue a certificate",
  LOCKS.trustedEndpoints,
  async ({ page, tenant, consoleAs }) => {
    const RUN = tenant.id("rnd").toUpperCase().replace(".", "-");
    const name = tenant.name("Round Inventory");
    await page.goto("/admin/trusted-endpoints/add/inventory");
    const add = page.getByRole("button", { name: "Add integration" });
    await field(formOf(add), "Name").fill("");
    await expectRefusedKeepingValues(page, formOf(add), add, ["name"]);
    await field(formOf(add), "Name").fill(name);
    await submit(page, add);
    await page.getByRole("link", { name: "Continue to the integration" }).click();
    await expect(heading(page, name)).toBeVisible();
    const url = new URL(page.url()).pathname;
    tenant.forgetIntegrationsAfterwards({ ids: [/\/integrations\/([^/?]+)/.exec(url)![1]!] });

    // Rename.
    const rename = () => page.getByRole("button", { name: "Save name" });
    await field(formOf(rename()), "Name").fill("");
    await expectRefusedKeepingValues(page, formOf(rename()), rename(), ["name"]);
    await field(formOf(rename()), "Name").fill(`${name} (renamed)`);
    await submit(page, rename());
    await expect(formOf(rename()).getByRole("status")).toHaveText("Name saved.");
    await expectStoredAfterReload(
      page,
      () => formOf(rename()),
      rename,
      { name: `${name} (renamed)` },
      { action: "Trusted Endpoints integration changed", target: `${name} (renamed)`, url },
    );

    // Replace the inventory: a bad identifier is refused and the text is kept.
    const replace = page.getByRole("button", { name: "Replace inventory" });
    await field(formOf(replace), "Or enter device identifiers").fill(`${RUN}-1\nbad id with spaces`);
    await expectRefusedKeepingValues(page, formOf(replace), replace, ["inventory"]);
    await field(formOf(replace), "Or enter device identifiers").fill(`${RUN}-1\n${RUN}-2`);
    await submit(page, replace);
    await expect(formOf(replace).getByRole("status")).toContainText("2");

    // Issue a certificate: refused values are kept (the chosen key method too).
    const issue = page.getByRole("button", { name: "Issue certificate" });
    await field(formOf(issue), "Device ID").fill(`${RUN}-1`);
    await page.getByRole("radio", { name: /Sign a certificate signing request/ }).check();
    await field(formOf(issue), "Certificate signing request").fill("not a CSR");
    await field(formOf(issue), "Valid for (days)").fill("900");
    await expectRefusedKeepingValues(page, formOf(issue), issue, ["csrPem", "days"]);

    await roundTripDeviceIdentity(page, tenant, consoleAs);
  },
);

async function roundTripDeviceIdentity(page: Page, tenant: TestTenant, consoleAs: (role: "Owner") => Promise<Page>) {
  const host = tenant.id("device");
  const before = await logCount(page, "Device identity settings changed", "Trusted Endpoints device identity");
  await page.goto("/admin/trusted-endpoints");
  const save = () => page.getByRole("button", { name: "Save device identity settings" });
  const form = () => formOf(save());
  const original = await formValues(form());
  tenant.afterwards(async () => {
    const page = await consoleAs("Owner");
    await page.goto("/admin/trusted-endpoints");
    await field(page, "Device check URL").fill(String(original.deviceCheckUrl));
    await field(page, "Trusted proxy addresses").fill(String(original.trustedProxies));
    await field(page, "Client certificate header").fill(String(original.clientCertHeader));
    await submit(page, page.getByRole("button", { name: "Save device identity settings" }));
    await expect(field(page, "Device check URL")).toHaveValue(String(original.deviceCheckUrl));
  });
  {
    await field(form(), "Device check URL").fill("ftp://device.example");
    await field(form(), "Trusted proxy addresses").fill("10.0.0.0/8\nnot-an-address");
    await field(form(), "Client certificate header").fill("Authorization");
    await expectRefusedKeepingValues(page, form(), save(), ["deviceCheckUrl", "trustedProxies", "clientCertHeader"]);
    await field(form(), "Device check URL").fill(`https://${host}.example:8443/`);
    await field(form(), "Trusted proxy addresses").fill("10.0.0.0/8\n192.0.2.7");
    await field(form(), "Client certificate header").fill("X-Round-Cert");
    await submit(page, save());
    await expect(form().getByRole("status")).toHaveText("Device identity settings saved.");
    await expectStoredAfterReload(
      page,
      form,
      save,
      {
        deviceCheckUrl: `https://${host}.example:8443`,
        trustedProxies: "10.0.0.0/8\n192.0.2.7",
        clientCertHeader: "x-round-cert",
      },
      {
        action: "Device identity settings changed",
        target: "Trusted Endpoints device identity",
        url: "/admin/trusted-endpoints",
        before,
      },
    );
  }
}
