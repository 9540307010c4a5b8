// Reports > Authentication Log: every sign-in ending, newest first, keyset-paged, with the
// filters of auth-log-filters.ts; one event in full for the detail drawer.
import {
  findAuthLogById,
  findLogUser,
  listAuthLogs,
  listLogApplicationOptions,
  listLoggedReasons,
  type AuthLogRow,
  type AuthLogWhere,
} from "../db/auth-log";
import { assertCan, type Actor } from "./actor";
import type { AuthLogQuery } from "./auth-log-filters";
import { factorLabel, reasonLabel, reasonOptions, RESULT_LABELS, type AuthLogResult } from "./auth-log-reasons";
import { browserOs } from "./auth-log-user-agent";
import { decodeCursor, pageOf } from "./keyset";

export const AUTH_LOG_PAGE_SIZE = 50;

export type AuthLogEntry = AuthLogRow & {
  resultLabel: string;
  reasonLabel: string;
  factorLabel: string | null;
  browserOs: string | null;
};

export function describeAuthLogRow(r: AuthLogRow): AuthLogEntry {
  return {
    ...r,
    resultLabel: RESULT_LABELS[r.result as AuthLogResult] ?? r.result,
    reasonLabel: reasonLabel(r.reason),
    factorLabel: factorLabel(r.factor),
    browserOs: browserOs(r.userAgent)?.label ?? null,
  };
}

/**
 * The repository filter for a validated query. A user filter that names a user (username,
 * email or alias, any case) becomes that user's id, so every row of theirs matches on the
 * (userId, createdAt, id) index; otherwise it matches the username exactly as it was typed
 * at sign-in (unknown users), on the (username, createdAt, id) index.
 */
export async function resolveAuthLogQuery(
  query: AuthLogQuery,
): Promise<{ where: AuthLogWhere; matchedUser: { id: string; username: string } | null }> {
  const { userIdentifier, ...rest } = query;
  const where: AuthLogWhere = { ...rest };
  let matchedUser: { id: string; username: string } | null = null;
  if (userIdentifier) {
    matchedUser = await findLogUser(userIdentifier);
    if (matchedUser) where.userId = matchedUser.id;
    else where.username = userIdentifier;
  }
  return { where, matchedUser };
}

export async function listAuthenticationLog(
  actor: Actor,
  opts: { cursor?: string; query?: AuthLogQuery; applicationId?: string; pageSize?: number },
) {
  assertCan(actor, "authlog:view");
  const query: AuthLogQuery = { ...opts.query };
  if (opts.applicationId && /^[A-Za-z0-9_-]{1,64}$/.test(opts.applicationId)) query.applicationId = opts.applicationId;
  const size = Math.min(Math.max(opts.pageSize ?? AUTH_LOG_PAGE_SIZE, 1), 500);
  const { where, matchedUser } = await resolveAuthLogQuery(query);
  const page = pageOf(await listAuthLogs({ limit: size + 1, before: decodeCursor(opts.cursor), filter: where }), size);
  return { rows: page.rows.map(describeAuthLogRow), nextCursor: page.nextCursor, matchedUser };
}

/** Choices for the application and reason filters. */
export async function authLogFilterOptions(actor: Actor) {
  assertCan(actor, "authlog:view");
  const [applications, present] = await Promise.all([listLogApplicationOptions(), listLoggedReasons()]);
  return { applications, reasons: reasonOptions(present) };
}

const SECRET_KEY = /pass(word|code)?|secret|token|private|api_?key|bypass_?code|cookie|saml_?response|assertion|otp/i;

/** A JSON value with any secret-looking field replaced, as a last line of defence. */
export function redactDetail(value: unknown, depth = 0): unknown {
  if (depth > 8) return "…";
  if (Array.isArray(value)) return value.map((v) => redactDetail(v, depth + 1));
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, SECRET_KEY.test(k) ? "[redacted]" : redactDetail(v, depth + 1)]),
    );
  }
  return value;
}

/** The detail JSON pretty-printed (2 spaces), or the raw text when it is not JSON. */
export function prettyDetail(detail: string | null): string | null {
  if (!detail) return null;
  try {
    return JSON.stringify(redactDetail(JSON.parse(detail)), null, 2);
  } catch {
    return detail;
  }
}

/** One log record in full, for the detail drawer: labels, the parsed user agent, the JSON detail pretty-printed. */
export type AuthenticationEventView = AuthLogEntry & {
  browser: string | null;
  os: string | null;
  detailPretty: string | null;
};

/** One event in full for the detail drawer; null when there is no such event. */
export async function getAuthenticationEvent(actor: Actor, id: string): Promise<AuthenticationEventView | null> {
  assertCan(actor, "authlog:view");
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) return null;
  const row = await findAuthLogById(id);
  if (!row) return null;
  const ua = browserOs(row.userAgent);
  return {
    ...describeAuthLogRow(row),
    browser: ua?.browser ?? null,
    os: ua?.os ?? null,
    detailPretty: prettyDetail(row.detail),
  };
}
