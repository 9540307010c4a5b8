// The "sessions" project, after tenant.setup.ts and side by side: each role administrator
// signs in once and enrolls (sessions in e2e/.auth/<key>.json), and the console of a tenant
// that has administrators but no data yet shows every area's empty state and the Dashboard's
// zero counts. Here, because the specs add data from the moment they start.
import { test as setup, expect } from "@playwright/test";
import { OWNER, ROLE_ACCOUNTS, authFile } from "../support/accounts";
import { heading, signIn } from "../support/console";
import { shot } from "../support/screenshots";

for (const a of Object.values(ROLE_ACCOUNTS)) {
  setup(`the ${a.role} administrator signs in once and enrolls`, async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, a);
    await expect(page.getByTestId("actor-role")).toHaveText(a.role);
    await context.storageState({ path: authFile(a.key) });
    await context.close();
  });
}

setup.describe("a new tenant's console", () => {
  setup.use({ storageState: authFile(OWNER.key) });

  const EMPTY: ReadonlyArray<{ label: string; path: string; empty: string }> = [
    { label: "Applications", path: "/admin/applications", empty: "No applications protected yet" },
    { label: "Users", path: "/admin/users", empty: "No users yet" },
    { label: "Groups", path: "/admin/groups", empty: "No groups yet" },
    { label: "Policies", path: "/admin/policies", empty: "No custom policies yet" },
    { label: "Trusted Endpoints", path: "/admin/trusted-endpoints", empty: "No endpoints yet" },
    { label: "Authentication Log", path: "/admin/reports/authentication-log", empty: "No authentications yet" },
  ];

  setup("areas without data show their empty state", async ({ page }) => {
    for (const item of EMPTY) {
      await page.goto(item.path);
      await expect(heading(page, item.label)).toBeVisible();
      await expect(page.getByRole("heading", { level: 2, name: item.empty, exact: true })).toBeVisible();
      await shot(page, `empty-state-${item.label.toLowerCase().replace(/\s+/g, "-")}`);
    }
  });

  setup("the Dashboard shows zero counts and the getting-started steps on a new tenant", async ({ page }) => {
    await page.goto("/admin");
    await expect(page.getByRole("main")).toContainText(`Welcome, ${OWNER.name}.`);
    for (const id of ["applications", "users", "groups"]) await expect(page.getByTestId(`count-${id}`)).toHaveText("0");
    await expect(page.getByRole("link", { name: /Applications\s*0/ })).toHaveAttribute("href", "/admin/applications");
    const steps = page
      .getByRole("heading", { name: "Getting started" })
      .locator("xpath=ancestor::section[1]")
      .getByRole("listitem");
    await expect(steps).toHaveCount(3);
    await expect(steps.nth(0)).toContainText("(to do)");
    await expect(steps.nth(1)).toContainText("(to do)");
    // Several administrators exist by now.
    await expect(steps.nth(2)).toContainText("(done)");
    // No sign-ins and no users yet: the chart says so, every status counts zero.
    await expect(page.getByTestId("auth-chart")).toContainText("No sign-in attempts in this period yet.");
    for (const id of ["success", "denied", "failure"])
      await expect(page.getByTestId(`chart-total-${id}`)).toHaveText("0");
    for (const id of ["active", "bypass", "disabled", "locked_out", "enrolled", "not-enrolled"])
      await expect(page.getByTestId(`status-${id}`)).toHaveText("0");
  });
});
