// Keyset paging in Reports > Authentication Log: 120 rows of one (unknown) username, written
// straight into the e2e database with groups of three sharing a timestamp, paged 50 at a
// time with "Next page" (no row twice, none missed, in order), then "First page"; the
// export of the same filter has every row.
import { readFile } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import { test, expect, type TestTenant } from "./support/fixtures";
import { ROLE_ACCOUNTS, authFile } from "./support/accounts";
import { AUTH_LOG_PATH, filterForm, logCells, logRows } from "./support/auth-log";

test.use({ storageState: authFile(ROLE_ACCOUNTS["Help Desk"].key) });

const COUNT = 120;

/** 120 failed attempts of a new username long ago (outside every dashboard window), a minute apart per group of three. */
async function pagerRows(tenant: TestTenant): Promise<string> {
  const username = tenant.id("pager");
  const inserted = await tenant.authLogRows({
    username,
    count: COUNT,
    start: "2025-03-01T00:00:00.000Z",
    stepMs: 60_000,
    ties: 3,
    result: "FAILURE",
    reason: "invalid_password",
  });
  expect(inserted).toBe(COUNT);
  return username;
}

test("pages through every row once, newest first, across equal timestamps", async ({ page, tenant }) => {
  const username = await pagerRows(tenant);
  await page.goto(`${AUTH_LOG_PATH}?user=${username}`);
  await expect(page.getByTestId("user-filter-note")).toContainText("exactly that username");
  const seen: string[] = [];
  const pagination = page.getByRole("navigation", { name: "Pagination" });
  for (const expected of [50, 50, 20]) {
    await expect(logRows(page)).toHaveCount(expected);
    for (const row of await logRows(page).all())
      seen.push((await row.getByRole("link").getAttribute("href"))!.match(/event=([^&]+)/)![1]!);
    const cells = await logCells(page);
    expect(new Set(cells.map((c) => c.user))).toEqual(new Set([username]));
    if (expected === 20) break;
    await pagination.getByRole("link", { name: "Next page" }).click();
    await expect(page).toHaveURL(/cursor=/);
    await expect(page).toHaveURL(new RegExp(`user=${username.replace(/\./g, "\\.")}`));
  }
  await expect(pagination.getByRole("link", { name: "Next page" })).toHaveCount(0);
  expect(seen).toHaveLength(COUNT);
  expect(new Set(seen).size).toBe(COUNT);

  await pagination.getByRole("link", { name: "First page" }).click();
  await expect(page).not.toHaveURL(/cursor=/);
  await expect(logRows(page)).toHaveCount(50);

  // The oldest row is last: the drawer shows its sequence number in the detail JSON.
  await page.goto(`${AUTH_LOG_PATH}?user=${username}&event=${seen[COUNT - 1]}`);
  const dialog = page.getByRole("dialog", { name: "Authentication details" });
  await expect(dialog.getByTestId("event-detail-json")).toHaveText(JSON.stringify({ sequence: 0 }, null, 2));
  // The server rendered the drawer; once the page is interactive it takes the focus, and
  // only then does Escape close it (before that, the Close link does).
  await expect(dialog.getByRole("heading", { name: "Authentication details" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(page).toHaveURL(new RegExp(`user=${username.replace(/\./g, "\\.")}$`));
});

test("exports all 120 rows of the filter", async ({ page, tenant }) => {
  const username = await pagerRows(tenant);
  await page.goto(`${AUTH_LOG_PATH}?user=${username}`);
  const [download] = await Promise.all([page.waitForEvent("download"), filterForm(page).exportCsv.click()]);
  const rows = parse((await readFile((await download.path())!, "utf8")).replace(/^\uFEFF/, "")) as string[][];
  expect(rows).toHaveLength(COUNT + 1);
  expect(new Set(rows.slice(1).map((r) => r[1]))).toEqual(new Set([username]));
  const times = rows.slice(1).map((r) => r[0]!);
  expect([...times].sort().reverse()).toEqual(times);
  expect(times.at(-1)).toBe("2025-03-01T00:00:00.000Z");
});
