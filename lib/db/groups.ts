// Repository: groups and their members. Listings are keyset-paged on unique normalized
// columns (group nameNormalized, member usernameNormalized), and member counts come from
// one grouped query per page (no query per row).
import { dbReady } from "./client";
import { prefixRange } from "./prefix";
import { normalizeIdentifier } from "./users";

export type GroupStatus = "ACTIVE" | "BYPASS" | "DISABLED";

export type GroupRow = {
  id: string;
  name: string;
  nameNormalized: string;
  description: string | null;
  status: string;
  createdAt: Date;
  updatedAt: Date;
};
export type GroupListRow = GroupRow & { memberCount: number };

const groupSelect = {
  id: true,
  name: true,
  nameNormalized: true,
  description: true,
  status: true,
  createdAt: true,
  updatedAt: true,
} as const;

/** A page of groups by name, optionally only names starting with `prefix` (case-insensitive). */
export async function listGroups(opts: {
  prefix?: string;
  after?: string;
  dir: "asc" | "desc";
  limit: number;
}): Promise<GroupListRow[]> {
  const db = await dbReady();
  const prefix = opts.prefix ? normalizeIdentifier(opts.prefix) : "";
  const rows = await db.group.findMany({
    where: {
      AND: [
        prefix ? { nameNormalized: prefixRange(prefix) } : {},
        opts.after ? { nameNormalized: opts.dir === "asc" ? { gt: opts.after } : { lt: opts.after } } : {},
      ],
    },
    orderBy: { nameNormalized: opts.dir },
    take: opts.limit,
    select: groupSelect,
  });
  const counts = await memberCounts(rows.map((r) => r.id));
  return rows.map((r) => ({ ...r, memberCount: counts.get(r.id) ?? 0 }));
}

/** Members per group for a page of groups: one grouped query over the (groupId, userId) key. */
export async function memberCounts(groupIds: string[]): Promise<Map<string, number>> {
  if (groupIds.length === 0) return new Map();
  const db = await dbReady();
  const rows = await db.groupMember.groupBy({
    by: ["groupId"],
    where: { groupId: { in: groupIds }, user: { deletedAt: null } },
    _count: { _all: true },
  });
  return new Map(rows.map((r) => [r.groupId, r._count._all]));
}

export async function countGroups(): Promise<number> {
  return (await dbReady()).group.count();
}

export async function findGroupById(id: string): Promise<GroupRow | null> {
  return (await dbReady()).group.findUnique({ where: { id }, select: groupSelect });
}

export async function findGroupByName(name: string): Promise<GroupRow | null> {
  return (await dbReady()).group.findUnique({
    where: { nameNormalized: normalizeIdentifier(name) },
    select: groupSelect,
  });
}

/** Groups by normalized name, for the CSV import (one query for the whole file). */
export async function findGroupsByNormalizedNames(
  names: string[],
): Promise<{ id: string; name: string; nameNormalized: string }[]> {
  if (names.length === 0) return [];
  const db = await dbReady();
  const out: { id: string; name: string; nameNormalized: string }[] = [];
  for (let i = 0; i < names.length; i += 500) {
    out.push(
      ...(await db.group.findMany({
        where: { nameNormalized: { in: names.slice(i, i + 500) } },
        select: { id: true, name: true, nameNormalized: true },
      })),
    );
  }
  return out;
}

export async function insertGroupRow(data: {
  name: string;
  description: string | null;
  status: GroupStatus;
}): Promise<GroupRow> {
  return (await dbReady()).group.create({
    data: {
      name: data.name,
      nameNormalized: normalizeIdentifier(data.name),
      description: data.description,
      status: data.status,
    },
    select: groupSelect,
  });
}

export async function updateGroupRow(
  id: string,
  data: { name: string; description: string | null; status: GroupStatus },
): Promise<GroupRow> {
  return (await dbReady()).group.update({
    where: { id },
    data: {
      name: data.name,
      nameNormalized: normalizeIdentifier(data.name),
      description: data.description,
      status: data.status,
    },
    select: groupSelect,
  });
}

/** Deletes the group; its memberships, application permitted-group links and policy assignments go with it (cascade). */
export async function deleteGroupRow(id: string): Promise<void> {
  await (await dbReady()).group.delete({ where: { id } });
}

/** What depends on a group: the applications that permit it and how many members it has. */
export async function groupUsage(
  id: string,
): Promise<{ applications: { id: string; name: string }[]; memberCount: number; policyAssignments: number }> {
  const db = await dbReady();
  const [links, memberCount, policyAssignments] = await Promise.all([
    db.applicationGroup.findMany({
      where: { groupId: id },
      select: { application: { select: { id: true, name: true } } },
      orderBy: { application: { name: "asc" } },
    }),
    db.groupMember.count({ where: { groupId: id, user: { deletedAt: null } } }),
    db.policyAssignment.count({ where: { groupId: id } }),
  ]);
  return { applications: links.map((l) => l.application), memberCount, policyAssignments };
}

