// Groups as a User Manager uses them: add a group (names are unique ignoring case), edit its
// description and status, find and add members, remove one, see the member count in the
// list and search it by name prefix; delete it, with a confirmation that names what goes
// with it (its memberships, and its place in an application's permitted groups).
import { test, expect } from "@playwright/test";
import { OWNER, ROLE_ACCOUNTS, authFile } from "./support/accounts";
import { applicationForm, openApplication, protectLoopbackSp, type ProtectedApp } from "./support/applications";
import { expectFieldError, field, heading } from "./support/console";
import { removeApplications } from "./support/directory";
import { addGroup, addMembers, groupRow, groupRows, groupsScript, memberRows } from "./support/groups";
import { shot } from "./support/screenshots";
import { TestSp } from "./support/test-sp";

test.describe.configure({ mode: "serial" });

const GROUP = "E2E Field Engineers";
const RENAMED_DESCRIPTION = "Engineers who visit customer sites";
const USERS = [
  { username: "grp.avery", email: "grp.avery@e2e.example.com", realName: "Avery Field" },
  { username: "grp.blake", email: "grp.blake@e2e.example.com", realName: "Blake Field" },
  { username: "grp.casey", email: "casey.other@e2e.example.com", realName: "Casey Field" },
];

let groupId: string;
let sp: TestSp | undefined;
let app: ProtectedApp | undefined;

test.beforeAll(async () => {
  await groupsScript({ createUsers: USERS });
});

test.afterAll(async () => {
  await sp?.stop();
  if (app) await removeApplications([app.id]);
  // Leave the tenant as it was: other specs expect no users and no groups.
  await groupsScript({ cleanup: { usernames: USERS.map((u) => u.username), groups: [GROUP, GROUP.toUpperCase()] } });
});

test.describe("a User Manager", () => {
  test.use({ storageState: authFile(ROLE_ACCOUNTS["User Manager"].key) });

  test("adds a group, and a second group with the same name in other case is refused", async ({ page }) => {
    groupId = await addGroup(page, { name: GROUP, description: "Field staff" });
    await expect(page.getByRole("main").getByRole("status").filter({ hasText: "Group added." })).toBeVisible();
    await expect(page.getByTestId("group-member-count")).toHaveText("0");
    await expect(page.getByRole("heading", { level: 2, name: "No users in this group" })).toBeVisible();

    await page.goto("/admin/groups/new");
    await field(page, "Group name").fill(GROUP.toUpperCase());
    await page.getByRole("button", { name: "Add Group" }).click();
    await expectFieldError(field(page, "Group name"), `A group named “${GROUP}” already exists.`);
    await expect(field(page, "Group name")).toHaveValue(GROUP.toUpperCase());
    await page.goto("/admin/groups");
    await expect(groupRows(page).filter({ hasText: GROUP })).toHaveCount(1);
  });

  test("edits the description and the status; each status is explained", async ({ page }) => {
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

    await page.goto("/admin/groups");
    const row = groupRow(page, GROUP);
    await expect(row).toContainText(RENAMED_DESCRIPTION);
    await expect(row).toContainText("Bypass");
  });

  test("finds users by username or email and adds them; removes one", async ({ page }) => {
    await addMembers(page, groupId, "grp.", ["grp.avery", "grp.blake"]);
    await expect(
      page.getByRole("main").getByRole("status").filter({ hasText: "Added 2 users to the group." }),
    ).toBeVisible();
    await expect(memberRows(page)).toHaveCount(2);
    await expect(memberRows(page).nth(0)).toContainText("grp.avery");
    await expect(memberRows(page).nth(0)).toContainText("Avery Field");
    await expect(memberRows(page).nth(1)).toContainText("grp.blake");
    await expect(page.getByTestId("group-member-count")).toHaveText("2");

    // By email prefix: Casey's email does not start with the username.
    await addMembers(page, groupId, "casey.oth", ["grp.casey"]);
    await expect(memberRows(page)).toHaveCount(3);
    // Members already in the group are marked, not offered again.
    await page.goto(`/admin/groups/${groupId}?find=grp.`);
    await expect(
      page.getByTestId("add-member-candidates").getByRole("listitem").filter({ hasText: "grp.avery" }),
    ).toContainText("Already a member");
    await expect(page.getByTestId("add-member-candidates").getByRole("checkbox", { name: "grp.avery" })).toBeDisabled();

    await memberRows(page)
      .filter({ hasText: "grp.blake" })
      .getByRole("button", { name: "Remove grp.blake from the group" })
      .click();
    await expect(
      page.getByRole("main").getByRole("status").filter({ hasText: "Removed grp.blake from the group." }),
    ).toBeVisible();
    await expect(memberRows(page)).toHaveCount(2);
    await expect(memberRows(page).filter({ hasText: "grp.blake" })).toHaveCount(0);
    await shot(page, "groups-group-page");

    await page.goto("/admin/groups");
    // Columns: Name, Description, Status, Users.
    await expect(groupRow(page, GROUP).getByRole("cell").nth(3)).toHaveText("2");
    // Search by the start of the name, kept in the URL.
    await page.getByRole("searchbox", { name: "Search groups by name" }).fill("e2e field");
    await page.getByRole("search").getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/[?&]q=e2e\+field/);
    await expect(groupRows(page)).toHaveCount(1);
    await shot(page, "groups-list");
    await page.getByRole("searchbox", { name: "Search groups by name" }).fill("field");
    await page.getByRole("search").getByRole("button", { name: "Search" }).click();
    await expect(page.getByRole("heading", { level: 2, name: "No matching groups" })).toBeVisible();
  });
});

