// The Groups and Users-import areas as an administrator uses them, and the test data they
// need (groups-script.mts writes it into the e2e database and removes it afterwards, so
// that specs which expect an empty tenant still find one).
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { expect, type Page } from "@playwright/test";
import { field, heading } from "./console";

const ROOT = path.join(__dirname, "..", "..");
const DATA_DIR = path.join(ROOT, "e2e", ".data");

export type StoredUser = {
  username: string;
  email: string | null;
  realName: string | null;
  status: string;
  isEnrolled: boolean;
  deletedAt: string | null;
  aliases: string[];
  groups: string[];
};
type ScriptInput = {
  createGroups?: string[];
  createUsers?: { username: string; email?: string; realName?: string; password?: string }[];
  memberships?: { group: string; username: string }[];
  findUsers?: string[];
  cleanup?: { usernames?: string[]; groups?: string[] };
};
type ScriptOutput = {
  users: Record<string, string>;
  groups: Record<string, string>;
  found: Record<string, StoredUser | null>;
};

export async function groupsScript(input: ScriptInput): Promise<ScriptOutput> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      path.join("scripts", "with-env.mjs"),
      "tsx",
      path.join("e2e", "support", "groups-script.mts"),
      JSON.stringify(input),
    ],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        PORTCULLIS_DATA_DIR: DATA_DIR,
        DATABASE_URL: `file:${path.join(DATA_DIR, "portcullis.db")}`,
        NODE_ENV: "production",
      },
      timeout: 60_000,
    },
  );
  return JSON.parse(stdout.trim().split("\n").pop() ?? "") as ScriptOutput;
}

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
