// Repository: the Authentication Log (one row per sign-in ending, success or not).
import { dbReady } from "./client";

export type AuthLogInput = {
  userId?: string | null;
  username?: string | null;
  applicationId?: string | null;
  applicationName?: string | null;
  result: "SUCCESS" | "DENIED" | "FAILURE";
  reason: string;
  factor?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  endpointId?: string | null;
  detail?: unknown;
};

/** The create data of one row (also written inside a round trip's transaction, lib/db/sign-in-state). */
export const authLogData = (e: AuthLogInput) => ({
  userId: e.userId ?? null,
  username: e.username?.slice(0, 256) ?? null,
  applicationId: e.applicationId ?? null,
  applicationName: e.applicationName ?? null,
  result: e.result,
  reason: e.reason,
  factor: e.factor ?? null,
  ip: e.ip ?? null,
  userAgent: e.userAgent?.slice(0, 512) ?? null,
  endpointId: e.endpointId ?? null,
  detail: e.detail === undefined ? null : JSON.stringify(e.detail).slice(0, 4000),
});

export async function insertAuthLog(e: AuthLogInput): Promise<void> {
  await (await dbReady()).authLog.create({ data: authLogData(e) });
}

export async function listRecentAuthLogs(limit: number) {
  return (await dbReady()).authLog.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: limit });
}

export type AuthLogRow = {
  id: string;
  createdAt: Date;
  userId: string | null;
  username: string | null;
  applicationId: string | null;
  applicationName: string | null;
  result: string;
  reason: string;
  factor: string | null;
  ip: string | null;
  userAgent: string | null;
  endpointId: string | null;
};

export type AuthLogRecord = AuthLogRow & { detail: string | null };

/** Equality filters are exclusive of each other only in the index used, not in meaning. */
export type AuthLogWhere = {
  since?: Date;
  until?: Date;
  userId?: string;
  username?: string;
  applicationId?: string;
  result?: string;
  reason?: string;
};

const rowSelect = {
  id: true,
  createdAt: true,
  userId: true,
  username: true,
  applicationId: true,
  applicationName: true,
  result: true,
  reason: true,
  factor: true,
  ip: true,
  userAgent: true,
  endpointId: true,
} as const;

/**
 * The WHERE of a keyset page. The cursor is written `createdAt <= X AND (createdAt < X OR
 * id < Y)` rather than the plain OR, so that SQLite turns it into a range on whichever
 * (filter, createdAt, id) index it picks and a deep page costs the same as the first.
 */
function whereOf(filter: AuthLogWhere, before?: { createdAt: Date; id: string }) {
  const and: object[] = [];
  if (filter.since) and.push({ createdAt: { gte: filter.since } });
  if (filter.until) and.push({ createdAt: { lte: filter.until } });
  if (before)
    and.push(
      { createdAt: { lte: before.createdAt } },
      { OR: [{ createdAt: { lt: before.createdAt } }, { id: { lt: before.id } }] },
    );
  return {
    ...(filter.userId ? { userId: filter.userId } : {}),
    ...(filter.username !== undefined ? { username: filter.username } : {}),
    ...(filter.applicationId ? { applicationId: filter.applicationId } : {}),
    ...(filter.result ? { result: filter.result } : {}),
    ...(filter.reason ? { reason: filter.reason } : {}),
    ...(and.length ? { AND: and } : {}),
  };
}

/** Newest first, keyset-paged on (createdAt, id), with the Authentication Log filters. */
export async function listAuthLogs(opts: {
  limit: number;
  before?: { createdAt: Date; id: string };
  filter?: AuthLogWhere;
  applicationId?: string;
}): Promise<AuthLogRow[]> {
  const filter = { ...opts.filter, ...(opts.applicationId ? { applicationId: opts.applicationId } : {}) };
  return (await dbReady()).authLog.findMany({
    where: whereOf(filter, opts.before),
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: opts.limit,
    select: rowSelect,
  });
}

/** One row with its JSON detail, for the detail drawer. */
export async function findAuthLogById(id: string): Promise<AuthLogRecord | null> {
  return (await dbReady()).authLog.findUnique({ where: { id }, select: { ...rowSelect, detail: true } });
}

/**
 * The distinct reason codes present, by a skip scan over the (reason, createdAt, id) index:
 * one index seek per distinct code instead of reading every row.
 */
export async function listLoggedReasons(): Promise<string[]> {
  const rows = await (
    await dbReady()
  ).$queryRawUnsafe<{ reason: string | null }[]>(
    `WITH RECURSIVE r(reason) AS (
       SELECT MIN(reason) FROM "AuthLog"
       UNION ALL
       SELECT (SELECT MIN(reason) FROM "AuthLog" WHERE reason > r.reason) FROM r WHERE r.reason IS NOT NULL
     ) SELECT reason FROM r WHERE reason IS NOT NULL LIMIT 500`,
  );
  return rows.map((r) => r.reason!).filter(Boolean);
}

/**
 * The user a username filter means: by username, email or alias (case-insensitive), users
 * in the trash included (their rows stay in the log). Null when nobody matches.
 */
export async function findLogUser(identifier: string): Promise<{ id: string; username: string } | null> {
  const n = identifier.trim().toLowerCase();
  if (!n) return null;
  const db = await dbReady();
  const select = { id: true, username: true } as const;
  return (
    (await db.user.findUnique({ where: { usernameNormalized: n }, select })) ??
    (await db.user.findFirst({ where: { emailNormalized: n, deletedAt: null }, select })) ??
    (await db.userAlias.findUnique({ where: { aliasNormalized: n }, select: { user: { select } } }))?.user ??
    null
  );
}

/** Applications for the filter: every configured one (the log keeps names of removed ones). */
export async function listLogApplicationOptions(): Promise<{ id: string; name: string }[]> {
  return (await dbReady()).application.findMany({
    select: { id: true, name: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: 1000,
  });
}
