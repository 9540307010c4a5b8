// Repository: end users (the directory) as the sign-in flow needs them.
import { dbReady, fastSql } from "./client";
import { dateOf, intOf } from "./fast-sql";
import { prefixRange } from "./prefix";
import { databaseProvider } from "./provider";

export type LoginUser = {
  id: string;
  username: string;
  email: string | null;
  realName: string | null;
  status: string;
  passwordHash: string | null;
  /** Revocation watermark: sessions and proofs from before it are void. */
  sessionsRevokedAt: Date | null;
  groups: { id: string; name: string; status: string }[];
  /** What the assurance needs of the second factors, read with the user: authenticator types and bypass codes' usability. */
  factors: {
    authenticatorTypes: string[];
    bypassCodes: { remainingUses: number | null; expiresAt: Date | null }[];
  };
};

/** The columns every sign-in read of a user takes (no secrets; the password hash only where asked). */
const signInSelect = {
  id: true,
  username: true,
  email: true,
  realName: true,
  status: true,
  sessionsRevokedAt: true,
  memberships: { select: { group: { select: { id: true, name: true, status: true } } } },
  authenticators: { select: { type: true } },
  bypassCodes: { select: { remainingUses: true, expiresAt: true } },
} as const;

type SignInRow = {
  id: string;
  username: string;
  email: string | null;
  realName: string | null;
  status: string;
  sessionsRevokedAt: Date | null;
  passwordHash?: string | null;
  memberships: { group: { id: string; name: string; status: string } }[];
  authenticators: { type: string }[];
  bypassCodes: { remainingUses: number | null; expiresAt: Date | null }[];
};

function loginUser(row: SignInRow): LoginUser {
  const { memberships, authenticators, bypassCodes, passwordHash, ...rest } = row;
  return {
    ...rest,
    passwordHash: passwordHash ?? null,
    groups: memberships.map((m) => m.group),
    factors: { authenticatorTypes: authenticators.map((a) => a.type), bypassCodes },
  };
}

export const normalizeIdentifier = (v: string) => v.trim().toLowerCase();

/** Finds a user by username, email or alias (case-insensitive), with password hash, groups and second factors. */
export async function findUserForLogin(identifier: string): Promise<LoginUser | null> {
  const n = normalizeIdentifier(identifier);
  if (!n) return null;
  const db = await dbReady();
  const select = { ...signInSelect, passwordHash: true } as const;
  const where = { deletedAt: null } as const;
  const user =
    (await db.user.findFirst({ where: { ...where, usernameNormalized: n }, select })) ??
    (await db.user.findFirst({ where: { ...where, emailNormalized: n }, select })) ??
    (await db.user.findFirst({ where: { ...where, aliases: { some: { aliasNormalized: n } } }, select }));
  return user ? loginUser(user) : null;
}

/**
 * The user an upstream identity provider's identifier names (authentication sources): by
 * email, username or alias only, as the source says. "ambiguous" when two users share the email.
 */
export async function findUserForUpstream(
  matchBy: "EMAIL" | "USERNAME" | "ALIAS",
  identifier: string,
): Promise<LoginUser | "ambiguous" | null> {
  const n = normalizeIdentifier(identifier);
  if (!n) return null;
  const db = await dbReady();
  const where =
    matchBy === "EMAIL"
      ? { emailNormalized: n }
      : matchBy === "USERNAME"
        ? { usernameNormalized: n }
        : { aliases: { some: { aliasNormalized: n } } };
  const rows = await db.user.findMany({ where: { ...where, deletedAt: null }, select: signInSelect, take: 2 });
  if (rows.length > 1) return "ambiguous";
  return rows[0] ? loginUser(rows[0]) : null;
}

/**
 * The user, its groups, authenticator types and bypass codes in ONE statement (UNION ALL, a row
 * kind in "k"; the same on both providers): every request of a signed-in browser reads it, as a
 * prepared statement (./fast-sql.ts), so on PostgreSQL it takes one pooled connection, not four.
 * The same columns as signInSelect.
 */
const USER_FOR_SESSION_SQL = [
  'SELECT \'u\' AS "k", "id" AS "a", "username" AS "b", "email" AS "c", "realName" AS "d", "status" AS "e", ' +
    '"sessionsRevokedAt" AS "t" FROM "User" WHERE "id" = ? AND "deletedAt" IS NULL',
  'SELECT \'g\', g."id", g."name", g."status", NULL, NULL, NULL ' +
    'FROM "GroupMember" m JOIN "Group" g ON g."id" = m."groupId" WHERE m."userId" = ?',
  'SELECT \'a\', "type", "id", NULL, NULL, NULL, NULL FROM "Authenticator" WHERE "userId" = ?',
  'SELECT \'b\', CAST("remainingUses" AS TEXT), "id", NULL, NULL, NULL, "expiresAt" FROM "BypassCode" WHERE "userId" = ?',
].join(" UNION ALL ");

