// Administrators (Owner): bad input beside each field and nothing added; add, change
// role and remove, each shown on the page and in the Administrator Log; the last Owner
// cannot be demoted or removed. The administrators added here have names of their own, and
// the two tests that depend on how many Owners exist hold the "owners" lock.
import { test, expect, LOCKS } from "./support/fixtures";
import { OWNER, ROLE_ACCOUNTS, authFile } from "./support/accounts";
import {
  addAdministrator,
  addForm,
  adminLogRows,
  adminRow,
  adminRows,
  alerts,
  expectFieldError,
  expectNoFieldError,
  heading,
  snapshotCell,
  submitAction,
} from "./support/console";
import { captureAction, replayAction, withValues } from "./support/server-action";

test.use({ storageState: authFile(OWNER.key) });

test.beforeEach(async ({ page }) => {
  await page.goto("/admin/administrators");
  await expect(heading(page, "Administrators")).toBeVisible();
});

test("the Owner sees every administrator, with the Owner's own row marked and without actions", async ({ page }) => {
  const own = adminRow(page, OWNER.email);
  await expect(own).toContainText(`${OWNER.name}(you)`);
  await expect(own.getByTestId("admin-role")).toHaveText("Owner");
  await expect(own).toContainText("Enrolled");
  await expect(own.getByRole("button")).toHaveCount(0);
  for (const a of Object.values(ROLE_ACCOUNTS)) {
    const row = adminRow(page, a.email);
    await expect(row.getByTestId("admin-role")).toHaveText(a.role);
    await expect(row.getByRole("button", { name: `Remove ${a.email}` })).toBeVisible();
  }
});

test("bad input is shown beside each field and adds nobody", async ({ page }) => {
  const f = addForm(page);

  // Everything empty.
  await submitAction(page, f.submit);
  await expectFieldError(f.name, "Enter a name.");
  await expectFieldError(f.email, "Enter an email address.");
  await expectFieldError(f.password, "Use at least 12 characters.");
  await expect(alerts(page).filter({ hasText: "Please correct the highlighted fields." })).toBeVisible();

  // A bad email; the other fields are fine and what was typed is kept.
  await f.name.fill("Bad Email");
  await f.email.fill("bad-email@");
  await f.role.selectOption({ label: "Help Desk" });
  await f.password.fill("Long-enough-password-1");
  await submitAction(page, f.submit);
  await expectFieldError(f.email, "Enter a valid email address, like name@example.com.");
  await expectNoFieldError(f.name);
  await expectNoFieldError(f.password);
  await expect(f.name).toHaveValue("Bad Email");
  await expect(f.email).toHaveValue("bad-email@");

  // A short password.
  await f.email.fill("short-password@e2e.example.com");
  await f.password.fill("elevenchars");
  await submitAction(page, f.submit);
  await expectFieldError(f.password, "Use at least 12 characters.");
  await expectNoFieldError(f.email);

  // An email that is already taken, in another case.
  const taken = ROLE_ACCOUNTS["Help Desk"].email;
  await f.name.fill("Duplicate");
  await f.email.fill(taken.toUpperCase());
  await f.password.fill("Long-enough-password-1");
  await submitAction(page, f.submit);
  await expectFieldError(f.email, "An administrator with this email already exists.");

  // Nobody was added.
  await page.reload();
  await expect(adminRow(page, OWNER.email)).toBeVisible();
  for (const email of ["bad-email@", "short-password@e2e.example.com"])
    await expect(adminRow(page, email)).toHaveCount(0);
  await expect(adminRows(page).filter({ hasText: "Duplicate" })).toHaveCount(0);
  await expect(page.getByText(taken, { exact: true })).toHaveCount(1);
});

