// Reports > Authentication Log as a Help Desk administrator sees it, with rows made by real
// sign-ins at the hosted sign-in page (a loopback SP protected for this spec): filters by
// application, result, reason, user (username, alias, any case; unknown names as typed) and
// time (presets, custom UTC range, validation); the detail drawer by keyboard and by URL; the
// CSV export of the current filter.
import { readFile } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import { test, expect } from "@playwright/test";
import { ROLE_ACCOUNTS, authFile } from "./support/accounts";
import { protectLoopbackSp, type ProtectedApp } from "./support/applications";
import { alerts, heading } from "./support/console";
import { ensureDirectory, removeApplications, USERS } from "./support/directory";
import { enterIdentifier, enterPassword, expectSignInPage, expectSpSignedIn } from "./support/hosted-sign-in";
import { AUTH_LOG_PATH, applyFilters, filterForm, logCells, logRows } from "./support/auth-log";
import { shot } from "./support/screenshots";
import { TestSp } from "./support/test-sp";

test.describe.configure({ mode: "serial" });

const APP = "Loopback Ledger";
const UNKNOWN = "Nobody.Ledger@e2e.example.com";

let sp: TestSp;
let app: ProtectedApp;

test.beforeAll(async () => {
  await ensureDirectory();
  sp = await TestSp.start({ name: APP });
});

test.afterAll(async () => {
  await sp?.stop();
  if (app) await removeApplications([app.id]);
});

test.describe("setup", () => {
  test.use({ storageState: authFile(ROLE_ACCOUNTS["Application Manager"].key) });
  test("an application is protected", async ({ page }) => {
    app = await protectLoopbackSp(page, sp, { name: APP });
  });
});

test("end users sign in: a wrong password, an unknown user, a disabled account, a success", async ({
  page,
  browser,
}) => {
  await page.goto(sp.loginUrl());
  await expectSignInPage(page, APP);
  await enterIdentifier(page, USERS.avery.username);
  await enterPassword(page, "wrong-password-ledger");
  await page.getByRole("button", { name: "Not you? Use another account" }).click();
  await enterIdentifier(page, UNKNOWN);
  await enterPassword(page, "whatever-password");
  await page.getByRole("button", { name: "Not you? Use another account" }).click();
  await enterIdentifier(page, USERS.dana.username);
  await enterPassword(page, USERS.dana.password);
  await expect(page.getByTestId("sign-in-denied")).toBeVisible();

  const other = await browser.newContext();
  const second = await other.newPage();
  await second.goto(sp.loginUrl());
  await expectSignInPage(second, APP);
  await enterIdentifier(second, "alexa");
  await enterPassword(second, USERS.alex.password);
  await expectSpSignedIn(second, sp, USERS.alex.username);
  await other.close();
});

