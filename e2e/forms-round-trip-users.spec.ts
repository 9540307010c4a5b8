// Round trip of every form of the Users and Administrators areas (issue 12): set every field
// to a value other than its default and save; the form (and a reload) shows what is stored.
// Submit once with errors in several fields: a summary at the top lists every bad field, takes
// focus and links to each; every field keeps what was submitted. Save again without changes:
// "No changes to save." and still one entry in the Administrator Log.
// Everything here is the test's own (fixtures, unique names).
import { test, expect, type TestTenant } from "./support/fixtures";
import { OWNER, authFile } from "./support/accounts";
import { addForm, adminLogRows, adminRow, field, heading } from "./support/console";
import { expectRefusedKeepingValues, expectStoredAfterReload, formOf, formValues, submit } from "./support/forms";
import { card, openUser } from "./support/users";

test.use({ storageState: authFile(OWNER.key) });

/** A tag unique to the test, letters and digits only (for aliases and email addresses). */
const tagOf = (tenant: TestTenant) => tenant.id("r").replace(/[^a-z0-9]/gi, "");

test("Add User: every field at once, kept after an error; stored as typed; added once", async ({ page, tenant }) => {
  const RUN = tagOf(tenant);
  const GROUP_B = (await tenant.group("Round B")).name;
  const username = `rita.round.${RUN}`;
  tenant.forgetUsersAfterwards(username);
  await page.goto("/admin/users/new");
  await expect(heading(page, "Add User")).toBeVisible();
  const button = page.getByRole("button", { name: "Add User" });
  const form = formOf(button);

  await field(form, "Username").fill("has spaces");
  await field(form, "Full name").fill("Rita Round");
  await field(form, "Email").fill("rita-at-example");
  await field(form, "Status").selectOption({ label: "Bypass" });
  await field(form, "Aliases").fill(`rr-${RUN}\nnot valid`);
  await form.getByRole("checkbox", { name: GROUP_B, exact: true }).check();
  await expectRefusedKeepingValues(page, form, button, ["username", "email", "aliases"]);

  await field(form, "Username").fill(username);
  await field(form, "Email").fill(`Rita.${RUN}@E2E.example.com`);
  await field(form, "Aliases").fill(`rr-${RUN}\nrita-${RUN}`);
  await button.click();
  await expect(page).toHaveURL(/\/admin\/users\/[^/?]+\?created=1$/);
  await expect(heading(page, username)).toBeVisible();

  const profile = formOf(page.getByRole("button", { name: "Save Changes" }));
  expect(await formValues(profile)).toMatchObject({
    realName: "Rita Round",
    email: `Rita.${RUN}@E2E.example.com`,
    status: "BYPASS",
    aliases: `rita-${RUN}\nrr-${RUN}`,
  });
  await expect(card(page, "Groups").getByTestId("user-group")).toHaveText([GROUP_B]);

  // The same user again: refused beside the username; still one entry.
  await page.goto("/admin/users/new");
  await field(page, "Username").fill(username.toUpperCase());
  await expectRefusedKeepingValues(page, formOf(button), button, ["username"]);
  await expect(await adminLogRows(page, "User added", username)).toHaveCount(1);
});

