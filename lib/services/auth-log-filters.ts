// Authentication Log filters as they travel in the URL (?range=&from=&to=&user=&application=
// &result=&reason=): parsed and validated into a query, with a message per field for bad
// input. Shared by the page, the CSV export and the benchmark. Times are UTC.
import { AUTH_LOG_RESULTS, REASON_CODE_PATTERN, type AuthLogResult } from "./auth-log-reasons";

export const TIME_RANGES = [
  { value: "", label: "Any time" },
  { value: "24h", label: "Last 24 hours" },
  { value: "7d", label: "Last 7 days" },
  { value: "30d", label: "Last 30 days" },
  { value: "custom", label: "Custom range (UTC)" },
] as const;
export type TimeRange = (typeof TIME_RANGES)[number]["value"];

const RANGE_MS: Record<"24h" | "7d" | "30d", number> = {
  "24h": 24 * 3600_000,
  "7d": 7 * 24 * 3600_000,
  "30d": 30 * 24 * 3600_000,
};

/** The raw filter values, as strings, exactly as the form and the URL carry them. */
export type AuthLogFilterInput = {
  range: string;
  from: string;
  to: string;
  user: string;
  application: string;
  result: string;
  reason: string;
};

/** The validated query. `userIdentifier` is resolved to a user (or kept as typed) by the service. */
export type AuthLogQuery = {
  since?: Date;
  until?: Date;
  userIdentifier?: string;
  applicationId?: string;
  result?: AuthLogResult;
  reason?: string;
};

export type ParsedAuthLogFilters = {
  input: AuthLogFilterInput;
  query: AuthLogQuery;
  errors: Partial<Record<keyof AuthLogFilterInput, string>>;
  active: boolean;
};

const FILTER_KEYS = ["range", "from", "to", "user", "application", "result", "reason"] as const;

const one = (v: string | string[] | null | undefined) => (Array.isArray(v) ? (v[0] ?? "") : (v ?? "")).trim();

/** "2026-11-22T08:30" or "2026-11-22T08:30:15" or "2026-11-22" as UTC; null when not a real date. */
export function parseUtcDateTime(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(value);
  if (!m) return null;
  const [y, mo, d, h = "0", mi = "0", s = "0"] = m.slice(1).map((x) => x ?? undefined) as string[];
  const date = new Date(Date.UTC(+y!, +mo! - 1, +d!, +h, +mi, +s));
  // Reject overflow such as 2026-02-30 or 25:00 (Date.UTC would roll them over).
  if (
    date.getUTCFullYear() !== +y! ||
    date.getUTCMonth() !== +mo! - 1 ||
    date.getUTCDate() !== +d! ||
    date.getUTCHours() !== +h ||
    date.getUTCMinutes() !== +mi
  )
    return null;
  if (date.getUTCFullYear() < 2000 || date.getUTCFullYear() > 2999) return null;
  return date;
}

/** Formats a Date for a datetime-local input holding UTC ("2026-11-22T08:30"). */
export const toUtcInputValue = (d: Date) => d.toISOString().slice(0, 16);

/**
 * Parses the URL's filter values. Bad values get a message and are left out of the query;
 * callers show the messages beside the fields and do not list rows until they are fixed.
 */
export function parseAuthLogFilters(
  params: Record<string, string | string[] | undefined> | URLSearchParams,
  now = new Date(),
): ParsedAuthLogFilters {
  const get = (k: string) => one(params instanceof URLSearchParams ? params.get(k) : params[k]);
  const input = Object.fromEntries(FILTER_KEYS.map((k) => [k, get(k)])) as AuthLogFilterInput;
  const errors: ParsedAuthLogFilters["errors"] = {};
  const query: AuthLogQuery = {};

  if (input.range === "24h" || input.range === "7d" || input.range === "30d") {
    query.since = new Date(now.getTime() - RANGE_MS[input.range]);
  } else if (input.range === "custom" || (input.range === "" && (input.from || input.to))) {
    input.range = "custom";
    const from = input.from ? parseUtcDateTime(input.from) : null;
    const to = input.to ? parseUtcDateTime(input.to) : null;
    if (input.from && !from) errors.from = "Enter a valid start date and time (UTC), like 2026-11-22T08:00.";
    if (input.to && !to) errors.to = "Enter a valid end date and time (UTC), like 2026-11-22T18:00.";
    if (!input.from && !input.to) errors.from = "Enter a start or an end (or both) for a custom range.";
    if (from && to && from.getTime() > to.getTime()) errors.to = "The end must be after the start.";
    if (!errors.from && !errors.to) {
      if (from) query.since = from;
      // A minute-precision end includes that whole minute.
      if (to) query.until = new Date(to.getTime() + (/:\d{2}:\d{2}$/.test(input.to) ? 999 : 59_999));
    }
  } else if (input.range !== "") {
    errors.range = "Choose a time range from the list.";
  }

  if (input.user) {
    if (input.user.length > 256) errors.user = "A username has at most 256 characters.";
    else query.userIdentifier = input.user;
  }
  if (input.application) {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(input.application)) errors.application = "Choose an application from the list.";
    else query.applicationId = input.application;
  }
  if (input.result) {
    const r = input.result.toUpperCase();
    if (!(AUTH_LOG_RESULTS as readonly string[]).includes(r)) errors.result = "Choose Success, Denied or Failure.";
    else query.result = r as AuthLogResult;
  }
  if (input.reason) {
    if (!REASON_CODE_PATTERN.test(input.reason)) errors.reason = "Choose a reason from the list.";
    else query.reason = input.reason;
  }
  const active = FILTER_KEYS.some((k) => input[k] !== "");
  return { input, query, errors, active };
}

/** The filter part of a URL query string (for links that keep the filters: paging, export). */
export function filterSearchParams(input: AuthLogFilterInput): URLSearchParams {
  const out = new URLSearchParams();
  for (const k of FILTER_KEYS) {
    if (!input[k]) continue;
    if ((k === "from" || k === "to") && input.range !== "custom") continue;
    out.set(k, input[k]);
  }
  return out;
}
