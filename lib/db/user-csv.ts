// Repository for the users CSV import and export: batched look-ups for a whole file, the
// import's single write transaction (batched inserts), and keyset batches for the export.
import { newRowId } from "./ids";
import { dbReady } from "./client";
import { normalizeIdentifier } from "./users";

const CHUNK = 500;

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export type ExistingUser = {
  id: string;
  username: string;
  usernameNormalized: string;
  email: string | null;
  realName: string | null;
  status: string;
  deletedAt: Date | null;
  aliases: string[]; // normalized
  aliasLabels: string[];
  groupIds: string[];
};

/** Users (trashed ones too) whose normalized username is in `names`. */
export async function findUsersByNormalizedUsernames(names: string[]): Promise<ExistingUser[]> {
  const db = await dbReady();
  const out: ExistingUser[] = [];
  for (const part of chunks([...new Set(names)])) {
    const rows = await db.user.findMany({
      where: { usernameNormalized: { in: part } },
      select: {
        id: true,
        username: true,
        usernameNormalized: true,
        email: true,
        realName: true,
        status: true,
        deletedAt: true,
        aliases: { select: { alias: true, aliasNormalized: true }, orderBy: { aliasNormalized: "asc" } },
        memberships: { select: { groupId: true } },
      },
    });
    for (const { aliases, memberships, ...u } of rows) {
      out.push({
        ...u,
        aliases: aliases.map((a) => a.aliasNormalized),
        aliasLabels: aliases.map((a) => a.alias),
        groupIds: memberships.map((m) => m.groupId),
      });
    }
  }
  return out;
}

/** Owner of each alias in `aliases` (normalized). */
export async function findAliasOwners(aliases: string[]): Promise<Map<string, { userId: string; username: string }>> {
  const db = await dbReady();
  const out = new Map<string, { userId: string; username: string }>();
  for (const part of chunks([...new Set(aliases)])) {
    const rows = await db.userAlias.findMany({
      where: { aliasNormalized: { in: part } },
      select: { aliasNormalized: true, userId: true, user: { select: { username: true } } },
    });
    for (const r of rows) out.set(r.aliasNormalized, { userId: r.userId, username: r.user.username });
  }
  return out;
}

export type ImportCreate = {
  username: string;
  email: string | null;
  realName: string | null;
  status: string;
  aliases: string[];
  groupIds: string[];
};
export type ImportUpdate = {
  id: string;
  set: { email?: string | null; realName?: string | null; status?: string };
  /** Replaces all aliases when present. */
  aliases?: string[];
  /** Memberships to add (the user stays in its other groups). */
  addGroupIds: string[];
};

const normalize = normalizeIdentifier;

/**
 * Writes the whole import in ONE transaction: users created with createMany in batches,
 * then their aliases and memberships; updates one user at a time. Any failure rolls all
 * of it back. `onProgress(done)` is called after each batch (done counts users).
 */
export async function writeUserImport(
  creates: ImportCreate[],
  updates: ImportUpdate[],
  onProgress?: (done: number) => void,
): Promise<void> {
  const db = await dbReady();
  await db.$transaction(
    async (tx) => {
      let done = 0;
      const now = new Date();
      for (const part of chunks(creates)) {
        const withIds = part.map((c) => ({ ...c, id: newRowId() }));
        await tx.user.createMany({
          data: withIds.map((c) => ({
            id: c.id,
            username: c.username,
            usernameNormalized: normalize(c.username),
            email: c.email,
            emailNormalized: c.email ? normalize(c.email) : null,
            realName: c.realName,
            status: c.status,
            isEnrolled: false,
            createdAt: now,
            updatedAt: now,
          })),
        });
        const aliases = withIds.flatMap((c) =>
          c.aliases.map((alias) => ({ id: newRowId(), userId: c.id, alias, aliasNormalized: normalize(alias) })),
        );
        for (const a of chunks(aliases, 1000)) await tx.userAlias.createMany({ data: a });
        const members = withIds.flatMap((c) => c.groupIds.map((groupId) => ({ groupId, userId: c.id, addedAt: now })));
        for (const m of chunks(members, 1000)) await tx.groupMember.createMany({ data: m });
        done += part.length;
        onProgress?.(done);
      }
      for (const part of chunks(updates, 200)) {
        for (const u of part) {
          const set = {
            ...u.set,
            ...("email" in u.set ? { emailNormalized: u.set.email ? normalize(u.set.email) : null } : {}),
          };
          if (Object.keys(set).length) await tx.user.update({ where: { id: u.id }, data: set });
        }
        const replacing = part.filter((u) => u.aliases !== undefined);
        if (replacing.length) {
          await tx.userAlias.deleteMany({ where: { userId: { in: replacing.map((u) => u.id) } } });
          const aliases = replacing.flatMap((u) =>
            (u.aliases ?? []).map((alias) => ({
              id: newRowId(),
              userId: u.id,
              alias,
              aliasNormalized: normalize(alias),
            })),
          );
          for (const a of chunks(aliases, 1000)) await tx.userAlias.createMany({ data: a });
        }
        const members = part.flatMap((u) => u.addGroupIds.map((groupId) => ({ groupId, userId: u.id, addedAt: now })));
        for (const m of chunks(members, 1000)) await tx.groupMember.createMany({ data: m });
        done += part.length;
        onProgress?.(done);
      }
    },
    { maxWait: 10_000, timeout: 120_000 },
  );
}

export type ExportUser = {
  username: string;
  usernameNormalized: string;
  email: string | null;
  realName: string | null;
  status: string;
  aliases: string[];
  groups: string[];
};

/** The next batch of users (not trashed) after `after` by normalized username, with aliases and group names. */
export async function exportUsersBatch(after: string | undefined, limit: number): Promise<ExportUser[]> {
  const db = await dbReady();
  const rows = await db.user.findMany({
    where: { deletedAt: null, ...(after ? { usernameNormalized: { gt: after } } : {}) },
    orderBy: { usernameNormalized: "asc" },
    take: limit,
    select: {
      username: true,
      usernameNormalized: true,
      email: true,
      realName: true,
      status: true,
      aliases: { select: { alias: true }, orderBy: { aliasNormalized: "asc" } },
      memberships: { select: { group: { select: { name: true, nameNormalized: true } } } },
    },
  });
  return rows.map(({ aliases, memberships, ...u }) => ({
    ...u,
    aliases: aliases.map((a) => a.alias),
    groups: memberships
      .map((m) => m.group)
      .sort((a, b) => (a.nameNormalized < b.nameNormalized ? -1 : 1))
      .map((g) => g.name),
  }));
}