test("one administrator's life: added, role changed, removed after a confirmation, each logged", async ({
  page,
  tenant,
}) => {
  const newcomer = {
    name: tenant.name("Nora Newcomer"),
    email: `${tenant.id("nora.newcomer")}@e2e.example.com`,
    password: "Nora-initial-password-1",
    role: "Help Desk",
  } as const;
  tenant.forgetAdminsAfterwards(newcomer.email);
  const row = adminRow(page, newcomer.email);

  await test.step("adding shows the row and logs the values", async () => {
    await addAdministrator(page, newcomer);
    await expect(row).toContainText(newcomer.name);
    await expect(row.getByTestId("admin-role")).toHaveText("Help Desk");
    await expect(row).toContainText("At first sign-in");
    await expect(row).toContainText("Never");
    // The form is cleared for the next one.
    await expect(addForm(page).email).toHaveValue("");

    const log = await adminLogRows(page, "Administrator added", newcomer.email);
    await expect(log).toHaveCount(1);
    await expect(log.first().getByRole("cell").nth(1)).toHaveText(OWNER.email);
    expect(await snapshotCell(log.first(), "After")).toEqual({
      Email: newcomer.email,
      Name: newcomer.name,
      Role: "Help Desk",
    });
    expect(await snapshotCell(log.first(), "Before")).toEqual({});
  });

  await test.step("changing the role updates the row and logs before and after", async () => {
    await page.goto("/admin/administrators");
    await row.getByRole("combobox", { name: `Role for ${newcomer.email}` }).selectOption({ label: "User Manager" });
    await submitAction(page, row.getByRole("button", { name: `Change role for ${newcomer.email}` }));
    await expect(row.getByTestId("admin-role")).toHaveText("User Manager");
    await page.reload();
    await expect(adminRow(page, newcomer.email).getByTestId("admin-role")).toHaveText("User Manager");

    const log = await adminLogRows(page, "Administrator role changed", newcomer.email);
    await expect(log).toHaveCount(1);
    expect(await snapshotCell(log.first(), "Before")).toEqual({ Role: "Help Desk" });
    expect(await snapshotCell(log.first(), "After")).toEqual({ Role: "User Manager" });
  });

  await test.step("removing asks for confirmation, then removes the row and logs it", async () => {
    await page.goto("/admin/administrators");
    await row.getByRole("button", { name: `Remove ${newcomer.email}` }).click();
    await expect(row.getByRole("button", { name: `Confirm removing ${newcomer.email}` })).toBeVisible();
    // Cancel keeps the administrator.
    await row.getByRole("button", { name: "Cancel" }).click();
    await expect(row.getByRole("button", { name: `Confirm removing ${newcomer.email}` })).toHaveCount(0);
    await expect(row).toHaveCount(1);

    await row.getByRole("button", { name: `Remove ${newcomer.email}` }).click();
    await submitAction(page, row.getByRole("button", { name: `Confirm removing ${newcomer.email}` }));
    await expect(row).toHaveCount(0);
    await page.reload();
    await expect(adminRow(page, newcomer.email)).toHaveCount(0);
    await expect(adminRow(page, OWNER.email)).toBeVisible();

    const log = await adminLogRows(page, "Administrator removed", newcomer.email);
    await expect(log).toHaveCount(1);
    expect(await snapshotCell(log.first(), "Before")).toEqual({
      Email: newcomer.email,
      Name: newcomer.name,
      Role: "User Manager",
    });
  });
});

test("the last Owner can be neither demoted nor removed", LOCKS.owners, async ({ page, tenant }) => {
  // The page offers no action on the Owner's own row (checked above); a hand-made request
  // is refused by the server. Capture the actions on another row (no-op role change;
  // remove of a throwaway administrator), then aim them at the Owner.
  const session = (await (await page.request.get("/api/auth/session")).json()) as { adminId?: string };
  const ownerId = session.adminId;
  expect(ownerId, "the session names the Owner").toBeTruthy();

  const other = ROLE_ACCOUNTS["Read-only"];
  const otherRow = adminRow(page, other.email);
  const otherId = await otherRow.locator('input[name="adminId"]').first().inputValue();
  const roleAction = await captureAction(
    page,
    otherRow.getByRole("button", { name: `Change role for ${other.email}` }),
  );

  const temp = {
    name: tenant.name("Temp Owner Test"),
    email: `${tenant.id("temp-owner-test")}@e2e.example.com`,
    password: "Temp-password-12345",
    role: "Read-only",
  } as const;
  tenant.forgetAdminsAfterwards(temp.email);
  await addAdministrator(page, temp);
  const tempRow = adminRow(page, temp.email);
  const tempId = await tempRow.locator('input[name="adminId"]').first().inputValue();
  await tempRow.getByRole("button", { name: `Remove ${temp.email}` }).click();
  const removeAction = await captureAction(
    page,
    tempRow.getByRole("button", { name: `Confirm removing ${temp.email}` }),
  );
  await expect(tempRow).toHaveCount(0);

  const demote = await replayAction(
    page.request,
    withValues(roleAction, { [otherId]: ownerId!, READ_ONLY: "ADMINISTRATOR" }),
  );
  expect(demote.text).toContain("The tenant needs at least one Owner. Make another administrator an Owner first.");
  const remove = await replayAction(page.request, withValues(removeAction, { [tempId]: ownerId! }));
  expect(remove.text).toContain("You cannot remove yourself.");

  await page.reload();
  await expect(adminRow(page, OWNER.email).getByTestId("admin-role")).toHaveText("Owner");
  await expect(page.getByTestId("actor-role")).toHaveText("Owner");
});

test("a second Owner may be demoted again while another Owner remains", LOCKS.owners, async ({ page, tenant }) => {
  const second = {
    name: tenant.name("Second Owner"),
    email: `${tenant.id("second-owner")}@e2e.example.com`,
    password: "Second-owner-password-1",
    role: "Owner",
  } as const;
  tenant.forgetAdminsAfterwards(second.email);
  await addAdministrator(page, second);
  const row = adminRow(page, second.email);
  await expect(row.getByTestId("admin-role")).toHaveText("Owner");
  await row.getByRole("combobox", { name: `Role for ${second.email}` }).selectOption({ label: "Read-only" });
  await submitAction(page, row.getByRole("button", { name: `Change role for ${second.email}` }));
  await expect(row.getByTestId("admin-role")).toHaveText("Read-only");
  await row.getByRole("button", { name: `Remove ${second.email}` }).click();
  await submitAction(page, row.getByRole("button", { name: `Confirm removing ${second.email}` }));
  await expect(row).toHaveCount(0);
});
