// Policies in the console, as an administrator uses them: the Global Policy (edit, cannot be
// deleted), custom policies (create with validation, rename, delete with a confirmation that
// lists where the policy is applied), applying a policy to an application and a group policy
// within it, and the application page's effective policy with the source of each section.
// Editing the Global Policy changes every sign-in, so that test runs alone (EXCLUSIVE) and
// puts Duo's defaults back.
import type { Locator, Page } from "@playwright/test";
import { test, expect, EXCLUSIVE } from "./support/fixtures";
import { OWNER, authFile } from "./support/accounts";
import {
  adminLogRows,
  alerts,
  escapeRegExp,
  expectFieldError,
  field,
  heading,
  snapshotCell,
  submitAction,
} from "./support/console";
import { card, openApplication } from "./support/applications";
import { shot } from "./support/screenshots";
import { captureAction, replayAction, withValues } from "./support/server-action";

test.use({ storageState: authFile(OWNER.key) });

/** A section of the policy editor by its heading. */
const section = (page: Page, title: string) =>
  page.locator("section").filter({ has: page.getByRole("heading", { level: 2, name: title, exact: true }) });
const group = (scope: Page | Locator, legend: string) => scope.getByRole("group", { name: legend, exact: true });
const save = (page: Page) => page.getByRole("button", { name: /^(Save Policy|Create Policy)$/ });

async function openPolicies(page: Page) {
  await page.goto("/admin/policies");
  await expect(heading(page, "Policies")).toBeVisible();
}

async function openGlobal(page: Page) {
  await openPolicies(page);
  await page.getByRole("link", { name: "Edit Global Policy" }).click();
  await expect(heading(page, "Global Policy")).toBeVisible();
}

const effectiveRow = (page: Page, sectionLabel: string) =>
  page.locator(`[data-testid="effective-row"][data-section="${sectionLabel}"]`);

test("the Policies page lists the Global Policy with every section", async ({ page }) => {
  await openPolicies(page);
  const summary = page.getByTestId("global-policy-summary");
  for (const [label, value] of [
    ["New User policy", "Require enrollment"],
    ["Authentication policy", "Require 2FA"],
    ["Trusted Endpoints", "Allow all endpoints"],
    ["Remembered devices", "Do not remember devices"],
    ["Authorized networks", "No authorized networks"],
  ] as const) {
    await expect(
      summary
        .locator("div")
        .filter({ has: page.getByText(label, { exact: true }) })
        .first(),
    ).toContainText(value);
  }
});

/** Duo's defaults for the Remembered devices section of the Global Policy, whatever a test left. */
async function rememberNoDevices(page: Page) {
  await openGlobal(page);
  const box = section(page, "Remembered devices").getByLabel("Remember devices for browser-based applications");
  if (await box.isChecked()) {
    await box.uncheck();
    await save(page).click();
    await expect(page.getByRole("main").getByRole("status").filter({ hasText: "Policy saved." })).toBeVisible();
  }
  await openPolicies(page);
  await expect(page.getByTestId("global-policy-summary")).toContainText("Do not remember devices");
}