export async function findUserForSession(id: string): Promise<LoginUser | null> {
  const [rows] = await (await fastSql()).read([{ sql: USER_FOR_SESSION_SQL, args: [id, id, id, id] }]);
  const user = rows.find((r) => r.k === "u");
  if (!user) return null;
  const of = (kind: string, order: string) =>
    rows.filter((r) => r.k === kind).sort((x, y) => (String(x[order]) < String(y[order]) ? -1 : 1));
  return loginUser({
    id: String(user.a),
    username: String(user.b),
    email: (user.c as string | null) ?? null,
    realName: (user.d as string | null) ?? null,
    status: String(user.e),
    sessionsRevokedAt: dateOf(user.t),
    memberships: of("g", "a").map((g) => ({ group: { id: String(g.a), name: String(g.b), status: String(g.c) } })),
    authenticators: of("a", "b").map((r) => ({ type: String(r.a) })),
    bypassCodes: of("b", "b").map((r) => ({ remainingUses: intOf(r.a), expiresAt: dateOf(r.t) })),
  });
}

export async function recordUserLogin(id: string, at = new Date()): Promise<void> {
  await (await dbReady()).user.update({ where: { id }, data: { lastLoginAt: at, failedAttempts: 0 } });
}

export async function insertUser(data: {
  username: string;
  email?: string | null;
  realName?: string | null;
  status?: string;
  passwordHash?: string | null;
  aliases?: string[];
  groupIds?: string[];
}) {
  return (await dbReady()).user.create({
    data: {
      username: data.username,
      usernameNormalized: normalizeIdentifier(data.username),
      email: data.email ?? null,
      emailNormalized: data.email ? normalizeIdentifier(data.email) : null,
      realName: data.realName ?? null,
      status: data.status ?? "ACTIVE",
      passwordHash: data.passwordHash ?? null,
      aliases: { create: (data.aliases ?? []).map((a) => ({ alias: a, aliasNormalized: normalizeIdentifier(a) })) },
      memberships: { create: (data.groupIds ?? []).map((groupId) => ({ groupId })) },
    },
    select: { id: true, username: true },
  });
}

export async function insertGroup(data: { name: string; description?: string; status?: string }) {
  return (await dbReady()).group.create({
    data: {
      name: data.name,
      nameNormalized: normalizeIdentifier(data.name),
      description: data.description ?? null,
      status: data.status ?? "ACTIVE",
    },
    select: { id: true, name: true },
  });
}

export async function findUserIdByUsername(username: string): Promise<string | null> {
  const u = await (
    await dbReady()
  ).user.findUnique({ where: { usernameNormalized: normalizeIdentifier(username) }, select: { id: true } });
  return u?.id ?? null;
}

export async function findGroupIdByName(name: string): Promise<string | null> {
  const g = await (
    await dbReady()
  ).group.findUnique({ where: { nameNormalized: normalizeIdentifier(name) }, select: { id: true } });
  return g?.id ?? null;
}

// ---------------------------------------------------------------- console: Users list

export type UserStatus = "ACTIVE" | "BYPASS" | "DISABLED" | "LOCKED_OUT";
export type UserSortKey = "username" | "status" | "lastLogin";

/** A keyset position: the sort column's value of the last row and its tie-breaker. */
export type UserListAfter =
  | { sort: "username"; username: string }
  | { sort: "status"; status: string; username: string }
  | { sort: "lastLogin"; lastLoginAt: Date | null; id: string };

export type UserListFilter = {
  /** Normalized prefix over username, email and aliases. */
  prefix?: string;
  status?: UserStatus;
  enrolled?: boolean;
  groupId?: string;
};

export type UserListRow = {
  id: string;
  username: string;
  usernameNormalized: string;
  realName: string | null;
  email: string | null;
  status: string;
  isEnrolled: boolean;
  lastLoginAt: Date | null;
};

const listSelect = {
  id: true,
  username: true,
  usernameNormalized: true,
  realName: true,
  email: true,
  status: true,
  isEnrolled: true,
  lastLoginAt: true,
} as const;

/** The upper bound of a prefix range: every string that starts with `p` is >= p and < p + U+FFFF. */

const MAX_ALIAS_MATCHES = 500;
/** Groups with fewer members than this are listed from their member ids (see listUserRows). */
const SMALL_GROUP = 250;