// ---------------------------------------------------------------- members

export type MemberRow = {
  id: string;
  username: string;
  usernameNormalized: string;
  email: string | null;
  realName: string | null;
  status: string;
  addedAt: Date;
};

/** Members of a group by username, keyset-paged on usernameNormalized (unique). */
export async function listMembers(
  groupId: string,
  opts: { after?: string; prefix?: string; limit: number },
): Promise<MemberRow[]> {
  const db = await dbReady();
  const prefix = opts.prefix ? normalizeIdentifier(opts.prefix) : "";
  // From the group's side: its (groupId, userId) keys, joined to users and sorted by name.
  const rows = await db.groupMember.findMany({
    where: {
      groupId,
      user: {
        deletedAt: null,
        AND: [
          prefix ? { usernameNormalized: prefixRange(prefix) } : {},
          opts.after ? { usernameNormalized: { gt: opts.after } } : {},
        ],
      },
    },
    orderBy: { user: { usernameNormalized: "asc" } },
    take: opts.limit,
    select: {
      addedAt: true,
      user: {
        select: { id: true, username: true, usernameNormalized: true, email: true, realName: true, status: true },
      },
    },
  });
  return rows.map((m) => ({ ...m.user, addedAt: m.addedAt }));
}

export type UserCandidate = {
  id: string;
  username: string;
  email: string | null;
  realName: string | null;
  isMember: boolean;
};

/** Users whose username or email starts with `q` (not in the trash), for "Add members". */
export async function searchUsersForGroup(groupId: string, q: string, limit: number): Promise<UserCandidate[]> {
  const n = normalizeIdentifier(q);
  if (!n) return [];
  const db = await dbReady();
  const select = {
    id: true,
    username: true,
    email: true,
    realName: true,
    memberships: { where: { groupId }, select: { groupId: true } },
  } as const;
  const [byName, byEmail] = await Promise.all([
    db.user.findMany({
      where: { deletedAt: null, usernameNormalized: prefixRange(n) },
      orderBy: { usernameNormalized: "asc" },
      take: limit,
      select,
    }),
    db.user.findMany({
      where: { deletedAt: null, emailNormalized: prefixRange(n) },
      orderBy: { emailNormalized: "asc" },
      take: limit,
      select,
    }),
  ]);
  const seen = new Map<string, UserCandidate>();
  for (const u of [...byName, ...byEmail]) {
    if (!seen.has(u.id))
      seen.set(u.id, {
        id: u.id,
        username: u.username,
        email: u.email,
        realName: u.realName,
        isMember: u.memberships.length > 0,
      });
  }
  return [...seen.values()].sort((a, b) => a.username.localeCompare(b.username)).slice(0, limit);
}

/** Existing, non-trashed users among `ids`. */
export async function findUsersByIds(ids: string[]): Promise<{ id: string; username: string }[]> {
  if (ids.length === 0) return [];
  return (await dbReady()).user.findMany({
    where: { id: { in: ids }, deletedAt: null },
    select: { id: true, username: true },
  });
}

/** Adds members; those already in the group are skipped. Returns the ids actually added. */
export async function addMembers(groupId: string, userIds: string[]): Promise<string[]> {
  const db = await dbReady();
  return db.$transaction(async (tx) => {
    const existing = new Set(
      (await tx.groupMember.findMany({ where: { groupId, userId: { in: userIds } }, select: { userId: true } })).map(
        (m) => m.userId,
      ),
    );
    const fresh = [...new Set(userIds)].filter((id) => !existing.has(id));
    if (fresh.length) await tx.groupMember.createMany({ data: fresh.map((userId) => ({ groupId, userId })) });
    return fresh;
  });
}

/** Removes one member; false when the user was not in the group. */
export async function removeMember(groupId: string, userId: string): Promise<boolean> {
  const r = await (await dbReady()).groupMember.deleteMany({ where: { groupId, userId } });
  return r.count > 0;
}

/** All groups for pickers (id, name, status), by name. Never truncated: a form that saves the
 * checked groups must see every group, or saving would drop the ones it did not show. */
export async function listGroupOptions(): Promise<{ id: string; name: string; status: string }[]> {
  return (await dbReady()).group.findMany({
    select: { id: true, name: true, status: true },
    orderBy: { nameNormalized: "asc" },
  });
}
