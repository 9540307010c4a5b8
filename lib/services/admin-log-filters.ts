// Administrator Log filters as they travel in the URL (?range=&from=&to=&administrator=
// &action=&object=&q=): parsed and validated into a query, with a message per field for bad
// input. Shared by the page and the CSV export. Times are UTC (as the Authentication Log's).
import { OBJECT_LABELS } from "./admin-log-format";
import {
  anyFilter,
  filterQueryString,
  parseTimeRange,
  readFilterInput,
  type FilterParams,
  type TimeRangeQuery,
} from "./log-filters";

export { TIME_RANGES } from "./log-filters";

/** The administrator filter's value for entries without an administrator (failed sign-ins, removed administrators). */
export const NO_ADMINISTRATOR = "none";

export type AdminLogFilterInput = {
  range: string;
  from: string;
  to: string;
  administrator: string;
  action: string;
  object: string;
  q: string;
};

export type AdminLogQuery = TimeRangeQuery & {
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
export function parseAdminLogFilters(params: FilterParams, now = new Date()): ParsedAdminLogFilters {
  const input = readFilterInput(params, FILTER_KEYS);
  const errors: ParsedAdminLogFilters["errors"] = {};
  const query: AdminLogQuery = parseTimeRange(input, now, errors);

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
  return { input, query, errors, active: anyFilter(input, FILTER_KEYS) };
}

/** The filter part of a URL query string (paging, the drawer's links, the export). */
export const adminLogSearchParams = (input: AdminLogFilterInput) => filterQueryString(input, FILTER_KEYS);
