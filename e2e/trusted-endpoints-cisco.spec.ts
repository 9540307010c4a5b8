// Seed 002 "Duo Trusted Endpoints - Cisco Secure Endpoint", performed through the console
// step by step against the loopback Cisco Secure Endpoint fake: Trusted Endpoints > Add
// Integration > Endpoint Detection & Response Systems > Cisco Secure Endpoint > Add this
// integration, Client ID and API Key, Test Integration (a wrong key shows the API's error;
// the right one fills Hostname), Save Integration, then the Enabled toggle. The tenant has one
// Cisco Secure Endpoint integration: the test that creates it holds the trusted-endpoints
// lock and removes it afterwards.
import { test, expect, LOCKS } from "./support/fixtures";
import { OWNER, ROLE_ACCOUNTS, authFile } from "./support/accounts";
import { adminLogRows, alerts, expectFieldError, field, heading, submitAction } from "./support/console";
import { fakeCisco } from "./support/fake-cisco";
import { shot } from "./support/screenshots";

test.describe("as the Owner", () => {
  test.use({ storageState: authFile(OWNER.key) });

  test(
    "seed 002: create, test, save and enable the Cisco Secure Endpoint integration",
    LOCKS.trustedEndpoints,
    async ({ page, tenant }) => {
      const cisco = await fakeCisco();
      tenant.afterwards(() => cisco.close());
      tenant.forgetIntegrationsAfterwards({ kinds: ["CISCO_SECURE_ENDPOINT"] });
      // 1. Navigate to Trusted Endpoints.
      await page.goto("/admin");
      await page
        .getByRole("navigation", { name: "Console" })
        .getByRole("link", { name: "Trusted Endpoints", exact: true })
        .click();
      await expect(heading(page, "Trusted Endpoints")).toBeVisible();
      // 2. "Get started" on the introduction page (first integration) or "Add Integration" at the top.
      await page
        .getByRole("link", { name: /^(Get started|Add Integration)$/ })
        .first()
        .click();
      // 3. On "Add Management Tools Integration", the Endpoint Detection & Response Systems tab.
      await expect(heading(page, "Add Management Tools Integration")).toBeVisible();
      await expect(page.getByRole("tab", { name: "Management Tools" })).toHaveAttribute("aria-selected", "true");
      await page.getByRole("tab", { name: "Endpoint Detection & Response Systems" }).click();
      await expect(page.getByRole("tab", { name: "Endpoint Detection & Response Systems" })).toHaveAttribute(
        "aria-selected",
        "true",
      );
      // 4. Cisco Secure Endpoint > "Add this integration".
      const panel = page.getByRole("tabpanel");
      await expect(panel.getByRole("heading", { name: "Cisco Secure Endpoint" })).toBeVisible();
      await panel.getByRole("link", { name: "Add this integration: Cisco Secure Endpoint" }).click();
      await expect(heading(page, "Cisco Secure Endpoint")).toBeVisible();
      await expect(page.getByRole("heading", { name: "Enter Cisco Secure Endpoint Credentials" })).toBeVisible();
      await expect(page.getByRole("heading", { name: "Enable Cisco Secure Endpoint Integration" })).toBeVisible();

      // 6-7. Client ID and API Key (first a wrong key), the region, and the base URL of the fake.
      await field(page, "Client ID").fill(cisco.clientId);
      await field(page, "API Key").fill("not-the-right-key");
      await expect(field(page, "Region")).toHaveValue("api.amp.cisco.com");
      await expect(field(page, "Region").locator("option")).toHaveText([
        /api\.amp\.cisco\.com/,
        /api\.eu\.amp\.cisco\.com/,
        /api\.apjc\.amp\.cisco\.com/,
      ]);
      await page.getByText("Advanced").click();
      await field(page, "API base URL").fill(cisco.url);
      await shot(page, "trusted-endpoints-cisco-form");

      // 8. Test Integration: the API's own error is shown; Hostname stays empty.
      await submitAction(page, page.getByRole("button", { name: "Test Integration" }));
      await expect(alerts(page)).toContainText("401 Unauthorized: Unknown API key or Client ID");
      await expect(field(page, "Hostname")).toHaveValue("");
      // What was typed survives the failed test.
      await expect(field(page, "Client ID")).toHaveValue(cisco.clientId);
      await expect(field(page, "API base URL")).toHaveValue(cisco.url);

      // Save with the wrong key stores nothing.
      await submitAction(page, page.getByRole("button", { name: "Save Integration" }));
      await expect(alerts(page)).toContainText("Not saved");
      await expect(page.getByText("Save the integration first.")).toBeVisible();

      // The right key: Hostname fills in.
      await field(page, "API Key").fill(cisco.apiKey);
      await submitAction(page, page.getByRole("button", { name: "Test Integration" }));
      const host = new URL(cisco.url).host;
      await expect(field(page, "Hostname")).toHaveValue(host);
      await expect(page.getByRole("main").getByRole("status").filter({ hasText: "Connected to" })).toContainText(
        `Connected to Cisco Secure Endpoint at ${host}`,
      );
      expect(cisco.requests).toContain("GET /v1/computers?limit=1");
      await shot(page, "trusted-endpoints-cisco-tested");

      // 9. Save Integration.
      await submitAction(page, page.getByRole("button", { name: "Save Integration" }));
      await expect(page.getByRole("main").getByRole("status").filter({ hasText: "saved" })).toHaveText(
        "Cisco Secure Endpoint integration saved.",
      );

      // 10. Toggle the integration status to Enabled.
      const toggle = page.getByRole("switch", { name: "Enabled" });
      await expect(toggle).toHaveAttribute("aria-checked", "false");
      await submitAction(page, toggle);
      await expect(page.getByRole("switch", { name: "Enabled" })).toHaveAttribute("aria-checked", "true");

      // After a reload: stored, enabled, the API key never shown back.
      await page.reload();
      await expect(page.getByRole("switch", { name: "Enabled" })).toHaveAttribute("aria-checked", "true");
      await expect(field(page, "Client ID")).toHaveValue(cisco.clientId);
      await expect(field(page, "Hostname")).toHaveValue(host);
      await expect(field(page, "API Key")).toHaveValue("");
      await expect(field(page, "API Key")).toHaveAttribute("placeholder", "Saved — leave empty to keep it");
      expect(await page.content()).not.toContain(cisco.apiKey);

      // The overview lists it under Endpoint Detection & Response Systems, enabled.
      await page.goto("/admin/trusted-endpoints");
      const edr = page.getByRole("region", { name: "Endpoint Detection & Response Systems" });
      await expect(edr.getByTestId("integration-row")).toContainText("Cisco Secure Endpoint");
      await expect(edr.getByTestId("integration-row")).toContainText("Enabled");

      // Audited, without the key.
      await expect((await adminLogRows(page, "Trusted Endpoints integration added")).first()).toBeVisible();
      expect(await page.content()).not.toContain(cisco.apiKey);
      await expect((await adminLogRows(page, "Trusted Endpoints integration enabled")).first()).toBeVisible();
      expect(await page.content()).not.toContain(cisco.apiKey);

      // A base URL outside https (other than loopback) is refused beside the field.
      await page.goto("/admin/trusted-endpoints/cisco-secure-endpoint");
      await field(page, "API Key").fill(cisco.apiKey);
      // Saved with a base URL override, so "Advanced" is already open.
      await expect(field(page, "API base URL")).toBeVisible();
      await field(page, "API base URL").fill("http://10.1.2.3:8080");
      await submitAction(page, page.getByRole("button", { name: "Test Integration" }));
      await expectFieldError(
        field(page, "API base URL"),
        "Use an https:// URL (plain http:// only to a loopback address such as http://127.0.0.1:8080).",
      );
    },
  );
});

test.describe("as a Read-only administrator", () => {
  test.use({ storageState: authFile(ROLE_ACCOUNTS["Read-only"].key) });

  test("sees the Cisco Secure Endpoint page without the buttons that change it", async ({ page }) => {
    await page.goto("/admin/trusted-endpoints/cisco-secure-endpoint");
    await expect(heading(page, "Cisco Secure Endpoint")).toBeVisible();
    await expect(page.getByRole("button", { name: "Test Integration" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Save Integration" })).toHaveCount(0);
    await expect(field(page, "Client ID")).toBeDisabled();
    await page.goto("/admin/trusted-endpoints/add");
    await expect(page.getByText("You don't have access to this page")).toBeVisible();
  });
});
