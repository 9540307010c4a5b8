// The console on a 1366×900 screen (issue 12): the Authentication Log and the Administrator
// Log fit without being cut off (wide values live in the detail drawer), and screenshots of
// the pages this issue changed, for people to look at (test-results/screenshots/1366-*.png).
// Everything here is the test's own (fixtures, unique names).
import type { Page } from "@playwright/test";
import { test, expect } from "./support/fixtures";
import { OWNER, authFile } from "./support/accounts";
import { AUTH_LOG_PATH } from "./support/auth-log";
import { field, heading } from "./support/console";
import { formOf, submit } from "./support/forms";
import { shot } from "./support/screenshots";
import { openUser } from "./support/users";

test.use({ storageState: authFile(OWNER.key), viewport: { width: 1366, height: 900 } });

/** Nothing in the table is cut off: its scrolling wrapper is as wide as its content. */
async function expectTableFits(page: Page, name: string) {
  const table = page.getByRole("table", { name });
  await expect(table).toBeVisible();
  const { scroll, client } = await table.evaluate((t) => {
    const wrapper = t.parentElement!;
    return { scroll: wrapper.scrollWidth, client: wrapper.clientWidth };
  });
  expect(scroll, `${name} fits the page at 1366 px (no horizontal scrolling)`).toBeLessThanOrEqual(client);
}

test("the Authentication Log fits at 1366 px; browser, endpoint and user agent are in the drawer", async ({
  page,
  tenant,
}) => {
  const tag = tenant.id("wide");
  const username = `${tag}.user.with.a.long.name@subsidiary.e2e.example.com`;
  await tenant.authLogRows({
    username,
    count: 3,
    start: new Date(Date.now() - 3600_000).toISOString(),
    stepMs: 60_000,
    result: "DENIED",
    reason: "endpoint_not_trusted",
    factor: "webauthn",
    applicationName: `Human Resources Information System (EMEA) ${tag}`,
    ip: "2001:db8:1234:5678:9abc:def0:1234:5678",
    endpointId: `cl${tag}endpointidentifier0001`,
  });
  await page.goto(`${AUTH_LOG_PATH}?user=${encodeURIComponent(username)}`);
  await expect(heading(page, "Authentication Log")).toBeVisible();
  await expect(page.getByTestId("authlog-row")).toHaveCount(3);
  await expectTableFits(page, "Authentication Log");
  await shot(page, "1366-authentication-log");

  await page.getByTestId("authlog-row").first().getByRole("link").first().click();
  const drawer = page.getByRole("dialog");
  await expect(drawer).toContainText(`cl${tag}endpointidentifier0001`);
  await expect(drawer).toContainText("Safari");
  await shot(page, "1366-authentication-log-drawer");
});

test("the Administrator Log fits at 1366 px, filters by object name, and opens an entry in words", async ({
  page,
  tenant,
}) => {
  const { id, username } = await tenant.user({ name: "log.subject", realName: "Log Subject" });
  await openUser(page, id, username);
  const save = page.getByRole("button", { name: "Save Changes" });
  await field(formOf(save), "Status").selectOption({ label: "Bypass" });
  await field(formOf(save), "Full name").fill("A deliberately long full name that would widen a table column");
  await submit(page, save);

  await page.goto(`/admin/reports/administrator-log?q=${encodeURIComponent(username)}`);
  await expect(page.getByTestId("adminlog-row")).toHaveCount(1);
  await expectTableFits(page, "Administrator Log");
  await page.goto("/admin/reports/administrator-log");
  await expectTableFits(page, "Administrator Log");
  await shot(page, "1366-administrator-log");

  await page.goto(`/admin/reports/administrator-log?q=${encodeURIComponent(username)}`);
  await page.getByTestId("adminlog-row").getByRole("link").first().click();
  const drawer = page.getByRole("dialog");
  await expect(drawer.getByTestId("adminlog-before")).toContainText("Active");
  await expect(drawer.getByTestId("adminlog-after")).toContainText("Bypass");
  await shot(page, "1366-administrator-log-drawer");
});

test("screenshots of the changed forms: error summary, stored values, policy nesting, settings warning", async ({
  page,
  tenant,
}) => {
  const group = (await tenant.group("Shot Group")).name;
  await page.goto("/admin/users/new");
  await field(page, "Username").fill("has spaces");
  await field(page, "Email").fill("not-an-email");
  await page.getByRole("checkbox", { name: group, exact: true }).check();
  await submit(page, page.getByRole("button", { name: "Add User" }));
  await expect(page.getByTestId("error-summary")).toBeFocused();
  await shot(page, "1366-add-user-error-summary");

  await page.goto("/admin/policies/new");
  const te = page
    .locator("section")
    .filter({ has: page.getByRole("heading", { level: 2, name: "Trusted Endpoints", exact: true }) });
  await te.getByLabel("Set Trusted Endpoints in this policy").check();
  await te.getByRole("radio", { name: "Require endpoints to be trusted" }).check();
  // The Cisco option is nested under "Require endpoints to be trusted" (seed 002).
  const nested = te.getByTestId("block-compromised");
  const requireBox = await te.getByRole("radio", { name: "Require endpoints to be trusted" }).boundingBox();
  const nestedBox = await nested.boundingBox();
  const allowBox = await te.getByRole("radio", { name: "Allow all endpoints" }).boundingBox();
  expect(nestedBox!.x).toBeGreaterThan(requireBox!.x);
  expect(nestedBox!.y).toBeGreaterThan(requireBox!.y);
  expect(nestedBox!.y).toBeLessThan(allowBox!.y);
  await te.scrollIntoViewIfNeeded();
  await shot(page, "1366-policy-editor-trusted-endpoints");

  await page.goto("/admin/settings");
  await expect(page.getByTestId("passkey-ip-warning")).toBeVisible();
  await shot(page, "1366-settings-ip-warning");

  await page.goto("/admin");
  await expect(page.getByRole("list", { name: "Tenant totals" }).getByRole("listitem")).toHaveCount(3);
  await shot(page, "1366-dashboard");

  await page.goto("/admin/documentation/generic-sso");
  await shot(page, "1366-generic-sso-documentation");
});
