// Round trip of every form of the Groups and Policies areas and of the application page's
// policy panel (issue 12): every field to a non-default value, saved, shown again after a
// reload; one refused submission keeps every field (summary at the top, focus, links); a
// second save without changes writes nothing and adds no Administrator Log entry.
// Everything here is the test's own (fixtures, unique names).
import type { Page } from "@playwright/test";
import { test, expect } from "./support/fixtures";
import { OWNER, authFile } from "./support/accounts";
import { applicationForm, card, openApplication, protectApplication } from "./support/applications";
import { adminLogRows, field, heading } from "./support/console";
import { expectRefusedKeepingValues, expectStoredAfterReload, formOf, formValues, submit } from "./support/forms";

test.use({ storageState: authFile(OWNER.key) });

test("Group: a taken name is reported once; every field round-trips; a second save logs nothing", async ({
  page,
  tenant,
}) => {
  const EXISTING = (await tenant.group("Existing")).name;
  const name = tenant.name("Round Group");
  tenant.forgetGroupsAfterwards(name, `${name} (edited)`);
  await page.goto("/admin/groups/new");
  const add = page.getByRole("button", { name: "Add Group" });
  const form = formOf(add);
  await field(form, "Description").fill("Made by the round-trip test");
  await page.getByRole("radio", { name: /^Disabled/ }).check();
  // Empty name: refused, the description and the status are kept.
  await expectRefusedKeepingValues(page, form, add, ["name"]);
  // A name another group has (other case): one problem, reported once.
  await field(form, "Group name").fill(EXISTING.toUpperCase());
  await expectRefusedKeepingValues(page, form, add, ["name"]);
  await expect(form.getByText(`A group named “${EXISTING}” already exists.`)).toHaveCount(2); // summary + beside the field
  await expect(form.getByTestId("error-summary")).not.toContainText("A group with this name already exists.");

  await field(form, "Group name").fill(name);
  await add.click();
  await expect(page).toHaveURL(/\/admin\/groups\/[^/?]+\?created=1$/);
  const url = new URL(page.url()).pathname;
  const save = () => page.getByRole("button", { name: "Save Changes" });
  const edit = () => formOf(save());
  expect(await formValues(edit())).toEqual({
    name,
    description: "Made by the round-trip test",
    status: ["DISABLED"],
  });

  await field(edit(), "Description").fill("Edited");
  await page.getByRole("radio", { name: /^Bypass/ }).check();
  await field(edit(), "Group name").fill("");
  await expectRefusedKeepingValues(page, edit(), save(), ["name"]);
  await field(edit(), "Group name").fill(`${name} (edited)`);
  await submit(page, save());
  await expect(page.getByRole("main").getByRole("status").filter({ hasText: "Group saved." })).toBeVisible();
  await expectStoredAfterReload(
    page,
    edit,
    save,
    { name: `${name} (edited)`, description: "Edited", status: ["BYPASS"] },
    { action: "Group changed", target: `${name} (edited)`, url },
  );
  await expect(await adminLogRows(page, "Group added", name)).toHaveCount(1);
});

test("Add members: refused without a choice, then added once", async ({ page, tenant }) => {
  const { id: groupId, name: group } = await tenant.group("Members");
  const MEMBER = (await tenant.user({ name: "mona.member", realName: "Mona Member" })).username;
  await page.goto(`/admin/groups/${groupId}?find=${encodeURIComponent(MEMBER)}`);
  const add = page.getByRole("button", { name: "Add to Group" });
  const form = formOf(add);
  // One candidate is ticked for convenience; untick it to submit nothing.
  await form.getByRole("checkbox", { name: MEMBER }).uncheck();
  await expectRefusedKeepingValues(page, form, add, ["userIds"]);
  await form.getByRole("checkbox", { name: MEMBER }).check();
  await add.click();
  await expect(page).toHaveURL(/\?added=1$/);
  await expect(page.getByTestId("member-row")).toHaveCount(1);
  await expect(await adminLogRows(page, "Group members added", group)).toHaveCount(1);
});

const section = (page: Page, title: string) =>
  page.locator("section").filter({ has: page.getByRole("heading", { level: 2, name: title, exact: true }) });

