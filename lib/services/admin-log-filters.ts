// Administrator Log filters as they travel in the URL (?range=&from=&to=&administrator=
// &action=&object=&q=): parsed and validated into a query, with a message per field for bad
// input. Shared by the page and the CSV export. Times are UTC (as the Authentication Log's).
import { OBJECT_LABELS } from "./admin-log-format";
import { parseUtcDateTime } from "./auth-log-filters";

export { TIME_RANGES } from "./auth-log-filters";

/** The administrator filter's value for entries without an administrator (failed sign-ins, removed administrators). */
export const NO_ADMINISTRATOR = "none";

const RANGE_MS: Record<"24h" | "7d" | "30d", number> = {
  "24h": 24 * 3600_000,
  "7d": 7 * 24 * 3600_000,
  "30d": 30 * 24 * 3600_000,
};

export type AdminLogFilterInput = {
  range: string;
  from: string;
  to: string;
  administrator: string;
  action: string;
  object: string;
  q: string;
};

export type AdminLogQuery = {
  since?: Date;
  until?: Date;
  /** An administrator's ID, or null for entries without one. */
  adminId?: string | null;
  action?: string;
  targetType?: string;
  /** Lower-case start of the object's name. */
  search?: string;
};

export type ParsedAdminLogFilters = {
  input: AdminLogFilterInput;
  query: AdminLogQuery;
  errors: Partial<Record<keyof AdminLogFilterInput, string>>;
  active: boolean;
};

const FILTER_KEYS = ["range", "from", "to", "administrator", "action", "object", "q"] as const;
const one = (v: string | string[] | null | undefined) => (Array.isArray(v) ? (v[0] ?? "") : (v ?? "")).trim();

export function parseAdminLogFilters(
  params: Record<string, string | string[] | undefined> | URLSearchParams,
  now = new Date(),
): ParsedAdminLogFilters {
  const get = (k: string) => one(params instanceof URLSearchParams ? params.get(k) : params[k]);
  const input = Object.fromEntries(FILTER_KEYS.map((k) => [k, get(k)])) as AdminLogFilterInput;
  const errors: ParsedAdminLogFilters["errors"] = {};
  const query: AdminLogQuery = {};

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
      if (to) query.until = new Date(to.getTime() + (/:\d{2}:\d{2}$/.test(input.to) ? 999 : 59_999));
    }
  } else if (input.range !== "") {
    errors.range = "Choose a time range from the list.";
  }

  if (input.administrator) {
    if (input.administrator === NO_ADMINISTRATOR) query.adminId = null;
    else if (/^[A-Za-z0-9_-]{1,64}$/.test(input.administrator)) query.adminId = input.administrator;
    else errors.administrator = "Choose an administrator from the list.";
  }
  if (input.action) {
    if (/^[a-z_]{1,40}\.[a-z_]{1,60}$/.test(input.action)) query.action = input.action;
    else errors.action = "Choose an action from the list.";
  }
  if (input.object) {
    if (input.object in OBJECT_LABELS) query.targetType = input.object;
    else errors.object = "Choose an object type from the list.";
  }
  if (input.q) {
    if (input.q.length > 200) errors.q = "Search with at most 200 characters.";
    else query.search = input.q.toLowerCase();
  }
  const active = FILTER_KEYS.some((k) => input[k] !== "");
  return { input, query, errors, active };
}

/** The filter part of a URL query string (paging, the drawer's links, the export). */
export function adminLogSearchParams(input: AdminLogFilterInput): URLSearchParams {
  const out = new URLSearchParams();
  for (const k of FILTER_KEYS) {
    if (!input[k]) continue;
    if ((k === "from" || k === "to") && input.range !== "custom") continue;
    out.set(k, input[k]);
  }
  return out;
}
