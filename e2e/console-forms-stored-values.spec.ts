// Console forms show what is stored (issue 12): the regressions an administrator met.
// - A user set to Disabled stays Disabled on the page after Save, so that the next Save (for
//   any reason) does not re-enable them.
// - An application limited to certain groups stays limited after a refused save: the User
//   access choice keeps what was chosen, and a user outside the group is then denied.
// - After an error, Add User keeps its group ticks and status; Add Administrator keeps the
//   role that was chosen (and the hint that describes it).
// Everything here is the test's own (fixtures, unique names), so it runs alone or in parallel.
import { test, expect } from "./support/fixtures";
import { OWNER, authFile } from "./support/accounts";
import { applicationForm, openApplication, protectApplication } from "./support/applications";
import { addForm, field, heading, submitAction } from "./support/console";
import { ACCESS_DENIED, enterIdentifier, enterPassword, expectSignInPage } from "./support/hosted-sign-in";
import { openUser } from "./support/users";

test.use({ storageState: authFile(OWNER.key) });

test("a user saved as Disabled shows Disabled, and the next Save keeps them disabled", async ({ page, tenant }) => {
  const { id, username } = await tenant.user({ name: "dora.disabled", realName: "Dora Disabled" });
  await openUser(page, id, username);
  const status = field(page, "Status");
  const save = page.getByRole("button", { name: "Save Changes" });
  await expect(status).toHaveValue("ACTIVE");

  await status.selectOption({ label: "Disabled" });
  await submitAction(page, save);
  await expect(page.getByRole("main").getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  // The page shows what is stored: Disabled, not Active again.
  await expect(status).toHaveValue("DISABLED");

  // Fixing the name afterwards must not re-enable the user.
  await field(page, "Full name").fill("Dora D. Disabled");
  await submitAction(page, save);
  await expect(status).toHaveValue("DISABLED");
  await page.reload();
  await expect(status).toHaveValue("DISABLED");
  await expect(field(page, "Full name")).toHaveValue("Dora D. Disabled");
});

test("an application limited to certain groups keeps 'certain groups' after a refused save, stores it, and denies a user outside the group", async ({
  page,
  tenant,
  freshPage,
}) => {
  const group = (await tenant.group("Finance")).name;
  const outsider = await tenant.user({ name: "oscar.outsider", realName: "Oscar Outsider" });
  const sp = await tenant.sp({ name: tenant.name("Stored values SP") });
  const app = await protectApplication(page, "Generic SAML Service Provider");
  tenant.forgetApplicationsAfterwards(app.id);
  const f = applicationForm(page);
  const name = tenant.name("Stored values");
  await f.acsUrl(1).fill(sp.acsUrl);
  await f.name.fill(name);
  await f.groupsOnly.check();
  // The Entity ID is required and left empty: the save is refused.
  await f.entityId.fill("");
  await submitAction(page, f.save);
  await expect(f.entityId).toHaveAttribute("aria-invalid", "true");
  // Every choice is still what was submitted.
  await expect(f.groupsOnly).toBeChecked();
  await expect(f.allUsers).not.toBeChecked();
  await expect(f.name).toHaveValue(name);
  await expect(f.acsUrl(1)).toHaveValue(sp.acsUrl);

  await f.group(group).check();
  await f.entityId.fill(sp.entityId);
  await submitAction(page, f.save);
  await expect(page.getByRole("main").getByRole("status").filter({ hasText: "Application saved." })).toBeVisible();
  await expect(f.groupsOnly).toBeChecked();
  await expect(f.group(group)).toBeChecked();

  await openApplication(page, app.id);
  await expect(f.groupsOnly).toBeChecked();
  await expect(f.allUsers).not.toBeChecked();
  await expect(f.group(group)).toBeChecked();

  // A user outside the group is denied (the application did not stay open to everyone).
  await sp.useIdp(app.metadataUrl);
  const visitor = await freshPage();
  await visitor.goto(sp.loginUrl());
  await expectSignInPage(visitor, name);
  await enterIdentifier(visitor, outsider.username);
  await enterPassword(visitor, outsider);
  const denied = visitor.getByTestId("sign-in-denied");
  await expect(denied.getByRole("heading", { level: 1 })).toHaveText(ACCESS_DENIED(name).title);
  expect(sp.signIns).toHaveLength(0);
});

test("Add User keeps the ticked groups and the status after an error", async ({ page, tenant }) => {
  const groupA = (await tenant.group("Keep A")).name;
  const groupB = (await tenant.group("Keep B")).name;
  await page.goto("/admin/users/new");
  await expect(heading(page, "Add User")).toBeVisible();
  await field(page, "Username").fill("has spaces is invalid");
  await field(page, "Full name").fill("Kim Keep");
  await field(page, "Status").selectOption({ label: "Bypass" });
  await page.getByRole("checkbox", { name: groupB, exact: true }).check();
  await submitAction(page, page.getByRole("button", { name: "Add User" }));
  await expect(field(page, "Username")).toHaveAttribute("aria-invalid", "true");

  await expect(field(page, "Username")).toHaveValue("has spaces is invalid");
  await expect(field(page, "Full name")).toHaveValue("Kim Keep");
  await expect(field(page, "Status")).toHaveValue("BYPASS");
  await expect(page.getByRole("checkbox", { name: groupB, exact: true })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: groupA, exact: true })).not.toBeChecked();
});

test("Add Administrator keeps the chosen role after an error", async ({ page }) => {
  await page.goto("/admin/administrators");
  const f = addForm(page);
  await f.name.fill("Rolf Role");
  await f.email.fill("not-an-email");
  await f.role.selectOption({ label: "User Manager" });
  await f.password.fill("Role-Keeping-Passw0rd");
  await submitAction(page, f.submit);
  await expect(f.email).toHaveAttribute("aria-invalid", "true");
  await expect(f.role).toHaveValue("USER_MANAGER");
  await expect(f.role).toHaveAccessibleDescription(/users and groups/i);
  await expect(f.name).toHaveValue("Rolf Role");
});