test("User details: every field round-trips; errors (a taken alias too) all at once; a second Save logs nothing", async ({
  page,
  tenant,
}) => {
  const RUN = tagOf(tenant);
  const { id, username } = await tenant.user({ name: "ulla.user", realName: "Ulla", email: null });
  const taken = (await tenant.user({ name: "other", aliases: ["taken"] })).aliases[0]!;
  await openUser(page, id, username);
  const button = () => page.getByRole("button", { name: "Save Changes" });
  const form = () => formOf(button());
  expect(await formValues(form())).toEqual({ realName: "Ulla", email: "", status: "ACTIVE", aliases: "" });

  await field(form(), "Full name").fill("Ulla Userin");
  await field(form(), "Email").fill("not-an-email");
  await field(form(), "Status").selectOption({ label: "Disabled" });
  await field(form(), "Aliases").fill(`uu-${RUN}\n${taken}`);
  // A format error and a stored-data error (the alias another user holds) are reported together.
  await expectRefusedKeepingValues(page, form(), button(), ["email", "aliases"]);

  await field(form(), "Email").fill(`ulla.${RUN}@e2e.example.com`);
  await field(form(), "Aliases").fill(`uu-${RUN}\nulla-${RUN}`);
  await submit(page, button());
  // The form shows what is stored: the aliases in their stored (alphabetical) order, not as typed.
  await expect(page.getByRole("main").getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await expectStoredAfterReload(
    page,
    form,
    button,
    {
      realName: "Ulla Userin",
      email: `ulla.${RUN}@e2e.example.com`,
      status: "DISABLED",
      aliases: `ulla-${RUN}\nuu-${RUN}`,
    },
    { action: "User changed", target: username, url: `/admin/users/${id}` },
  );
});

test("Add to group: refused without a choice (kept), then added once", async ({ page, tenant }) => {
  const GROUP_A = (await tenant.group("Round A")).name;
  // A second group, so that a group is still on offer (and the form with it) after the first is added.
  const GROUP_B = (await tenant.group("Round B")).name;
  const { id, username } = await tenant.user({ name: "gina.group" });
  await openUser(page, id, username);
  const button = page.getByRole("button", { name: "Add", exact: true });
  const form = formOf(button);
  await expectRefusedKeepingValues(page, form, button, ["groupId"]);
  await field(form, "Add to group").selectOption({ label: GROUP_A });
  await submit(page, button);
  await expect(card(page, "Groups").getByRole("status")).toHaveText(`Added to ${GROUP_A}.`);
  await expect(card(page, "Groups").getByTestId("user-group")).toHaveText([GROUP_A]);
  await page.reload();
  await expect(card(page, "Groups").getByTestId("user-group")).toHaveText([GROUP_A]);
  // Once added, the group is no longer offered.
  await expect(field(page, "Add to group").locator("option", { hasText: GROUP_A })).toHaveCount(0);
  await expect(field(page, "Add to group").locator("option", { hasText: GROUP_B })).toHaveCount(1);
  await expect(await adminLogRows(page, "User added to group", username)).toHaveCount(1);
});

test("Bypass codes: refused values are kept; the codes are shown once and logged once", async ({ page, tenant }) => {
  const { id, username } = await tenant.user({ name: "bea.bypass" });
  await openUser(page, id, username);
  const button = page.getByRole("button", { name: "Generate Bypass Codes" });
  const form = formOf(button);
  await field(form, "Number of codes").fill("99");
  await field(form, "Uses per code").fill("0");
  await field(form, "Expires after").selectOption({ label: "8 hours" });
  await expectRefusedKeepingValues(page, form, button, ["count", "reuseCount"]);
  await field(form, "Number of codes").fill("3");
  await field(form, "Uses per code").fill("2");
  await submit(page, button);
  await expect(page.getByTestId("bypass-codes").getByRole("listitem")).toHaveCount(3);
  await expect(await adminLogRows(page, "Bypass codes generated", username)).toHaveCount(1);
});

test.describe("administrators", () => {
  test("Add Administrator: every field kept after an error; added once; the role round-trips", async ({
    page,
    tenant,
  }) => {
    const email = `ada.round.${tagOf(tenant)}@e2e.example.com`;
    tenant.forgetAdminsAfterwards(email);
    await page.goto("/admin/administrators");
    const f = addForm(page);
    await f.name.fill("Ada Round");
    await f.email.fill("ada-at-example");
    await f.role.selectOption({ label: "User Manager" });
    await f.password.fill("short");
    await expectRefusedKeepingValues(page, f.form, f.submit, ["email", "password"]);
    await expect(f.role).toHaveAccessibleDescription(/users and groups/i);

    await f.email.fill(email);
    await f.password.fill("Round-trip-Passw0rd-2026");
    await submit(page, f.submit);
    await expect(f.form.getByRole("status")).toHaveText(
      `Added ${email}. They enroll their authenticator app at first sign-in.`,
    );
    // The form is ready for the next administrator: its defaults again.
    expect(await formValues(f.form)).toEqual({ name: "", email: "", role: "READ_ONLY", password: "" });
    await expect(adminRow(page, email).getByTestId("admin-role")).toHaveText("User Manager");

    // The same email again: refused, still one entry.
    await f.name.fill("Ada Again");
    await f.email.fill(email.toUpperCase());
    await f.password.fill("Round-trip-Passw0rd-2026");
    await expectRefusedKeepingValues(page, f.form, f.submit, ["email"]);
    await expect(await adminLogRows(page, "Administrator added", email)).toHaveCount(1);

    // Change role: stored, shown after a reload, and a second save changes nothing.
    await page.goto("/admin/administrators");
    const row = () => adminRow(page, email);
    const change = () => row().getByRole("button", { name: `Change role for ${email}` });
    await row()
      .getByRole("combobox", { name: `Role for ${email}` })
      .selectOption({ label: "Help Desk" });
    await submit(page, change());
    await expect(row().getByRole("status")).toHaveText("Role changed.");
    await expect(row().getByTestId("admin-role")).toHaveText("Help Desk");
    await expectStoredAfterReload(
      page,
      () => formOf(change()),
      change,
      { role: "HELP_DESK" },
      { action: "Administrator role changed", target: email, url: "/admin/administrators" },
    );
  });
});