test(
  "the Global Policy: bad values are named beside their field and nothing is saved; a good edit is saved and logged",
  EXCLUSIVE,
  async ({ page, tenant }) => {
    tenant.afterwards(() => rememberNoDevices(page));
    await openGlobal(page);
    await expect(page.getByRole("textbox", { name: "Policy name" }), "the Global Policy cannot be renamed").toHaveCount(
      0,
    );
    await expect(
      page.getByRole("button", { name: "Delete Policy" }),
      "the Global Policy cannot be deleted",
    ).toHaveCount(0);

    const rd = section(page, "Remembered devices");
    const hours = field(rd, "Hours to remember a device");
    await rd.getByLabel("Remember devices for browser-based applications").check();
    for (const bad of ["0", "721", "1.5"]) {
      await hours.fill(bad);
      await submitAction(page, save(page));
      await expectFieldError(hours, "Enter a whole number of hours from 1 to 720.");
      await expect(hours, "what was typed is kept").toHaveValue(bad);
    }
    await expect(alerts(page).filter({ hasText: "Nothing was saved. Correct the highlighted fields." })).toBeVisible();

    const nets = section(page, "Authorized networks");
    const list = field(nets, "Authorized networks");
    await hours.fill("24");
    await list.fill("192.0.2.0/24\n10.0.0.300/8");
    await submitAction(page, save(page));
    await expectFieldError(
      list,
      "“10.0.0.300/8” is not an IP network. Use CIDR notation like 192.0.2.0/24 or 2001:db8::/32, or a single address.",
    );

    await list.fill("");
    await group(nets, "From other networks").getByLabel("Deny access").check();
    await submitAction(page, save(page));
    await expectFieldError(list, "Add at least one authorized network before denying access from other networks.");

    const methods = group(section(page, "Authentication methods"), "Allowed authentication methods");
    await methods.getByLabel("Authenticator app passcodes").uncheck();
    await methods.getByLabel("Passkeys and security keys").uncheck();
    await submitAction(page, save(page));
    await expect(methods).toHaveAttribute("aria-invalid", "true");
    await expect(methods).toHaveAccessibleDescription(/Allow at least one authentication method\./);

    // Nothing of the above was stored.
    await page.reload();
    await expect(
      section(page, "Remembered devices").getByLabel("Remember devices for browser-based applications"),
    ).not.toBeChecked();
    await expect(field(section(page, "Authorized networks"), "Authorized networks")).toHaveValue("");

    // A good edit: remember devices for 24 hours.
    await section(page, "Remembered devices").getByLabel("Remember devices for browser-based applications").check();
    await field(section(page, "Remembered devices"), "Hours to remember a device").fill("24");
    await save(page).click();
    await expect(page.getByRole("main").getByRole("status").filter({ hasText: "Policy saved." })).toBeVisible();
    await expect(field(section(page, "Remembered devices"), "Hours to remember a device")).toHaveValue("24");
    await shot(page, "policies-editor-global");

    const [row] = await (await adminLogRows(page, "Policy changed", "Global Policy")).all();
    expect(await snapshotCell(row!, "After")).toEqual({ "Remembered devices": "Remember devices for 24 hours" });

    // Back to Duo's defaults so that the other tests sign in as before.
    await rememberNoDevices(page);
  },
);

