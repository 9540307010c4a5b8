// Keyset paging in Reports > Authentication Log: 120 rows of one (unknown) username, written
// straight into the e2e database with groups of three sharing a timestamp, paged 50 at a
// time with "Next page" (no row twice, none missed, in order), then "First page"; the
// export of the same filter has every row.
import { readFile } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import { test, expect } from "@playwright/test";
import { ROLE_ACCOUNTS, authFile } from "./support/accounts";
import { AUTH_LOG_PATH, filterForm, logCells, logRows, writeAuthLog } from "./support/auth-log";

test.describe.configure({ mode: "serial" });
test.use({ storageState: authFile(ROLE_ACCOUNTS["Help Desk"].key) });

const USERNAME = "pager.e2e";
const COUNT = 120;

test.beforeAll(async () => {
  // Long ago (outside every dashboard window), one minute apart per group of three.
  const { inserted } = await writeAuthLog({
    rows: {
      username: USERNAME,
      count: COUNT,
      start: "2025-03-01T00:00:00.000Z",
      stepMs: 60_000,
      ties: 3,
      result: "FAILURE",
      reason: "invalid_password",
    },
  });
  expect(inserted).toBe(COUNT);
});

test("pages through every row once, newest first, across equal timestamps", async ({ page }) => {
  await page.goto(`${AUTH_LOG_PATH}?user=${USERNAME}`);
  await expect(page.getByTestId("user-filter-note")).toContainText("exactly that username");
  const seen: string[] = [];
  const pagination = page.getByRole("navigation", { name: "Pagination" });
  for (const expected of [50, 50, 20]) {
    await expect(logRows(page)).toHaveCount(expected);
    for (const row of await logRows(page).all())
      seen.push((await row.getByRole("link").getAttribute("href"))!.match(/event=([^&]+)/)![1]!);
    const cells = await logCells(page);
    expect(new Set(cells.map((c) => c.user))).toEqual(new Set([USERNAME]));
    if (expected === 20) break;
    await pagination.getByRole("link", { name: "Next page" }).click();
    await expect(page).toHaveURL(/cursor=/);
    await expect(page).toHaveURL(/user=pager\.e2e/);
  }
  await expect(pagination.getByRole("link", { name: "Next page" })).toHaveCount(0);
  expect(seen).toHaveLength(COUNT);
  expect(new Set(seen).size).toBe(COUNT);

  await pagination.getByRole("link", { name: "First page" }).click();
  await expect(page).not.toHaveURL(/cursor=/);
  await expect(logRows(page)).toHaveCount(50);

  // The oldest row is last: the drawer shows its sequence number in the detail JSON.
  await page.goto(`${AUTH_LOG_PATH}?user=${USERNAME}&event=${seen[COUNT - 1]}`);
  await expect(page.getByRole("dialog").getByTestId("event-detail-json")).toHaveText(
    JSON.stringify({ sequence: 0 }, null, 2),
  );
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);
});

test("exports all 120 rows of the filter", async ({ page }) => {
  await page.goto(`${AUTH_LOG_PATH}?user=${USERNAME}`);
  const [download] = await Promise.all([page.waitForEvent("download"), filterForm(page).exportCsv.click()]);
  const rows = parse((await readFile((await download.path())!, "utf8")).replace(/^\uFEFF/, "")) as string[][];
  expect(rows).toHaveLength(COUNT + 1);
  expect(new Set(rows.slice(1).map((r) => r[1]))).toEqual(new Set([USERNAME]));
  const times = rows.slice(1).map((r) => r[0]!);
  expect([...times].sort().reverse()).toEqual(times);
  expect(times.at(-1)).toBe("2025-03-01T00:00:00.000Z");
});