test.describe("a Help Desk administrator", () => {
  test.use({ storageState: authFile(ROLE_ACCOUNTS["Help Desk"].key) });

  test("filters by application, result, reason and user", async ({ page }) => {
    await page.goto(AUTH_LOG_PATH);
    await expect(heading(page, "Authentication Log")).toBeVisible();
    await expect(page.getByRole("table", { name: "Authentication Log" }).getByRole("columnheader")).toHaveText([
      "Time (UTC)",
      "User",
      "Application",
      "Result",
      "Reason",
      "Factor",
      "IP address",
    ]);

    await applyFilters(page, { application: APP });
    await expect(page).toHaveURL(new RegExp(`application=${app.id}`));
    const all = await logCells(page);
    expect(all.map((r) => [r.user, r.application, r.result, r.reason, r.code, r.factor])).toEqual([
      [USERS.alex.username, APP, "Success", "Valid passcode", "valid_passcode", "Authenticator app passcode"],
      [USERS.dana.username, APP, "Denied", "User disabled", "user_disabled", "Password"],
      [UNKNOWN, APP, "Failure", "Unknown user", "unknown_user", "Password"],
      [USERS.avery.username, APP, "Failure", "Invalid password", "invalid_password", "Password"],
    ]);
    for (const r of all) {
      expect(r.ip).not.toBe("");
      expect(r.time).toMatch(/^[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2}:\d{2} [AP]M$/);
    }

    // The form keeps the filter, and a second one narrows it further.
    await expect(filterForm(page).application).toHaveValue(app.id);
    await applyFilters(page, { result: "Denied" });
    expect((await logCells(page)).map((r) => r.user)).toEqual([USERS.dana.username]);
    await applyFilters(page, { result: "All results", reason: "Invalid password" });
    expect((await logCells(page)).map((r) => r.user)).toEqual([USERS.avery.username]);

    // A user by alias, in another case: every row of that user (the alias resolves to alex.alias).
    await applyFilters(page, { reason: "All reasons", user: "ALEXA" });
    await expect(page.getByTestId("user-filter-note")).toHaveText(`Showing the events of user ${USERS.alex.username}.`);
    expect((await logCells(page)).map((r) => [r.user, r.result])).toEqual([[USERS.alex.username, "Success"]]);
    // An unknown user matches exactly what was typed at sign-in.
    await applyFilters(page, { user: UNKNOWN });
    await expect(page.getByTestId("user-filter-note")).toContainText("showing attempts with exactly that username");
    expect((await logCells(page)).map((r) => r.reason)).toEqual(["Unknown user"]);
    await applyFilters(page, { user: UNKNOWN.toLowerCase() });
    await expect(page.getByRole("heading", { name: "No authentications match these filters" })).toBeVisible();

    await filterForm(page).clear.click();
    await expect(page).toHaveURL(new RegExp(`${AUTH_LOG_PATH}$`));
    await expect(filterForm(page).application).toHaveValue("");
  });

  test("filters by time: presets, a custom UTC range, and refuses a bad range", async ({ page }) => {
    await page.goto(`${AUTH_LOG_PATH}?application=${app.id}`);
    await applyFilters(page, { range: "Last 24 hours" });
    await expect(logRows(page)).toHaveCount(4);
    await applyFilters(page, { range: "Last 7 days" });
    await expect(logRows(page)).toHaveCount(4);

    const now = new Date();
    const minute = (d: Date) => d.toISOString().slice(0, 16);
    await applyFilters(page, {
      range: "Custom range (UTC)",
      from: minute(new Date(now.getTime() - 3600_000)),
      to: minute(new Date(now.getTime() + 60_000)),
    });
    await expect(logRows(page)).toHaveCount(4);
    await applyFilters(page, {
      range: "Custom range (UTC)",
      from: minute(new Date(now.getTime() + 86_400_000)),
      to: "",
    });
    await expect(page.getByRole("heading", { name: "No authentications match these filters" })).toBeVisible();

    // The end before the start: a message beside "To (UTC)", no rows, no export.
    await applyFilters(page, { range: "Custom range (UTC)", from: "2026-11-02T00:00", to: "2026-11-01T00:00" });
    const to = filterForm(page).to;
    await expect(to).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText("The end must be after the start.")).toBeVisible();
    await expect(alerts(page).filter({ hasText: "Correct the filters" })).toBeVisible();
    await expect(logRows(page)).toHaveCount(0);
    await expect(filterForm(page).exportCsv).toHaveCount(0);
    // A hand-edited URL with an impossible date is refused the same way.
    await page.goto(`${AUTH_LOG_PATH}?range=custom&from=2026-02-30T10:00`);
    await expect(page.getByText("Enter a valid start date and time (UTC), like 2026-11-22T08:00.")).toBeVisible();
    await expect(logRows(page)).toHaveCount(0);
  });

  test("opens the detail drawer with Enter, keeps focus inside, and closes it with Escape", async ({ page }) => {
    await page.goto(`${AUTH_LOG_PATH}?application=${app.id}&result=failure`);
    await expect(logRows(page)).toHaveCount(2);
    const link = logRows(page).nth(1).getByRole("link");
    await link.focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: "Authentication details" });
    await expect(dialog).toBeVisible();
    await expect(page).toHaveURL(/event=/);
    await expect(dialog.getByRole("heading", { name: "Authentication details" })).toBeFocused();
    const details = dialog.getByTestId("event-details");
    await expect(details).toContainText("Invalid password (invalid_password)");
    await expect(details).toContainText(USERS.avery.username);
    await expect(details).toContainText(APP);
    await expect(details).toContainText(/Browser\s*Chrome \d+/);
    await expect(details).toContainText(/Operating system\s*Linux/);
    await expect(details).toContainText(/User agent\s*Mozilla\/5\.0/);
    await expect(details).not.toContainText("wrong-password-ledger");
    // Tab cycles inside the dialog.
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press("Tab");
      expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    }
    await shot(page, "authentication-log-drawer");
    await page.keyboard.press("Escape");
    await expect(dialog).toHaveCount(0);
    await expect(page).not.toHaveURL(/event=/);
    await expect(page).toHaveURL(/result=failure/);
    await expect(link).toBeFocused();
  });

  test("the drawer is addressable by URL and renders without JavaScript", async ({ browser }) => {
    const context = await browser.newContext({
      storageState: authFile(ROLE_ACCOUNTS["Help Desk"].key),
      javaScriptEnabled: false,
    });
    const page = await context.newPage();
    await page.goto(`${AUTH_LOG_PATH}?application=${app.id}&reason=user_disabled`);
    await expect(logRows(page)).toHaveCount(1);
    const href = await logRows(page).first().getByRole("link").getAttribute("href");
    await page.goto(href!);
    const dialog = page.getByRole("dialog", { name: "Authentication details" });
    await expect(dialog).toContainText("User disabled (user_disabled)");
    await expect(dialog).toContainText(USERS.dana.username);
    await dialog.getByRole("link", { name: "Close event details" }).click();
    await expect(page.getByRole("dialog")).toHaveCount(0);
    await expect(page).toHaveURL(/reason=user_disabled/);
    // An unknown event id says so.
    await page.goto(`${AUTH_LOG_PATH}?event=doesnotexist`);
    await expect(page.getByRole("dialog", { name: "Event not found" })).toBeVisible();
    await context.close();
  });

  test("exports the current filter as CSV", async ({ page }) => {
    await page.goto(`${AUTH_LOG_PATH}?application=${app.id}`);
    await applyFilters(page, { result: "Failure" });
    const [download] = await Promise.all([page.waitForEvent("download"), filterForm(page).exportCsv.click()]);
    expect(download.suggestedFilename()).toMatch(/^authentication-log-\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2}\.csv$/);
    const text = (await readFile((await download.path())!, "utf8")).replace(/^\uFEFF/, "");
    const rows = parse(text) as string[][];
    expect(rows[0]).toEqual([
      "Time (UTC)",
      "User",
      "Application",
      "Result",
      "Reason",
      "Reason code",
      "Factor",
      "IP address",
      "Browser/OS",
      "User agent",
      "Endpoint",
      "Event ID",
    ]);
    expect(rows.slice(1).map((r) => [r[1], r[2], r[3], r[5]])).toEqual([
      [UNKNOWN, APP, "Failure", "unknown_user"],
      [USERS.avery.username, APP, "Failure", "invalid_password"],
    ]);
    for (const r of rows.slice(1)) expect(r[0]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });
});

test.describe("a Read-only administrator", () => {
  test.use({ storageState: authFile(ROLE_ACCOUNTS["Read-only"].key) });
  test("views the same log and its filters", async ({ page }) => {
    await page.goto(`${AUTH_LOG_PATH}?application=${app.id}`);
    await expect(logRows(page)).toHaveCount(4);
    await expect(filterForm(page).exportCsv).toBeVisible();
  });
});