test("custom policies: created after their errors are fixed, applied to an application and a group within it, deleted after a confirmation that lists where", async ({
  page,
  tenant,
}) => {
  const CONTRACTORS = tenant.name("E2E Contractor devices");
  const STAFF = tenant.name("E2E Staff remembered");
  tenant.forgetPoliciesAfterwards(CONTRACTORS, STAFF);
  const staff = await tenant.group("E2E Staff");
  const app = await tenant.app(await tenant.sp({ name: "Loopback Policy App" }));

  await test.step("a custom policy is created with only the sections it sets, after its errors are fixed", async () => {
    await openPolicies(page);
    await page.getByRole("link", { name: "New Policy" }).first().click();
    await expect(heading(page, "New Policy")).toBeVisible();
    await expect(page.getByTestId("inherited-trustedEndpoints")).toHaveText(
      "Not configured: inherited from the application's policy or the Global Policy.",
    );

    const name = field(page, "Policy name");
    await submitAction(page, save(page));
    await expectFieldError(name, "Enter a policy name.");
    await name.fill("global policy");
    await submitAction(page, save(page));
    await expectFieldError(name, "“Global Policy” is the built-in policy’s name. Choose another name.");

    await name.fill(CONTRACTORS);
    const te = section(page, "Trusted Endpoints");
    await te.getByLabel("Set Trusted Endpoints in this policy").check();
    const block = te.getByLabel("Allow Cisco Secure Endpoint to block compromised endpoints");
    await expect(block, "only with Require endpoints to be trusted").toBeDisabled();
    await group(te, "Trusted Endpoints policy").getByLabel("Require endpoints to be trusted").check();
    await block.check();

    const nets = section(page, "Authorized networks");
    await nets.getByLabel("Set Authorized networks in this policy").check();
    const list = field(nets, "Authorized networks");
    await list.fill("2001:db8::/129");
    await submitAction(page, save(page));
    await expectFieldError(
      list,
      "“2001:db8::/129” is not an IP network. Use CIDR notation like 192.0.2.0/24 or 2001:db8::/32, or a single address.",
    );
    await expect(
      page
        .getByRole("navigation", { name: "Policy sections" })
        .getByRole("link", { name: /Authorized networks\s*Error/ }),
    ).toBeVisible();
    await expect(name, "what was typed is kept").toHaveValue(CONTRACTORS);

    await list.fill("192.0.2.77/24, 2001:DB8::/32");
    await save(page).click();
    await expect(page).toHaveURL(/\/admin\/policies\/[^/?]+\?created=1$/);
    await expect(heading(page, CONTRACTORS)).toBeVisible();
    await expect(
      field(section(page, "Authorized networks"), "Authorized networks"),
      "networks are normalized",
    ).toHaveValue("192.0.2.0/24\n2001:db8::/32");
    await expect(page.getByTestId("inherited-newUserPolicy")).toBeVisible();
    await shot(page, "policies-editor-custom");

    // A second policy for a group: remembered devices for 8 hours.
    await page.goto("/admin/policies/new");
    await field(page, "Policy name").fill(STAFF);
    const rd = section(page, "Remembered devices");
    await rd.getByLabel("Set Remembered devices in this policy").check();
    await rd.getByLabel("Remember devices for browser-based applications").check();
    await field(rd, "Hours to remember a device").fill("8");
    await save(page).click();
    await expect(page).toHaveURL(/\/admin\/policies\/[^/?]+\?created=1$/);
    await expect(heading(page, STAFF)).toBeVisible();

    await openPolicies(page);
    const row = page.getByTestId("policy-row").filter({ hasText: CONTRACTORS });
    await expect(row).toContainText("Trusted Endpoints, Authorized networks");
    await expect(row).toContainText("Not applied");
    await shot(page, "policies-list");
    await expect(await adminLogRows(page, "Policy created", CONTRACTORS)).toHaveCount(1);
  });

  await test.step("a policy applied to the application and a group policy within it show on the application page with their sources", async () => {
    await page.goto(`/admin/applications/${app.id}`);
    const panel = card(page, "Policy");
    await expect(panel.getByTestId("application-policy")).toHaveText(
      "No application policy: the Global Policy applies.",
    );
    await expect(effectiveRow(page, "Trusted Endpoints")).toContainText("Allow all endpoints");
    await expect(effectiveRow(page, "Trusted Endpoints")).toContainText("Global Policy");

    await panel.getByRole("button", { name: "Apply a policy" }).click();
    await submitAction(page, panel.getByRole("button", { name: "Apply Policy" }));
    await expectFieldError(field(panel, "Policy for the whole application"), "Choose a custom policy.");
    await field(panel, "Policy for the whole application").selectOption({ label: CONTRACTORS });
    await panel.getByRole("button", { name: "Apply Policy" }).click();
    await expect(panel.getByRole("status").filter({ hasText: "Policy applied to the application." })).toBeVisible();
    await expect(panel.getByTestId("application-policy")).toContainText(
      `${CONTRACTORS} applies to all users of this application.`,
    );
    await expect(effectiveRow(page, "Trusted Endpoints")).toContainText("Require endpoints to be trusted");
    await expect(effectiveRow(page, "Trusted Endpoints")).toContainText(
      "Allow Cisco Secure Endpoint to block compromised endpoints",
    );
    await expect(effectiveRow(page, "Trusted Endpoints")).toContainText(`${CONTRACTORS} (application)`);
    await expect(effectiveRow(page, "Authorized networks")).toContainText(`${CONTRACTORS} (application)`);
    await expect(effectiveRow(page, "New User policy")).toContainText("Require enrollment");
    await expect(effectiveRow(page, "New User policy")).toContainText("Global Policy");

    await panel.getByRole("button", { name: "Apply a group policy" }).click();
    await submitAction(page, panel.getByRole("button", { name: "Apply Group Policy" }));
    await expectFieldError(field(panel, "Group policy"), "Choose a custom policy.");
    await field(panel, "Group policy").selectOption({ label: STAFF });
    await submitAction(page, panel.getByRole("button", { name: "Apply Group Policy" }));
    await expect(group(panel, "Apply to members of")).toHaveAccessibleDescription(/Choose at least one group\./);
    await group(panel, "Apply to members of").getByLabel(staff.name, { exact: true }).check();
    await panel.getByRole("button", { name: "Apply Group Policy" }).click();
    await expect(panel.getByRole("status").filter({ hasText: "Group policy applied." })).toBeVisible();
    const groupRow = page.getByTestId("group-policy-row").filter({ hasText: staff.name });
    await expect(groupRow).toContainText(`${STAFF} for members of ${staff.name}`);
    await expect(groupRow).toContainText("Remembered devices: Remember devices for 8 hours");
    await shot(page, "policies-application-panel");

    // The Policies page says where each policy is applied.
    await openPolicies(page);
    await expect(page.getByTestId("policy-row").filter({ hasText: CONTRACTORS })).toContainText(
      `${app.name} (whole application)`,
    );
    await expect(page.getByTestId("policy-row").filter({ hasText: STAFF })).toContainText(
      `${app.name} (group ${staff.name})`,
    );
    await expect(await adminLogRows(page, "Group policy applied", app.name)).toHaveCount(1);
  });

  await test.step("deleting a custom policy lists where it is applied first; the Global Policy cannot be deleted, even by a crafted request", async () => {
    await openPolicies(page);
    await page.getByRole("link", { name: CONTRACTORS, exact: true }).click();
    await expect(heading(page, CONTRACTORS)).toBeVisible();
    await page.getByRole("button", { name: "Delete Policy" }).click();
    const dialog = page.getByRole("alertdialog", { name: `Delete ${CONTRACTORS}?` });
    await expect(dialog.getByTestId("delete-applied-to")).toHaveText(
      new RegExp(`${escapeRegExp("(whole application)")}`),
    );
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(heading(page, CONTRACTORS)).toBeVisible();

    const deletedId = /\/admin\/policies\/([^/?]+)/.exec(page.url())![1]!;
    await page.getByRole("button", { name: "Delete Policy" }).click();
    const captured = await captureAction(page, dialog.getByRole("button", { name: "Delete", exact: true }));
    await expect(page).toHaveURL(/\/admin\/policies\?deleted=1$/);
    await expect(
      page.getByRole("main").getByRole("status").filter({ hasText: "The policy was deleted." }),
    ).toBeVisible();
    await expect(page.getByTestId("policy-row").filter({ hasText: CONTRACTORS })).toHaveCount(0);

    await openApplication(page, app.id);
    await expect(card(page, "Policy").getByTestId("application-policy")).toHaveText(
      "No application policy: the Global Policy applies.",
    );
    await expect(effectiveRow(page, "Trusted Endpoints")).toContainText("Global Policy");

    // The same request aimed at the Global Policy is refused by the server.
    await openPolicies(page);
    await page.getByRole("link", { name: "Edit Global Policy" }).click();
    await expect(heading(page, "Global Policy")).toBeVisible();
    const globalId = /\/admin\/policies\/([^/?]+)/.exec(page.url())![1]!;
    const res = await replayAction(page.request, withValues(captured, { [deletedId]: globalId }));
    expect(res.text).toContain("The Global Policy cannot be deleted.");
    await page.reload();
    await expect(heading(page, "Global Policy")).toBeVisible();
  });
});