test.describe("the Owner", () => {
  test.use({ storageState: authFile(OWNER.key) });

  test("permits the group in an application, then deletes the group after a confirmation naming it", async ({
    page,
  }) => {
    sp = await TestSp.start({ name: "Loopback Field App" });
    app = await protectLoopbackSp(page, sp, { name: "Loopback Field App", permittedGroups: [GROUP] });

    await page.goto(`/admin/groups/${groupId}`);
    await expect(page.getByTestId("group-applications")).toHaveText("Loopback Field App");
    await page.getByRole("button", { name: "Delete Group" }).click();
    const confirm = page.getByRole("group", { name: `Delete ${GROUP}` });
    await expect(confirm).toContainText(`Delete ${GROUP}?`);
    await expect(page.getByTestId("delete-group-consequences")).toContainText(
      "Its 2 members are removed from the group (the users themselves are kept).",
    );
    await expect(page.getByTestId("delete-group-consequences")).toContainText(
      "It is removed from the permitted groups of this application: Loopback Field App.",
    );
    // Cancel keeps it.
    await confirm.getByRole("button", { name: "Cancel" }).click();
    await expect(heading(page, GROUP)).toBeVisible();

    await page.getByRole("button", { name: "Delete Group" }).click();
    await page
      .getByRole("group", { name: `Delete ${GROUP}` })
      .getByRole("button", { name: "Delete", exact: true })
      .click();
    await expect(page).toHaveURL(/\/admin\/groups\?deleted=1$/);
    await expect(
      page.getByRole("main").getByRole("status").filter({ hasText: "The group was deleted." }),
    ).toBeVisible();
    await expect(groupRows(page).filter({ hasText: GROUP })).toHaveCount(0);
    expect((await page.goto(`/admin/groups/${groupId}`))?.status()).toBe(404);

    // The application no longer lists it; the users are still there.
    await openApplication(page, app.id);
    await expect(applicationForm(page).group(GROUP)).toHaveCount(0);
    const { found } = await groupsScript({ findUsers: ["grp.avery"] });
    expect(found["grp.avery"]).toMatchObject({ username: "grp.avery", groups: [] });
  });
});
