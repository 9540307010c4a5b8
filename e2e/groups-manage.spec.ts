// Groups as a User Manager uses them: add a group (names are unique ignoring case), edit its
// description and status, find and add members, remove one, see the member count in the
// list and search it by name prefix; then the Owner deletes it, with a confirmation that
// names what goes with it (its memberships, and its place in an application's permitted
// groups).
import { test, expect } from "./support/fixtures";
import { applicationForm, openApplication } from "./support/applications";
import { expectFieldError, field, heading } from "./support/console";
import { addGroup, addMembers, groupRow, groupRows, memberRows } from "./support/groups";
import { shot } from "./support/screenshots";

test("a User Manager adds, edits and fills a group; the Owner deletes it after a confirmation naming what goes with it", async ({
  tenant,
  consoleAs,
}) => {
  const GROUP = tenant.name("E2E Field Engineers");
  tenant.forgetGroupsAfterwards(GROUP);
  const RENAMED_DESCRIPTION = "Engineers who visit customer sites";
  const stem = tenant.id("grp");
  const avery = await tenant.user({ name: `${stem}.avery`, realName: "Avery Field", enrolled: false });
  const blake = await tenant.user({ name: `${stem}.blake`, realName: "Blake Field", enrolled: false });
  // Casey's email does not start with the username.
  const casey = await tenant.user({ name: `${stem}.casey`, realName: "Casey Field", email: "casey.other" });
  const page = await consoleAs("User Manager");
  let groupId = "";

  await test.step("adds a group; a second group with the same name in other case is refused", async () => {
    groupId = await addGroup(page, { name: GROUP, description: "Field staff" });
    await expect(page.getByRole("main").getByRole("status").filter({ hasText: "Group added." })).toBeVisible();
    await expect(page.getByTestId("group-member-count")).toHaveText("0");
    await expect(page.getByRole("heading", { level: 2, name: "No users in this group" })).toBeVisible();

    await page.goto("/admin/groups/new");
    await field(page, "Group name").fill(GROUP.toUpperCase());
    await page.getByRole("button", { name: "Add Group" }).click();
    await expectFieldError(field(page, "Group name"), `A group named “${GROUP}” already exists.`);
    await expect(field(page, "Group name")).toHaveValue(GROUP.toUpperCase());
    await page.goto(`/admin/groups?q=${encodeURIComponent(GROUP)}`);
    await expect(groupRows(page).filter({ hasText: GROUP })).toHaveCount(1);
  });

  await test.step("edits the description and the status; each status is explained", async () => {
    await page.goto(`/admin/groups/${groupId}`);
    await expect(page.getByRole("radio", { name: /^Active/ })).toBeChecked();
    await expect(page.getByText("Skip two-factor authentication.", { exact: false })).toBeVisible();
    await expect(page.getByText("Automatically deny access.", { exact: false })).toBeVisible();
    await field(page, "Description").fill(RENAMED_DESCRIPTION);
    await page.getByRole("radio", { name: /^Bypass/ }).check();
    await page.getByRole("button", { name: "Save Changes" }).click();
    await expect(page.getByRole("main").getByRole("status").filter({ hasText: "Group saved." })).toBeVisible();
    await expect(field(page, "Description")).toHaveValue(RENAMED_DESCRIPTION);
    await expect(page.getByRole("radio", { name: /^Bypass/ })).toBeChecked();

    await page.goto(`/admin/groups?q=${encodeURIComponent(GROUP)}`);
    const row = groupRow(page, GROUP);
    await expect(row).toContainText(RENAMED_DESCRIPTION);
    await expect(row).toContainText("Bypass");
  });

  await test.step("finds users by username or email and adds them; removes one", async () => {
    await addMembers(page, groupId, `${stem}.`, [avery.username, blake.username]);
    await expect(
      page.getByRole("main").getByRole("status").filter({ hasText: "Added 2 users to the group." }),
    ).toBeVisible();
    await expect(memberRows(page)).toHaveCount(2);
    await expect(memberRows(page).nth(0)).toContainText(avery.username);
    await expect(memberRows(page).nth(0)).toContainText("Avery Field");
    await expect(memberRows(page).nth(1)).toContainText(blake.username);
    await expect(page.getByTestId("group-member-count")).toHaveText("2");

    // By a prefix of the email address (not of the username).
    await addMembers(page, groupId, casey.email.split("@")[0]!, [casey.username]);
    await expect(memberRows(page)).toHaveCount(3);
    // Members already in the group are marked, not offered again.
    await page.goto(`/admin/groups/${groupId}?find=${encodeURIComponent(`${stem}.`)}`);
    await expect(
      page.getByTestId("add-member-candidates").getByRole("listitem").filter({ hasText: avery.username }),
    ).toContainText("Already a member");
    await expect(
      page.getByTestId("add-member-candidates").getByRole("checkbox", { name: avery.username }),
    ).toBeDisabled();

    await memberRows(page)
      .filter({ hasText: blake.username })
      .getByRole("button", { name: `Remove ${blake.username} from the group` })
      .click();
    await expect(
      page
        .getByRole("main")
        .getByRole("status")
        .filter({ hasText: `Removed ${blake.username} from the group.` }),
    ).toBeVisible();
    await expect(memberRows(page)).toHaveCount(2);
    await expect(memberRows(page).filter({ hasText: blake.username })).toHaveCount(0);
    await shot(page, "groups-group-page");

    // Columns: Name, Description, Status, Users. Search by the start of the name, kept in the URL.
    await page.goto("/admin/groups");
    await page.getByRole("searchbox", { name: "Search groups by name" }).fill(GROUP.toLowerCase());
    await page.getByRole("search").getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/[?&]q=e2e\+field/);
    await expect(groupRows(page)).toHaveCount(1);
    await expect(groupRow(page, GROUP).getByRole("cell").nth(3)).toHaveText("2");
    await shot(page, "groups-list");
    // Not a prefix of the name: no match.
    await page.getByRole("searchbox", { name: "Search groups by name" }).fill(GROUP.slice(4));
    await page.getByRole("search").getByRole("button", { name: "Search" }).click();
    await expect(page.getByRole("heading", { level: 2, name: "No matching groups" })).toBeVisible();
  });

  await test.step("the Owner permits the group in an application, then deletes the group after a confirmation naming it", async () => {
    const owner = await consoleAs("Owner");
    const sp = await tenant.sp({ name: "Loopback Field App" });
    const app = await tenant.app(sp, { permittedGroups: [{ id: groupId, name: GROUP }] });

    await owner.goto(`/admin/groups/${groupId}`);
    await expect(owner.getByTestId("group-applications")).toHaveText(app.name);
    await owner.getByRole("button", { name: "Delete Group" }).click();
    const confirm = owner.getByRole("group", { name: `Delete ${GROUP}` });
    await expect(confirm).toContainText(`Delete ${GROUP}?`);
    await expect(owner.getByTestId("delete-group-consequences")).toContainText(
      "Its 2 members are removed from the group (the users themselves are kept).",
    );
    await expect(owner.getByTestId("delete-group-consequences")).toContainText(
      `It is removed from the permitted groups of this application: ${app.name}.`,
    );
    // Cancel keeps it.
    await confirm.getByRole("button", { name: "Cancel" }).click();
    await expect(heading(owner, GROUP)).toBeVisible();

    await owner.getByRole("button", { name: "Delete Group" }).click();
    await owner
      .getByRole("group", { name: `Delete ${GROUP}` })
      .getByRole("button", { name: "Delete", exact: true })
      .click();
    await expect(owner).toHaveURL(/\/admin\/groups\?deleted=1$/);
    await expect(
      owner.getByRole("main").getByRole("status").filter({ hasText: "The group was deleted." }),
    ).toBeVisible();
    await expect(groupRows(owner).filter({ hasText: GROUP })).toHaveCount(0);
    expect((await owner.goto(`/admin/groups/${groupId}`))?.status()).toBe(404);

    // The application no longer lists it; the users are still there.
    await openApplication(owner, app.id);
    await expect(applicationForm(owner).group(GROUP)).toHaveCount(0);
    const found = await tenant.findUsers([avery.username]);
    expect(found[avery.username]).toMatchObject({ username: avery.username, groups: [] });
  });
});
