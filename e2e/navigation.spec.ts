// Every page of the console renders for the Owner: its heading, the active sidebar item and
// no error (a screenshot of each for people to look at). The empty states and the
// Dashboard's zero counts of a new tenant are checked in the setup project
// (e2e/setup/tenant.setup.ts), before any spec adds data.
import { test, expect } from "./support/fixtures";
import { OWNER, authFile } from "./support/accounts";
import { heading } from "./support/console";
import { shot } from "./support/screenshots";

test.use({ storageState: authFile(OWNER.key) });

/** Each sidebar item: its label (= the page's h1) and path. */
const NAV: ReadonlyArray<{ label: string; path: string }> = [
  { label: "Dashboard", path: "/admin" },
  { label: "Applications", path: "/admin/applications" },
  { label: "Users", path: "/admin/users" },
  { label: "Groups", path: "/admin/groups" },
  { label: "Policies", path: "/admin/policies" },
  { label: "Trusted Endpoints", path: "/admin/trusted-endpoints" },
  { label: "Authentication Log", path: "/admin/reports/authentication-log" },
  { label: "Administrator Log", path: "/admin/reports/administrator-log" },
  { label: "Administrators", path: "/admin/administrators" },
  { label: "Settings", path: "/admin/settings" },
];

const ERROR_TEXT = /Something went wrong|Application error|Internal Server Error|Unhandled Runtime Error/;

test("every sidebar page renders with its heading and no error", async ({ page }) => {
  const problems: string[] = [];
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => {
    // The app has no favicon yet; the browser's own request for it is not the page's error.
    if (m.type() === "error" && !m.location().url.endsWith("/favicon.ico"))
      problems.push(`console error: ${m.text()} (${m.location().url})`);
  });
  page.on("response", (r) => {
    if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
  });

  await page.goto("/admin");
  const sidebar = page.getByRole("navigation", { name: "Console" });
  await expect(sidebar.getByRole("listitem").getByRole("link")).toHaveText(NAV.map((n) => n.label));

  for (const item of NAV) {
    // By the sidebar, as a person would (client-side navigation) ...
    await sidebar.getByRole("link", { name: item.label, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`${item.path.replace(/\//g, "\\/")}$`));
    await expect(heading(page, item.label)).toBeVisible();
    await expect(sidebar.getByRole("link", { name: item.label, exact: true })).toHaveAttribute("aria-current", "page");
    await expect(sidebar.locator('[aria-current="page"]')).toHaveCount(1);
    // ... and by loading the address directly.
    const response = await page.goto(item.path);
    expect(response?.status(), item.path).toBe(200);
    await expect(heading(page, item.label)).toBeVisible();
    await expect(page).toHaveTitle(`${item.label} · Portcullis`);
    await expect(page.locator("body")).not.toContainText(ERROR_TEXT);
    await expect(page.getByText("You don't have access to this page")).toHaveCount(0);
    await shot(page, `console-${item.label.toLowerCase().replace(/\s+/g, "-")}`);
  }
  expect(problems).toEqual([]);
});

test("the Administrator Log lists changes and sign-ins, newest first", async ({ page }) => {
  await page.goto("/admin/reports/administrator-log");
  const rows = page.getByTestId("adminlog-row");
  await expect(rows.first()).toBeVisible();
  await expect(page.getByRole("table", { name: "Administrator Log" }).getByRole("columnheader")).toHaveText([
    "Time (UTC)",
    "Administrator",
    "Action",
    "Object",
    "Details",
  ]);
  const times = await rows.locator("time").evaluateAll((els) => els.map((e) => e.getAttribute("datetime") ?? ""));
  expect(times.length).toBeGreaterThan(1);
  expect([...times].sort().reverse()).toEqual(times);
});

test("an unknown console address shows the not-found page", async ({ page }) => {
  const response = await page.goto("/admin/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(heading(page, "Page not found")).toBeVisible();
  await expect(page.getByRole("link", { name: "Go to the console" })).toHaveAttribute("href", "/admin");
});
