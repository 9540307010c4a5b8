// The Users page as an administrator uses it, and end users prepared for it (see
// users-script.mts): names are made unique per run so that reruns against one database and
// other specs' users never collide.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { expect, type Page } from "@playwright/test";
import { field, heading } from "./console";

const ROOT = path.join(__dirname, "..", "..");
const DATA_DIR = path.join(ROOT, "e2e", ".data");

export type SeedUser = {
  username: string;
  email?: string;
  realName?: string;
  status?: "ACTIVE" | "BYPASS" | "DISABLED" | "LOCKED_OUT";
  aliases?: string[];
  groups?: string[];
  authenticators?: { type: "TOTP" | "WEBAUTHN"; name: string }[];
};

/** A short suffix unique to this run, for usernames, aliases and groups. */
export const RUN = Date.now().toString(36).slice(-5);

/** Writes users into the e2e database; returns username -> id. */
export async function seedUsers(users: SeedUser[]): Promise<Record<string, string>> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      path.join("scripts", "with-env.mjs"),
      "tsx",
      path.join("e2e", "support", "users-script.mts"),
      JSON.stringify(users),
    ],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        PORTCULLIS_DATA_DIR: DATA_DIR,
        DATABASE_URL: process.env.PORTCULLIS_E2E_DATABASE_URL || `file:${path.join(DATA_DIR, "portcullis.db")}`,
        NODE_ENV: "production",
      },
      timeout: 60_000,
    },
  );
  return JSON.parse(stdout.trim().split("\n").pop() ?? "{}") as Record<string, string>;
}

export const userRows = (page: Page) => page.getByTestId("user-row");
export const userRow = (page: Page, username: string) =>
  userRows(page).filter({ has: page.getByRole("link", { name: username, exact: true }) });

/** Types into the Users search box and waits for the URL to carry it. */
export async function searchUsers(page: Page, q: string) {
  await page.getByRole("searchbox", { name: "Search users" }).fill(q);
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]q=${encodeURIComponent(q).replace(/\./g, "\\.")}`));
}

export async function openUser(page: Page, id: string, username: string) {
  await page.goto(`/admin/users/${id}`);
  await expect(heading(page, username)).toBeVisible();
}

/** A card of the user page by its title. */
export const card = (page: Page, title: string) =>
  page.locator("section").filter({ has: page.getByRole("heading", { level: 2, name: title, exact: true }) });

/** The line under a user page's heading: status and enrollment badges, last login. */
export const summary = (page: Page) => page.locator("h1 + p");

export { field };
