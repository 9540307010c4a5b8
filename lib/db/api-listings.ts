// Repository: the listings of Duo's Admin API, which pages by offset (`limit`/`offset`,
// `metadata.total_objects`) rather than the console's keysets, and its log windows.
// Offsets ride the same unique sort indexes as the console (usernameNormalized,
// nameNormalized, (createdAt, id)); the API caps a page at a few hundred rows.
import { dbReady } from "./client";
import { normalizeIdentifier } from "./users";
import type { AuthLogRow } from "./auth-log";

export type ApiUserRow = {
  id: string;
  username: string;
  email: string | null;
  realName: string | null;
  status: string;
  notes: string | null;
  isEnrolled: boolean;
  lastLoginAt: Date | null;
  createdAt: Date;
  aliases: string[];
  groups: { id: string; name: string; description: string | null; status: string }[];
};

const userSelect = {
  id: true,
  username: true,
  email: true,
  realName: true,
  status: true,
  notes: true,
  isEnrolled: true,
  lastLoginAt: true,
  createdAt: true,
  aliases: { select: { alias: true }, orderBy: { aliasNormalized: "asc" as const } },
  memberships: {
    select: { group: { select: { id: true, name: true, description: true, status: true } } },
    orderBy: { group: { nameNormalized: "asc" as const } },
  },
} as const;

type LoadedUser = {
  id: string;
  username: string;
  email: string | null;
  realName: string | null;
  status: string;
  notes: string | null;
  isEnrolled: boolean;
  lastLoginAt: Date | null;
  createdAt: Date;
  aliases: { alias: string }[];
  memberships: { group: { id: string; name: string; description: string | null; status: string } }[];
};

const toUser = ({ aliases, memberships, ...u }: LoadedUser): ApiUserRow => ({
  ...u,
  aliases: aliases.map((a) => a.alias),
  groups: memberships.map((m) => m.group),
});

/** Live users by username, from `offset`, with their aliases and groups; and how many there are. */
export async function listUsersByOffset(offset: number, limit: number): Promise<{ rows: ApiUserRow[]; total: number }> {
  const db = await dbReady();
  const where = { deletedAt: null };
  const [rows, total] = await Promise.all([
    db.user.findMany({ where, orderBy: { usernameNormalized: "asc" }, skip: offset, take: limit, select: userSelect }),
    db.user.count({ where }),
  ]);
  return { rows: rows.map(toUser), total };
}

export async function findApiUser(id: string): Promise<ApiUserRow | null> {
  if (!id || id.length > 64) return null;
  const u = await (await dbReady()).user.findFirst({ where: { id, deletedAt: null }, select: userSelect });
  return u ? toUser(u) : null;
}

/** The live user whose username, or else one of whose aliases, is `name` (any case). */
export async function findApiUserByName(name: string): Promise<ApiUserRow | null> {
  const n = normalizeIdentifier(name);
  if (!n || n.length > 256) return null;
  const db = await dbReady();
  const u =
    (await db.user.findFirst({ where: { usernameNormalized: n, deletedAt: null }, select: userSelect })) ??
    (await db.user.findFirst({
      where: { deletedAt: null, aliases: { some: { aliasNormalized: n } } },
      select: userSelect,
    }));
  return u ? toUser(u) : null;
}

export type ApiGroupRow = { id: string; name: string; description: string | null; status: string };

export async function listGroupsByOffset(
  offset: number,
  limit: number,
): Promise<{ rows: ApiGroupRow[]; total: number }> {
  const db = await dbReady();
  const select = { id: true, name: true, description: true, status: true } as const;
  const [rows, total] = await Promise.all([
    db.group.findMany({ orderBy: { nameNormalized: "asc" }, skip: offset, take: limit, select }),
    db.group.count(),
  ]);
  return { rows, total };
}

/** Live members of a group by username, from `offset`. */
export async function listMembersByOffset(
  groupId: string,
  offset: number,
  limit: number,
): Promise<{ rows: { id: string; username: string }[]; total: number }> {
  const db = await dbReady();
  const where = { groupId, user: { deletedAt: null } };
  const [rows, total] = await Promise.all([
    db.groupMember.findMany({
      where,
      orderBy: { user: { usernameNormalized: "asc" } },
      skip: offset,
      take: limit,
      select: { user: { select: { id: true, username: true } } },
    }),
    db.groupMember.count({ where }),
  ]);
  return { rows: rows.map((r) => r.user), total };
}

export type LogWindow = {
  since: Date;
  until: Date;
  sort: "asc" | "desc";
  /** The last row of the previous page (exclusive). */
  after?: { createdAt: Date; id: string };
  userIds?: string[];
  applicationIds?: string[];
  results?: string[];
  limit: number;
};

/** An Authentication Log row as the Admin API lists it (no endpoint: Duo's log has none). */
export type ApiAuthLogRow = Omit<AuthLogRow, "endpointId">;

/** Authentication Log rows in [since, until] with the filters, keyset-ordered on (createdAt, id); and their count. */
export async function listAuthLogWindow(w: LogWindow): Promise<{ rows: ApiAuthLogRow[]; total: number }> {
  const db = await dbReady();
  const base = {
    AND: [{ createdAt: { gte: w.since } }, { createdAt: { lte: w.until } }],
    ...(w.userIds?.length ? { userId: { in: w.userIds } } : {}),
    ...(w.applicationIds?.length ? { applicationId: { in: w.applicationIds } } : {}),
    ...(w.results?.length ? { result: { in: w.results } } : {}),
  };
  const cmp = w.sort === "asc" ? "gt" : "lt";
  const page = w.after
    ? {
        ...base,
        AND: [
          ...base.AND,
          { createdAt: { [w.sort === "asc" ? "gte" : "lte"]: w.after.createdAt } },
          { OR: [{ createdAt: { [cmp]: w.after.createdAt } }, { id: { [cmp]: w.after.id } }] },
        ],
      }
    : base;
  const [rows, total] = await Promise.all([
    db.authLog.findMany({
      where: page,
      orderBy: [{ createdAt: w.sort }, { id: w.sort }],
      take: w.limit,
      select: {
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
      },
    }),
    db.authLog.count({ where: base }),
  ]);
  return { rows, total };
}

/** Administrator Log entries at or after `since`, oldest first (Duo's v1 log returns up to 1000). */
export async function listAuditEntriesSince(since: Date, limit: number) {
  return (await dbReady()).adminAuditLog.findMany({
    where: { createdAt: { gte: since } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: limit,
    select: {
      id: true,
      createdAt: true,
      actorLabel: true,
      action: true,
      targetType: true,
      targetLabel: true,
      before: true,
      after: true,
    },
  });
}

/** Keys of the applications a log page names (SAML and API applications share the table). */
export async function applicationKeys(ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await (
    await dbReady()
  ).application.findMany({ where: { id: { in: ids } }, select: { id: true, key: true } });
  return new Map(rows.map((r) => [r.id, r.key]));
}

export async function applicationIdsByKeys(keys: string[]): Promise<string[]> {
  if (!keys.length) return [];
  const rows = await (await dbReady()).application.findMany({ where: { key: { in: keys } }, select: { id: true } });
  return rows.map((r) => r.id);
}
