// The Authentication Log page as an administrator sees it: rows, cells and the filter form.
// Rows come from real sign-ins, or from the `tenant` fixture's authLogRows() when a test needs
// more rows than sign-ins can make quickly (paging).
import { expect, type Page } from "@playwright/test";
import { field } from "./console";

export const AUTH_LOG_PATH = "/admin/reports/authentication-log";

export const logRows = (page: Page) => page.getByTestId("authlog-row");

/** A log row's cells: Time, User, Application, Result, Reason (label), Reason code, Factor, IP (browser/OS and endpoint are in the drawer). */
export async function logCells(
  page: Page,
): Promise<Array<Record<"time" | "user" | "application" | "result" | "reason" | "code" | "factor" | "ip", string>>> {
  const out = [];
  for (const row of await logRows(page).all()) {
    const c = (await row.getByRole("cell").allInnerTexts()).map((t) => t.trim());
    const [reason = "", code = ""] = (c[4] ?? "").split("\n").map((s) => s.trim());
    out.push({
      time: c[0]!,
      user: c[1]!,
      application: c[2]!,
      result: c[3]!,
      reason,
      code,
      factor: c[5]!,
      ip: c[6]!,
    });
  }
  return out;
}

/** The filter form, by label. */
export function filterForm(page: Page) {
  const form = page.getByRole("search", { name: "Filter the Authentication Log" });
  return {
    form,
    range: field(form, "Time range"),
    from: field(form, "From (UTC)"),
    to: field(form, "To (UTC)"),
    user: field(form, "User"),
    application: field(form, "Application"),
    result: field(form, "Result"),
    reason: field(form, "Reason"),
    apply: form.getByRole("button", { name: "Apply filters" }),
    clear: form.getByRole("link", { name: "Clear" }),
    exportCsv: form.getByRole("link", { name: "Export CSV" }),
  };
}

export async function applyFilters(
  page: Page,
  values: {
    range?: string;
    from?: string;
    to?: string;
    user?: string;
    application?: string;
    result?: string;
    reason?: string;
  },
) {
  const f = filterForm(page);
  if (values.range !== undefined) await f.range.selectOption({ label: values.range });
  if (values.from !== undefined) await f.from.fill(values.from);
  if (values.to !== undefined) await f.to.fill(values.to);
  if (values.user !== undefined) await f.user.fill(values.user);
  if (values.application !== undefined) await f.application.selectOption({ label: values.application });
  if (values.result !== undefined) await f.result.selectOption({ label: values.result });
  if (values.reason !== undefined) await f.reason.selectOption({ label: values.reason });
  await f.apply.click();
  await expect(page).toHaveURL(/authentication-log\?/);
}