/**
 * One page of live (not deleted) users, keyset-paged so that page 500 costs what page 1 does.
 * Every filter and sort here rides an index: (status, usernameNormalized),
 * (isEnrolled, usernameNormalized), (lastLoginAt, id), usernameNormalized, emailNormalized,
 * UserAlias.aliasNormalized, GroupMember(groupId, userId). No COUNT.
 */
export async function listUserRows(opts: {
  filter: UserListFilter;
  sort: UserSortKey;
  dir: "asc" | "desc";
  after?: UserListAfter;
  take: number;
  smallGroup?: number;
}): Promise<UserListRow[]> {
  const db = await dbReady();
  const { filter, sort, dir } = opts;
  const and: object[] = [{ deletedAt: null }];
  if (filter.status) and.push({ status: filter.status });
  if (filter.enrolled !== undefined) and.push({ isEnrolled: filter.enrolled });
  if (filter.groupId) {
    // A small group (< SMALL_GROUP members) is read from its member ids (an index range on
    // GroupMember, then an id look-up and a small sort); a larger one by walking the sort
    // index and probing membership (GroupMember primary key), which fills a page after
    // about 50 x (users / members) probes. Passing ids costs Prisma per parameter, so the
    // switch comes early.
    const limit = opts.smallGroup ?? SMALL_GROUP;
    const where = { groupId: filter.groupId };
    // Is there a member number `limit`? (one index step per member up to the limit, one row back)
    const large =
      (await db.groupMember.findMany({ where, select: { userId: true }, skip: limit - 1, take: 1 })).length > 0;
    if (large) and.push({ memberships: { some: where } });
    else
      and.push({
        id: { in: (await db.groupMember.findMany({ where, select: { userId: true } })).map((m) => m.userId) },
      });
  }
  if (filter.prefix) {
    // Aliases first (a bounded index range), so that the user query is an OR of index ranges
    // rather than a correlated sub-query per row.
    const aliasHits = await db.userAlias.findMany({
      where: { aliasNormalized: prefixRange(filter.prefix) },
      select: { userId: true },
      take: MAX_ALIAS_MATCHES,
    });
    const or: object[] = [
      { usernameNormalized: prefixRange(filter.prefix) },
      { emailNormalized: prefixRange(filter.prefix) },
    ];
    if (aliasHits.length) or.push({ id: { in: [...new Set(aliasHits.map((a) => a.userId))] } });
    and.push({ OR: or });
  }
  const cmp = dir === "asc" ? "gt" : "lt";
  const a = opts.after;
  if (a?.sort === "username") and.push({ usernameNormalized: { [cmp]: a.username } });
  if (a?.sort === "status")
    and.push({
      OR: [{ status: { [cmp]: a.status } }, { status: a.status, usernameNormalized: { [cmp]: a.username } }],
    });
  if (a?.sort === "lastLogin") {
    // Never signed in (NULL) comes first ascending and last descending: SQLite's own order,
    // asked of PostgreSQL explicitly (its default is the reverse).
    if (a.lastLoginAt === null) {
      and.push(
        dir === "asc"
          ? { OR: [{ lastLoginAt: null, id: { gt: a.id } }, { lastLoginAt: { not: null } }] }
          : { lastLoginAt: null, id: { lt: a.id } },
      );
    } else {
      const tail = [{ lastLoginAt: { [cmp]: a.lastLoginAt } }, { lastLoginAt: a.lastLoginAt, id: { [cmp]: a.id } }];
      and.push({ OR: dir === "desc" ? [...tail, { lastLoginAt: null }] : tail });
    }
  }
  const orderBy =
    sort === "username"
      ? [{ usernameNormalized: dir }]
      : sort === "status"
        ? [{ status: dir }, { usernameNormalized: dir }]
        : [
            databaseProvider() === "postgresql"
              ? { lastLoginAt: { sort: dir, nulls: dir === "asc" ? ("first" as const) : ("last" as const) } }
              : { lastLoginAt: dir },
            { id: dir },
          ];
  return db.user.findMany({ where: { AND: and }, orderBy, take: opts.take, select: listSelect });
}

/** Group names of many users in one query (no N+1), keyed by user id, sorted by name. */
export async function groupsOfUsers(userIds: readonly string[]): Promise<Map<string, { id: string; name: string }[]>> {
  const out = new Map<string, { id: string; name: string }[]>();
  if (!userIds.length) return out;
  const rows = await (
    await dbReady()
  ).groupMember.findMany({
    where: { userId: { in: [...userIds] } },
    select: { userId: true, group: { select: { id: true, name: true } } },
  });
  for (const r of rows) {
    const list = out.get(r.userId) ?? [];
    list.push(r.group);
    out.set(r.userId, list);
  }
  for (const list of out.values()) list.sort((a, b) => a.name.localeCompare(b.name, "en", { sensitivity: "base" }));
  return out;
}

