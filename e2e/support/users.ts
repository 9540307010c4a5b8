// The Users page and a user's page as an administrator uses them. Test users come from the
// `tenant` fixture (e2e/support/fixtures.ts).
import { expect, type Page } from "@playwright/test";
import { field, heading } from "./console";

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