test("Policy editor: a new policy and an edit round-trip; refused values kept; a second save logs nothing", async ({
  page,
  tenant,
}) => {
  const name = tenant.name("Round Policy");
  tenant.forgetPoliciesAfterwards(name);
  await page.goto("/admin/policies/new");
  await expect(heading(page, "New Policy")).toBeVisible();
  const create = page.getByRole("button", { name: "Create Policy" });
  const form = formOf(create);
  await field(form, "Description").fill("Round trip");
  // Set three sections to values other than the Global Policy's.
  await section(page, "Authentication policy").getByLabel("Set Authentication policy in this policy").check();
  await section(page, "Authentication policy").getByRole("radio", { name: "Deny access" }).check();
  await section(page, "Trusted Endpoints").getByLabel("Set Trusted Endpoints in this policy").check();
  await section(page, "Trusted Endpoints").getByRole("radio", { name: "Require endpoints to be trusted" }).check();
  // Seed 002: the Cisco option sits under "Require endpoints to be trusted".
  const blocking = section(page, "Trusted Endpoints").getByLabel(
    "Allow Cisco Secure Endpoint to block compromised endpoints",
  );
  await expect(blocking).toBeEnabled();
  await blocking.check();
  await section(page, "Remembered devices").getByLabel("Set Remembered devices in this policy").check();
  await section(page, "Remembered devices").getByLabel("Remember devices for browser-based applications").check();
  await field(section(page, "Remembered devices"), "Hours to remember a device").fill("9999");
  // No name and hours out of range: both at once, everything kept.
  await expectRefusedKeepingValues(page, form, create, ["name", "rememberedDevices.hours"]);

  await field(form, "Policy name").fill(name);
  await field(section(page, "Remembered devices"), "Hours to remember a device").fill("12");
  await create.click();
  await expect(page).toHaveURL(/\/admin\/policies\/[^/?]+\?created=1$/);
  const url = new URL(page.url()).pathname;
  const save = () => page.getByRole("button", { name: "Save Policy" });
  const edit = () => formOf(save());
  expect(await formValues(edit())).toMatchObject({
    name,
    description: "Round trip",
    "configured.authenticationPolicy": ["on"],
    "authenticationPolicy.action": ["deny"],
    "configured.trustedEndpoints": ["on"],
    "trustedEndpoints.mode": ["require_trusted"],
    "trustedEndpoints.blockCompromised": ["on"],
    "configured.rememberedDevices": ["on"],
    "rememberedDevices.enabled": ["on"],
    "rememberedDevices.hours": "12",
    "configured.newUserPolicy": [],
  });

  // Edit: networks typed loosely are stored normalized, and the form shows them so.
  await section(page, "Authorized networks").getByLabel("Set Authorized networks in this policy").check();
  await field(section(page, "Authorized networks"), "Authorized networks").fill("192.0.2.7/24, 2001:DB8::/32");
  await section(page, "Authorized networks").getByRole("radio", { name: "Deny access" }).check();
  await submit(page, save());
  await expect(page.getByRole("main").getByRole("status").filter({ hasText: "Policy saved." })).toBeVisible();
  await expectStoredAfterReload(
    page,
    edit,
    save,
    {
      "authorizedNetworks.allowList": "192.0.2.0/24\n2001:db8::/32",
      "authorizedNetworks.outside": ["deny"],
      "rememberedDevices.hours": "12",
    },
    { action: "Policy changed", target: name, url },
  );
  await expect(await adminLogRows(page, "Policy created", name)).toHaveCount(1);
});

test.describe("the application page's policy panel", () => {
  test("Apply a policy and Apply a group policy: refused choices kept; applied once", async ({ page, tenant }) => {
    const policy = tenant.name("Panel Policy");
    const group = (await tenant.group("Panel Group")).name;
    const RUN = tenant.id("panel");
    const appName = tenant.name("Panel App");
    tenant.forgetPoliciesAfterwards(policy);
    await page.goto("/admin/policies/new");
    await field(page, "Policy name").fill(policy);
    await page.getByRole("button", { name: "Create Policy" }).click();
    await expect(page).toHaveURL(/\?created=1$/);

    const app = await protectApplication(page, "Generic SAML Service Provider");
    tenant.forgetApplicationsAfterwards(app.id);
    const f = applicationForm(page);
    await f.name.fill(appName);
    await f.entityId.fill(`https://${RUN}.example/sp`);
    await f.acsUrl(1).fill(`https://${RUN}.example/acs`);
    await submit(page, f.save);
    const panel = card(page, "Policy");

    await panel.getByRole("button", { name: "Apply a policy" }).click();
    const apply = panel.getByRole("button", { name: "Apply Policy" });
    await expectRefusedKeepingValues(page, formOf(apply), apply, ["policyId"]);
    await field(panel, "Policy for the whole application").selectOption({ label: policy });
    await submit(page, apply);
    await expect(panel.getByRole("status").filter({ hasText: "Policy applied to the application." })).toBeVisible();
    await expect(panel.getByTestId("application-policy")).toContainText(policy);
    // The same policy again: nothing changes.
    await panel.getByRole("button", { name: "Apply a policy" }).click();
    await expect(field(panel, "Policy for the whole application")).toHaveValue(/.+/);
    await submit(page, panel.getByRole("button", { name: "Apply Policy" }));
    await expect(panel.getByRole("status").filter({ hasText: "No changes to save." })).toBeVisible();
    await expect(await adminLogRows(page, "Policy applied to an application", appName)).toHaveCount(1);

    await openApplication(page, app.id);
    await panel.getByRole("button", { name: "Apply a group policy" }).click();
    const applyGroup = panel.getByRole("button", { name: "Apply Group Policy" });
    const groupForm = formOf(applyGroup);
    await groupForm.getByLabel(group, { exact: true }).check();
    // No policy chosen: refused, the ticked group is kept.
    await expectRefusedKeepingValues(page, groupForm, applyGroup, ["groupPolicyId"]);
    await field(groupForm, "Group policy").selectOption({ label: policy });
    await submit(page, applyGroup);
    await expect(panel.getByRole("status").filter({ hasText: "Group policy applied." })).toBeVisible();
    await expect(page.getByTestId("group-policy-row").filter({ hasText: group })).toHaveCount(1);
    await expect(await adminLogRows(page, "Group policy applied", appName)).toHaveCount(1);
  });
});
