// What the Authentication Log's and the Administrator Log's filters have in common, as they
// travel in the URL: reading the raw values, the time range (?range=&from=&to=, UTC) with a
// message per bad field, and the filter part of a query string. Each log adds its own fields
// (./auth-log-filters, ./admin-log-filters).

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

/** The time range fields every log filter has. */
export type TimeRangeInput = { range: string; from: string; to: string };
export type TimeRangeQuery = { since?: Date; until?: Date };

/** URL parameters as a page or a route handler receives them. */
export type FilterParams = Record<string, string | string[] | undefined> | URLSearchParams;

const one = (v: string | string[] | null | undefined) => (Array.isArray(v) ? (v[0] ?? "") : (v ?? "")).trim();

/** The raw value of each of `keys` (first value, trimmed; "" when absent). */
export function readFilterInput<K extends string>(params: FilterParams, keys: readonly K[]): Record<K, string> {
  const get = (k: string) => one(params instanceof URLSearchParams ? params.get(k) : params[k]);
  return Object.fromEntries(keys.map((k) => [k, get(k)])) as Record<K, string>;
}

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
 * The time range of `input` as a query. A from or to without a range is a custom range
 * (`input.range` becomes "custom"). Bad values get a message in `errors` and are left out.
 */
export function parseTimeRange(
  input: TimeRangeInput,
  now: Date,
  errors: Partial<Record<keyof TimeRangeInput, string>>,
): TimeRangeQuery {
  const query: TimeRangeQuery = {};
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
  return query;
}

/** Whether any of `keys` has a value (the filters are in use: "Clear" is offered). */
export const anyFilter = <K extends string>(input: Record<K, string>, keys: readonly K[]) =>
  keys.some((k) => input[k] !== "");

/** The filter part of a URL query string (for links that keep the filters: paging, drawer, export). */
export function filterQueryString<K extends string>(
  input: Record<K, string> & TimeRangeInput,
  keys: readonly K[],
): URLSearchParams {
  const out = new URLSearchParams();
  for (const k of keys) {
    if (!input[k]) continue;
    if ((k === "from" || k === "to") && input.range !== "custom") continue;
    out.set(k, input[k]);
  }
  return out;
}
