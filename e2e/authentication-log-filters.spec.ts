// Reports > Authentication Log as a Help Desk administrator sees it, with rows made by real
// sign-ins at the hosted sign-in page (a loopback SP protected for this test): filters by
// application, result, reason, user (username, alias, any case; unknown names as typed) and
// time (presets, custom UTC range, validation); the detail drawer by keyboard and by URL; the
// CSV export of the current filter; and the same log for a Read-only administrator.
import { readFile } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import { test, expect } from "./support/fixtures";
import { ROLE_ACCOUNTS, authFile } from "./support/accounts";
import { alerts, heading } from "./support/console";
import { enterIdentifier, enterPassword, expectSignInPage, expectSpSignedIn } from "./support/hosted-sign-in";
import { AUTH_LOG_PATH, applyFilters, filterForm, logCells, logRows } from "./support/auth-log";
import { shot } from "./support/screenshots";

test("a Help Desk administrator filters, opens and exports the rows of real sign-ins", async ({
  page,
  browser,
  tenant,
  consoleAs,
}) => {
  const sp = await tenant.sp({ name: "Loopback Ledger" });
  const app = await tenant.app(sp);
  const APP = app.name;
  const UNKNOWN = `${tenant.id("Nobody.Ledger")}@e2e.example.com`;
  const avery = await tenant.user({ name: "avery" });
  const dana = await tenant.user({ name: "dana", status: "DISABLED" });
  const alex = await tenant.user({ name: "alex", aliases: ["alexa"] });

  await test.step("end users sign in: a wrong password, an unknown user, a disabled account, a success", async () => {
    await page.goto(sp.loginUrl());
    await expectSignInPage(page, APP);
    await enterIdentifier(page, avery.username);
    await enterPassword(page, "wrong-password-ledger");
    await page.getByRole("button", { name: "Not you? Use another account" }).click();
    await enterIdentifier(page, UNKNOWN);
    await enterPassword(page, "whatever-password");
    await page.getByRole("button", { name: "Not you? Use another account" }).click();
    await enterIdentifier(page, dana.username);
    await enterPassword(page, dana.password);
    await expect(page.getByTestId("sign-in-denied")).toBeVisible();

    const other = await browser.newContext();
    const second = await other.newPage();
    await second.goto(sp.loginUrl());
    await expectSignInPage(second, APP);
    await enterIdentifier(second, alex.aliases[0]!);
    await enterPassword(second, alex);
    await expectSpSignedIn(second, sp, alex.username);
    await other.close();
  });

  const helpDesk = await consoleAs("Help Desk");
  await test.step("filters by application, result, reason and user", async () => {
    await helpDesk.goto(AUTH_LOG_PATH);
    await expect(heading(helpDesk, "Authentication Log")).toBeVisible();
    await expect(helpDesk.getByRole("table", { name: "Authentication Log" }).getByRole("columnheader")).toHaveText([
      "Time (UTC)",
      "User",
      "Application",
      "Result",
      "Reason",
      "Factor",
      "IP address",
    ]);

    await applyFilters(helpDesk, { application: APP });
    await expect(helpDesk).toHaveURL(new RegExp(`application=${app.id}`));
    const all = await logCells(helpDesk);
    expect(all.map((r) => [r.user, r.application, r.result, r.reason, r.code, r.factor])).toEqual([
      [alex.username, APP, "Success", "Valid passcode", "valid_passcode", "Authenticator app passcode"],
      [dana.username, APP, "Denied", "User disabled", "user_disabled", "Password"],
      [UNKNOWN, APP, "Failure", "Unknown user", "unknown_user", "Password"],
      [avery.username, APP, "Failure", "Invalid password", "invalid_password", "Password"],
    ]);
    for (const r of all) {
      expect(r.ip).not.toBe("");
      expect(r.time).toMatch(/^[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2}:\d{2} [AP]M$/);
    }

    // The form keeps the filter, and a second one narrows it further.
    await expect(filterForm(helpDesk).application).toHaveValue(app.id);
    await applyFilters(helpDesk, { result: "Denied" });
    expect((await logCells(helpDesk)).map((r) => r.user)).toEqual([dana.username]);
    await applyFilters(helpDesk, { result: "All results", reason: "Invalid password" });
    expect((await logCells(helpDesk)).map((r) => r.user)).toEqual([avery.username]);

    // A user by alias, in another case: every row of that user (the alias resolves to the username).
    await applyFilters(helpDesk, { reason: "All reasons", user: alex.aliases[0]!.toUpperCase() });
    await expect(helpDesk.getByTestId("user-filter-note")).toHaveText(`Showing the events of user ${alex.username}.`);
    expect((await logCells(helpDesk)).map((r) => [r.user, r.result])).toEqual([[alex.username, "Success"]]);
    // An unknown user matches exactly what was typed at sign-in.
    await applyFilters(helpDesk, { user: UNKNOWN });
    await expect(helpDesk.getByTestId("user-filter-note")).toContainText("showing attempts with exactly that username");
    expect((await logCells(helpDesk)).map((r) => r.reason)).toEqual(["Unknown user"]);
    await applyFilters(helpDesk, { user: UNKNOWN.toLowerCase() });
    await expect(helpDesk.getByRole("heading", { name: "No authentications match these filters" })).toBeVisible();

    await filterForm(helpDesk).clear.click();
    await expect(helpDesk).toHaveURL(new RegExp(`${AUTH_LOG_PATH}$`));
    await expect(filterForm(helpDesk).application).toHaveValue("");
  });
  await test.step("filters by time: presets, a custom UTC range, and refuses a bad range", async () => {
    await helpDesk.goto(`${AUTH_LOG_PATH}?application=${app.id}`);
    await applyFilters(helpDesk, { range: "Last 24 hours" });
    await expect(logRows(helpDesk)).toHaveCount(4);
    await applyFilters(helpDesk, { range: "Last 7 days" });
    await expect(logRows(helpDesk)).toHaveCount(4);

    const now = new Date();
    const minute = (d: Date) => d.toISOString().slice(0, 16);
    await applyFilters(helpDesk, {
      range: "Custom range (UTC)",
      from: minute(new Date(now.getTime() - 3600_000)),
      to: minute(new Date(now.getTime() + 60_000)),
    });
    await expect(logRows(helpDesk)).toHaveCount(4);
    await applyFilters(helpDesk, {
      range: "Custom range (UTC)",
      from: minute(new Date(now.getTime() + 86_400_000)),
      to: "",
    });
    await expect(helpDesk.getByRole("heading", { name: "No authentications match these filters" })).toBeVisible();

    // The end before the start: a message beside "To (UTC)", no rows, no export.
    await applyFilters(helpDesk, { range: "Custom range (UTC)", from: "2026-11-02T00:00", to: "2026-11-01T00:00" });
    const to = filterForm(helpDesk).to;
    await expect(to).toHaveAttribute("aria-invalid", "true");
    await expect(helpDesk.getByText("The end must be after the start.")).toBeVisible();
    await expect(alerts(helpDesk).filter({ hasText: "Correct the filters" })).toBeVisible();
    await expect(logRows(helpDesk)).toHaveCount(0);
    await expect(filterForm(helpDesk).exportCsv).toHaveCount(0);
    // A hand-edited URL with an impossible date is refused the same way.
    await helpDesk.goto(`${AUTH_LOG_PATH}?range=custom&from=2026-02-30T10:00`);
    await expect(helpDesk.getByText("Enter a valid start date and time (UTC), like 2026-11-22T08:00.")).toBeVisible();
    await expect(logRows(helpDesk)).toHaveCount(0);
  });
  await test.step("opens the detail drawer with Enter, keeps focus inside, and closes it with Escape", async () => {
    await helpDesk.goto(`${AUTH_LOG_PATH}?application=${app.id}&result=failure`);
    await expect(logRows(helpDesk)).toHaveCount(2);
    const link = logRows(helpDesk).nth(1).getByRole("link");
    await link.focus();
    await helpDesk.keyboard.press("Enter");
    const dialog = helpDesk.getByRole("dialog", { name: "Authentication details" });
    await expect(dialog).toBeVisible();
    await expect(helpDesk).toHaveURL(/event=/);
    await expect(dialog.getByRole("heading", { name: "Authentication details" })).toBeFocused();
    const details = dialog.getByTestId("event-details");
    await expect(details).toContainText("Invalid password (invalid_password)");
    await expect(details).toContainText(avery.username);
    await expect(details).toContainText(APP);
    await expect(details).toContainText(/Browser\s*Chrome \d+/);
    await expect(details).toContainText(/Operating system\s*Linux/);
    await expect(details).toContainText(/User agent\s*Mozilla\/5\.0/);
    await expect(details).not.toContainText("wrong-password-ledger");
    // Tab cycles inside the dialog.
    for (let i = 0; i < 4; i++) {
      await helpDesk.keyboard.press("Tab");
      expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    }
    await shot(helpDesk, "authentication-log-drawer");
    await helpDesk.keyboard.press("Escape");
    await expect(dialog).toHaveCount(0);
    await expect(helpDesk).not.toHaveURL(/event=/);
    await expect(helpDesk).toHaveURL(/result=failure/);
    await expect(link).toBeFocused();
  });
  await test.step("the drawer is addressable by URL and renders without JavaScript", async () => {
    const context = await browser.newContext({
      storageState: authFile(ROLE_ACCOUNTS["Help Desk"].key),
      javaScriptEnabled: false,
    });
    const noJs = await context.newPage();
    await noJs.goto(`${AUTH_LOG_PATH}?application=${app.id}&reason=user_disabled`);
    await expect(logRows(noJs)).toHaveCount(1);
    const href = await logRows(noJs).first().getByRole("link").getAttribute("href");
    await noJs.goto(href!);
    const dialog = noJs.getByRole("dialog", { name: "Authentication details" });
    await expect(dialog).toContainText("User disabled (user_disabled)");
    await expect(dialog).toContainText(dana.username);
    await dialog.getByRole("link", { name: "Close event details" }).click();
    await expect(noJs.getByRole("dialog")).toHaveCount(0);
    await expect(noJs).toHaveURL(/reason=user_disabled/);
    // An unknown event id says so.
    await noJs.goto(`${AUTH_LOG_PATH}?event=doesnotexist`);
    await expect(noJs.getByRole("dialog", { name: "Event not found" })).toBeVisible();
    await context.close();
  });
  await test.step("exports the current filter as CSV", async () => {
    await helpDesk.goto(`${AUTH_LOG_PATH}?application=${app.id}`);
    await applyFilters(helpDesk, { result: "Failure" });
    const [download] = await Promise.all([helpDesk.waitForEvent("download"), filterForm(helpDesk).exportCsv.click()]);
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
      [avery.username, APP, "Failure", "invalid_password"],
    ]);
    for (const r of rows.slice(1)) expect(r[0]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });
  await test.step("a Read-only administrator views the same log and its filters", async () => {
    const readOnly = await consoleAs("Read-only");
    await readOnly.goto(`${AUTH_LOG_PATH}?application=${app.id}`);
    await expect(logRows(readOnly)).toHaveCount(4);
    await expect(filterForm(readOnly).exportCsv).toBeVisible();
  });
});
