// Authentication Log filters as they travel in the URL (?range=&from=&to=&user=&application=
// &result=&reason=): parsed and validated into a query, with a message per field for bad
// input. Shared by the page, the CSV export and the benchmark. Times are UTC.
import { AUTH_LOG_RESULTS, REASON_CODE_PATTERN, type AuthLogResult } from "./auth-log-reasons";
import {
  anyFilter,
  filterQueryString,
  parseTimeRange,
  readFilterInput,
  type FilterParams,
  type TimeRangeQuery,
} from "./log-filters";

export { parseUtcDateTime, TIME_RANGES, toUtcInputValue, type TimeRange } from "./log-filters";

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
export type AuthLogQuery = TimeRangeQuery & {
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

/**
 * Parses the URL's filter values. Bad values get a message and are left out of the query;
 * callers show the messages beside the fields and do not list rows until they are fixed.
 */
export function parseAuthLogFilters(params: FilterParams, now = new Date()): ParsedAuthLogFilters {
  const input = readFilterInput(params, FILTER_KEYS);
  const errors: ParsedAuthLogFilters["errors"] = {};
  const query: AuthLogQuery = parseTimeRange(input, now, errors);

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
  return { input, query, errors, active: anyFilter(input, FILTER_KEYS) };
}

/** The filter part of a URL query string (for links that keep the filters: paging, export). */
export const filterSearchParams = (input: AuthLogFilterInput) => filterQueryString(input, FILTER_KEYS);
