// The Groups area as an administrator uses it: the list, Add Group, a group's page (status,
// members). Test data (users, groups) comes from the `tenant` fixture (e2e/support/fixtures.ts).
import { expect, type Page } from "@playwright/test";
import { field, heading } from "./console";

export const groupRows = (page: Page) => page.getByTestId("group-row");
export const groupRow = (page: Page, name: string) =>
  groupRows(page).filter({ has: page.getByRole("link", { name, exact: true }) });
export const memberRows = (page: Page) => page.getByTestId("member-row");

/** Groups → Add Group → fill → Add Group; waits for the new group's page. Returns its id. */
export async function addGroup(
  page: Page,
  g: { name: string; description?: string; status?: "Active" | "Bypass" | "Disabled" },
): Promise<string> {
  await page.goto("/admin/groups");
  await page.getByRole("main").getByRole("link", { name: "Add Group" }).first().click();
  await expect(heading(page, "Add Group")).toBeVisible();
  await field(page, "Group name").fill(g.name);
  if (g.description) await field(page, "Description").fill(g.description);
  if (g.status) await page.getByRole("radio", { name: new RegExp(`^${g.status}`) }).check();
  await page.getByRole("button", { name: "Add Group" }).click();
  await expect(page).toHaveURL(/\/admin\/groups\/[^/?]+\?created=1$/);
  await expect(heading(page, g.name)).toBeVisible();
  return /\/admin\/groups\/([^/?]+)/.exec(page.url())![1]!;
}

/** On a group page: change the status (and optionally the description), Save Changes. */
export async function setGroupStatus(page: Page, id: string, status: "Active" | "Bypass" | "Disabled") {
  await page.goto(`/admin/groups/${id}`);
  await page.getByRole("radio", { name: new RegExp(`^${status}`) }).check();
  await page.getByRole("button", { name: "Save Changes" }).click();
  await expect(page.getByRole("main").getByRole("status").filter({ hasText: "Group saved." })).toBeVisible();
}

/** On a group page: find users by a prefix and add the ones named. */
export async function addMembers(page: Page, id: string, find: string, usernames: string[]) {
  await page.goto(`/admin/groups/${id}`);
  await page.getByRole("searchbox", { name: "Find users by username or email" }).fill(find);
  await page
    .getByRole("search")
    .filter({ has: page.getByRole("searchbox", { name: "Find users by username or email" }) })
    .getByRole("button", { name: "Search" })
    .click();
  await expect(page).toHaveURL(/[?&]find=/);
  const candidates = page.getByTestId("add-member-candidates");
  for (const u of usernames) await candidates.getByRole("checkbox", { name: u, exact: true }).check();
  await page.getByRole("button", { name: "Add to Group" }).click();
  await expect(page).toHaveURL(/\?added=\d+$/);
}
