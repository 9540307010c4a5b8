// Page helpers shared by the setup project and the specs: sign-in, field errors, the
// Administrators page and the Administrator Log, as a user sees them.
import { expect, type Locator, type Page } from "@playwright/test";
import type { Account } from "./accounts";
import { Authenticator } from "./totp";

export const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * A form control by its label. Required fields add " *" to the label (part of the
 * accessible name), so the match is exact apart from that marker.
 */
export const field = (scope: Page | Locator, label: string) =>
  scope.getByLabel(new RegExp(`^${escapeRegExp(label)}( \\*)?$`));

export const heading = (page: Page, name: string) => page.getByRole("heading", { level: 1, name, exact: true });

/** Alerts on the page itself (Next's route announcer, also role=alert, is outside <main>). */
export const alerts = (page: Page) => page.getByRole("main").getByRole("alert");

/** The console sign-in's answers to a wrong password, and to any password once the account is throttled. */
export const WRONG_CREDENTIALS = "Incorrect email or password.";
export const THROTTLED = "Too many failed sign-in attempts. Wait a few minutes, then try again.";

/**
 * Waits until React has hydrated the element (it is then interactive: its handlers run, and
 * what is typed goes through React). React attaches its fiber to a DOM node when it hydrates it.
 */
export async function expectHydrated(element: Locator) {
  await expect
    .poll(() => element.evaluate((el) => Object.keys(el).some((k) => k.startsWith("__reactFiber$"))), {
      message: "React has hydrated the element",
    })
    .toBe(true);
}

/** A submit button while its form is pending ("Checking…", "Saving…", "Adding…" …). */
export const pendingButtons = (page: Page) => page.getByRole("button", { name: /…$/ });

/**
 * Clicks a form's submit button, waits for the server action's response and then for the
 * form to settle: React resets the form when the action's result is committed, which
 * would otherwise wipe what the test types next.
 */
export async function submitAction(page: Page, button: Locator) {
  const response = page.waitForResponse(
    (r) => r.request().method() === "POST" && !!r.request().headers()["next-action"],
  );
  await button.click();
  await response;
  await expect(pendingButtons(page)).toHaveCount(0);
}

/** Step one of sign-in: email and password, then Continue (waits for the server's answer). */
export async function submitPassword(page: Page, email: string, password: string) {
  await field(page, "Email").fill(email);
  await field(page, "Password").fill(password);
  await submitAction(page, page.getByRole("button", { name: "Continue" }));
}

/**
 * On the passcode step: at first sign-in reads the secret the enrollment shows (as a person
 * scans the QR code), then enters the next valid passcode and submits. Returns the
 * administrator's authenticator app for later sign-ins.
 */
export async function completePasscode(page: Page, authenticator?: Authenticator): Promise<Authenticator> {
  await expect(field(page, "Passcode")).toBeVisible();
  const secret = page.getByTestId("totp-secret");
  const app = (await secret.isVisible()) ? new Authenticator((await secret.innerText()).trim()) : authenticator;
  if (!app) throw new Error("The administrator is enrolled already: pass its authenticator app.");
  await field(page, "Passcode").fill(app.next());
  await page.getByRole("button", { name: /^(Verify and sign in|Sign in)$/ }).click();
  return app;
}

/** Signs in through the UI (enrolling TOTP at first sign-in) and waits for the Dashboard. */
export async function signIn(
  page: Page,
  account: Pick<Account, "email" | "password">,
  authenticator?: Authenticator,
): Promise<Authenticator> {
  await page.goto("/admin/login");
  await submitPassword(page, account.email, account.password);
  const app = await completePasscode(page, authenticator);
  await expect(page).toHaveURL(/\/admin$/);
  await expect(heading(page, "Dashboard")).toBeVisible();
  return app;
}

/** The field's error is shown beside it: the control is marked invalid and described by the message. */
export async function expectFieldError(field: Locator, message: string) {
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(field).toHaveAccessibleDescription(new RegExp(escapeRegExp(message)));
  const errorId = (await field.getAttribute("aria-describedby"))?.split(" ").find((id) => id.endsWith("-error"));
  expect(errorId, "the field points at its error message").toBeTruthy();
  await expect(field.page().locator(`[id="${errorId}"]`)).toHaveText(message);
}