// ---------------------------------------------------------------- console: one user

export type UserDetail = {
  id: string;
  username: string;
  email: string | null;
  realName: string | null;
  status: string;
  failedAttempts: number;
  lockedAt: Date | null;
  isEnrolled: boolean;
  hasPassword: boolean;
  lastLoginAt: Date | null;
  deletedAt: Date | null;
  createdAt: Date;
  aliases: string[];
  groups: { id: string; name: string; status: string }[];
};

export async function findUserDetail(id: string): Promise<UserDetail | null> {
  const u = await (
    await dbReady()
  ).user.findUnique({
    where: { id },
    omit: { passwordHash: false },
    include: {
      aliases: { select: { alias: true }, orderBy: { aliasNormalized: "asc" } },
      memberships: {
        select: { group: { select: { id: true, name: true, status: true } } },
        orderBy: { group: { nameNormalized: "asc" } },
      },
    },
  });
  if (!u) return null;
  return {
    id: u.id,
    username: u.username,
    email: u.email,
    realName: u.realName,
    status: u.status,
    failedAttempts: u.failedAttempts,
    lockedAt: u.lockedAt,
    isEnrolled: u.isEnrolled,
    hasPassword: !!u.passwordHash,
    lastLoginAt: u.lastLoginAt,
    deletedAt: u.deletedAt,
    createdAt: u.createdAt,
    aliases: u.aliases.map((a) => a.alias),
    groups: u.memberships.map((m) => m.group),
  };
}

/** Which of these normalized names are taken: as a username or alias of a user other than `exceptUserId` (deleted users included: reserved until purged). */
export async function findTakenIdentifiers(normalized: readonly string[], exceptUserId?: string): Promise<Set<string>> {
  const db = await dbReady();
  if (!normalized.length) return new Set();
  const not = exceptUserId ? { not: exceptUserId } : undefined;
  const [users, aliases] = await Promise.all([
    db.user.findMany({
      where: { usernameNormalized: { in: [...normalized] }, ...(not ? { id: not } : {}) },
      select: { usernameNormalized: true },
    }),
    db.userAlias.findMany({
      where: { aliasNormalized: { in: [...normalized] }, ...(not ? { userId: not } : {}) },
      select: { aliasNormalized: true },
    }),
  ]);
  return new Set([...users.map((u) => u.usernameNormalized), ...aliases.map((a) => a.aliasNormalized)]);
}

/** Updates profile fields and replaces the aliases, in one transaction. */
export async function updateUserProfile(
  id: string,
  data: { email: string | null; realName: string | null; status: string; aliases: string[] },
): Promise<void> {
  const db = await dbReady();
  await db.$transaction([
    db.user.update({
      where: { id },
      data: {
        email: data.email,
        emailNormalized: data.email ? normalizeIdentifier(data.email) : null,
        realName: data.realName,
        status: data.status,
        // Leaving Locked Out by hand also clears the lock, as an unlock does.
        ...(data.status !== "LOCKED_OUT" ? { lockedAt: null, failedAttempts: 0 } : {}),
      },
    }),
    db.userAlias.deleteMany({ where: { userId: id } }),
    db.userAlias.createMany({
      data: data.aliases.map((alias) => ({ userId: id, alias, aliasNormalized: normalizeIdentifier(alias) })),
    }),
  ]);
}

/** Applies an unlock only while the user is still Locked Out; false when it was not. */
export async function unlockUserRow(
  id: string,
  data: { status: string; failedAttempts: number; lockedAt: null },
): Promise<boolean> {
  const { count } = await (
    await dbReady()
  ).user.updateMany({ where: { id, status: "LOCKED_OUT", deletedAt: null }, data });
  return count === 1;
}

export async function addUserToGroup(userId: string, groupId: string): Promise<boolean> {
  const { count } = await (
    await dbReady()
  ).groupMember
    .createMany({ data: [{ userId, groupId }] })
    .catch((e: unknown) => {
      if ((e as { code?: string }).code === "P2002") return { count: 0 };
      throw e;
    });
  return count === 1;
}

export async function removeUserFromGroup(userId: string, groupId: string): Promise<boolean> {
  const { count } = await (await dbReady()).groupMember.deleteMany({ where: { userId, groupId } });
  return count === 1;
}

export async function findGroupById(id: string): Promise<{ id: string; name: string } | null> {
  return (await dbReady()).group.findUnique({ where: { id }, select: { id: true, name: true } });
}

export async function setPasswordHash(id: string, passwordHash: string): Promise<void> {
  await (await dbReady()).user.update({ where: { id }, data: { passwordHash } });
}
