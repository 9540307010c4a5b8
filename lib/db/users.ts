// Repository: end users (the directory) as the sign-in flow needs them.
import { dbReady } from "./client";

export type LoginUser = {
  id: string;
  username: string;
  email: string | null;
  realName: string | null;
  status: string;
  passwordHash: string | null;
  groups: { id: string; name: string; status: string }[];
};

export const normalizeIdentifier = (v: string) => v.trim().toLowerCase();

/** Finds a user by username, email or alias (case-insensitive), with password hash and groups. */
export async function findUserForLogin(identifier: string): Promise<LoginUser | null> {
  const n = normalizeIdentifier(identifier);
  if (!n) return null;
  const db = await dbReady();
  const select = {
    id: true,
    username: true,
    email: true,
    realName: true,
    status: true,
    passwordHash: true,
    memberships: { select: { group: { select: { id: true, name: true, status: true } } } },
  } as const;
  const where = { deletedAt: null } as const;
  const user =
    (await db.user.findFirst({ where: { ...where, usernameNormalized: n }, select })) ??
    (await db.user.findFirst({ where: { ...where, emailNormalized: n }, select })) ??
    (await db.user.findFirst({ where: { ...where, aliases: { some: { aliasNormalized: n } } }, select }));
  if (!user) return null;
  const { memberships, ...rest } = user;
  return { ...rest, groups: memberships.map((m) => m.group) };
}

export async function findUserForSession(id: string): Promise<LoginUser | null> {
  const user = await (await dbReady()).user.findFirst({
    where: { id, deletedAt: null },
    select: { id: true, username: true, email: true, realName: true, status: true, memberships: { select: { group: { select: { id: true, name: true, status: true } } } } },
  });
  if (!user) return null;
  const { memberships, ...rest } = user;
  return { ...rest, passwordHash: null, groups: memberships.map((m) => m.group) };
}

export async function recordUserLogin(id: string, at = new Date()): Promise<void> {
  await (await dbReady()).user.update({ where: { id }, data: { lastLoginAt: at, failedAttempts: 0 } });
}

export async function insertUser(data: { username: string; email?: string | null; realName?: string | null; status?: string; passwordHash?: string | null; aliases?: string[]; groupIds?: string[] }) {
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
    data: { name: data.name, nameNormalized: normalizeIdentifier(data.name), description: data.description ?? null, status: data.status ?? "ACTIVE" },
    select: { id: true, name: true },
  });
}

export async function findUserIdByUsername(username: string): Promise<string | null> {
  const u = await (await dbReady()).user.findUnique({ where: { usernameNormalized: normalizeIdentifier(username) }, select: { id: true } });
  return u?.id ?? null;
}

export async function findGroupIdByName(name: string): Promise<string | null> {
  const g = await (await dbReady()).group.findUnique({ where: { nameNormalized: normalizeIdentifier(name) }, select: { id: true } });
  return g?.id ?? null;
}