export async function expectNoFieldError(field: Locator) {
  await expect(field).not.toHaveAttribute("aria-invalid", "true");
}

// ------------------------------------------------------------------ Administrators page

export const adminRows = (page: Page) => page.getByTestId("admin-row");
export const adminRow = (page: Page, email: string) => page.locator(`[data-testid="admin-row"][data-email="${email}"]`);

export function addForm(page: Page) {
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Add administrator" }) });
  return {
    form,
    name: field(form, "Name"),
    email: field(form, "Email"),
    role: field(form, "Role"),
    password: field(form, "Initial password"),
    submit: form.getByRole("button", { name: "Add administrator" }),
  };
}

/** Adds an administrator through the form and waits for the success message and the row. */
export async function addAdministrator(page: Page, a: Pick<Account, "name" | "email" | "password" | "role">) {
  if (!page.url().endsWith("/admin/administrators")) await page.goto("/admin/administrators");
  const f = addForm(page);
  await f.name.fill(a.name);
  await f.email.fill(a.email);
  await f.role.selectOption({ label: a.role });
  await f.password.fill(a.password);
  await f.submit.click();
  await expect(f.form.getByRole("status")).toHaveText(
    `Added ${a.email}. They enroll their authenticator app at first sign-in.`,
  );
  await expect(adminRow(page, a.email)).toBeVisible();
}

// ------------------------------------------------------------------ Administrator Log

/**
 * Rows of the Administrator Log with this action label (and object name), newest first,
 * found with the log's own filters (Action, and Search for the object's name); with `since`,
 * only the entries from that moment on.
 */
export async function adminLogRows(page: Page, action: string, target?: string, opts: { since?: Date } = {}) {
  await page.goto("/admin/reports/administrator-log");
  await expect(heading(page, "Administrator Log")).toBeVisible();
  const filters = page.getByRole("search", { name: "Filter the Administrator Log" });
  await field(filters, "Action").selectOption({ label: action });
  if (target) await field(filters, "Search").fill(target);
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/[?&]action=/);
  await page.waitForLoadState();
  // Columns: Time, Administrator, Action, Object (name, then its type), Details (the IP address is in the entry's drawer).
  let rows = page.getByTestId("adminlog-row").filter({
    has: page.locator("td:nth-child(3)").filter({ hasText: new RegExp(`^\\s*${escapeRegExp(action)}\\s*$`) }),
  });
  if (opts.since) {
    const since = opts.since;
    const times = await rows.locator("time").evaluateAll((els) => els.map((e) => e.getAttribute("datetime") ?? ""));
    const recent = [...new Set(times.filter((t) => new Date(t) >= since))];
    const selector = recent.length ? recent.map((t) => `time[datetime="${t}"]`).join(", ") : "time[data-none]";
    rows = rows.filter({ has: page.locator(selector) });
  }
  return target
    ? rows.filter({
        has: page.locator("td:nth-child(4)").filter({ hasText: new RegExp(`^\\s*${escapeRegExp(target)}`) }),
      })
    : rows;
}

/**
 * The values before or after of a log entry, as its detail drawer shows them (label ->
 * value, in words). Opens the drawer from the row's time and closes it again.
 */
export async function snapshotCell(row: Locator, column: "Before" | "After"): Promise<Record<string, string>> {
  const page = row.page();
  await row.locator("td").first().getByRole("link").click();
  const drawer = page.getByRole("dialog");
  await expect(drawer).toBeVisible();
  const section = drawer.getByTestId(column === "Before" ? "adminlog-before" : "adminlog-after");
  const keys = await section.locator("dt").allInnerTexts();
  const values = await section.locator("dd").allInnerTexts();
  await drawer.getByRole("link", { name: /^Close/ }).click();
  await expect(drawer).toHaveCount(0);
  return Object.fromEntries(keys.map((k, i) => [k.trim(), (values[i] ?? "").trim()]));
}
