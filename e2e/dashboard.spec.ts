// The Dashboard: "Authentications" by result over time (inline SVG with a title, legend and a
// data table) and users by status. Users in Bypass and Disabled status and a few log rows
// are written into the e2e database; the figures move by exactly that much, which holds only
// while no other test signs in or adds users: that test runs alone (EXCLUSIVE).
import type { Page } from "@playwright/test";
import { test, expect, EXCLUSIVE } from "./support/fixtures";
import { OWNER, ROLE_ACCOUNTS, authFile } from "./support/accounts";
import { shot } from "./support/screenshots";

const count = async (page: Page, testId: string) =>
  Number((await page.getByTestId(testId).innerText()).replace(/,/g, ""));

async function figures(page: Page) {
  return {
    success: await count(page, "chart-total-success"),
    denied: await count(page, "chart-total-denied"),
    failure: await count(page, "chart-total-failure"),
    active: await count(page, "status-active"),
    bypass: await count(page, "status-bypass"),
    disabled: await count(page, "status-disabled"),
    lockedOut: await count(page, "status-locked_out"),
    notEnrolled: await count(page, "status-not-enrolled"),
  };
}

test.describe("the Owner", () => {
  test.use({ storageState: authFile(OWNER.key) });

  test("sees new users by status and new authentications in the chart", EXCLUSIVE, async ({ page, tenant }) => {
    await page.goto("/admin");
    const chart = page.getByTestId("auth-chart");
    await expect(chart.getByRole("heading", { name: "Authentications" })).toBeVisible();
    await expect(chart.getByRole("link", { name: "Last 7 days" })).toHaveAttribute("aria-current", "true");
    const before = await figures(page);

    await tenant.user({ name: "bea.bypass", status: "BYPASS", enrolled: false });
    await tenant.user({ name: "dora.disabled", status: "DISABLED", enrolled: false });
    const username = tenant.id("dash");
    await tenant.authLogRows({
      username,
      count: 3,
      start: new Date(Date.now() - 120_000).toISOString(),
      stepMs: 1000,
      result: "SUCCESS",
      reason: "valid_password",
    });
    await tenant.authLogRows({
      username,
      count: 2,
      start: new Date(Date.now() - 60_000).toISOString(),
      stepMs: 1000,
      result: "DENIED",
      reason: "user_disabled",
    });

    await page.reload();
    const after = await figures(page);
    expect(after).toEqual({
      ...before,
      success: before.success + 3,
      denied: before.denied + 2,
      bypass: before.bypass + 1,
      disabled: before.disabled + 1,
      notEnrolled: before.notEnrolled + 2,
    });

    // The chart is an image with a title and a description that carries the totals.
    const svg = chart.getByRole("img", { name: "Authentications by result, last 7 days" });
    await expect(svg).toBeVisible();
    await expect(svg.locator("desc")).toContainText(`${after.success.toLocaleString("en-US")} success`);
    await expect(svg.locator("rect").first()).toBeVisible();
    // The same figures as a table; the last periods (the rows are two minutes old) hold the new rows.
    await chart.getByText("Show the data as a table").click();
    const table = chart.getByRole("table");
    await expect(table.getByRole("row")).toHaveCount(29);
    const cells = async (i: number) =>
      (await table.getByRole("row").nth(i).getByRole("cell").allInnerTexts()).map((t) => Number(t.replace(/,/g, "")));
    const [a, b] = [await cells(27), await cells(28)];
    expect(a[0]! + b[0]!).toBeGreaterThanOrEqual(3);
    expect(a[1]! + b[1]!).toBeGreaterThanOrEqual(2);
    await shot(page, "dashboard");

    // Another range, by URL.
    await chart.getByRole("link", { name: "Last 24 hours" }).click();
    await expect(page).toHaveURL(/\/admin\?range=24h$/);
    await expect(chart.getByRole("img", { name: "Authentications by result, last 24 hours" })).toBeVisible();
    await chart.getByText("Show the data as a table").click();
    await expect(chart.getByRole("table").getByRole("row")).toHaveCount(25);
    await chart.getByRole("link", { name: "Last 30 days" }).click();
    await expect(page).toHaveURL(/\/admin\?range=30d$/);
    await expect(chart.getByRole("img", { name: "Authentications by result, last 30 days" })).toBeVisible();
  });
});

test.describe("a Help Desk administrator", () => {
  test.use({ storageState: authFile(ROLE_ACCOUNTS["Help Desk"].key) });
  test("sees the chart and the users by status too", async ({ page, tenant }) => {
    await tenant.user({ name: "bo.bypass", status: "BYPASS" });
    await page.goto("/admin");
    await expect(page.getByTestId("auth-chart")).toBeVisible();
    await expect(page.getByTestId("user-status").getByRole("heading", { name: "Users by status" })).toBeVisible();
    expect(await count(page, "status-bypass")).toBeGreaterThanOrEqual(1);
  });
});
