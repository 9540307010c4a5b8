// Repository: the Users trash. A deleted user keeps its row (deletedAt set) for 7 days: it
// cannot sign in (the sign-in look-ups skip deleted users), its username and aliases stay
// reserved, and an administrator can restore it. The purge job removes it after that.
import { dbReady } from "./client";

export const TRASH_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

export type TrashedUser = {
  id: string;
  username: string;
  realName: string | null;
  email: string | null;
  deletedAt: Date;
};

/** Moves a live user to the trash; false when it is missing or already there. Unused reset links die with it. */
export async function softDeleteUser(id: string, at = new Date()): Promise<boolean> {
  const db = await dbReady();
  return db.$transaction(async (tx) => {
    const { count } = await tx.user.updateMany({ where: { id, deletedAt: null }, data: { deletedAt: at } });
    if (count === 0) return false;
    await tx.passwordResetToken.deleteMany({ where: { userId: id, usedAt: null } });
    return true;
  });
}

/** Restores a trashed user still inside the retention window; false otherwise. */
export async function restoreUser(id: string, now = new Date()): Promise<boolean> {
  const { count } = await (
    await dbReady()
  ).user.updateMany({
    where: { id, deletedAt: { not: null, gt: new Date(now.getTime() - TRASH_RETENTION_MS) } },
    data: { deletedAt: null },
  });
  return count === 1;
}

/** Trashed users still restorable, most recently deleted first, keyset-paged on (deletedAt, id). */
export async function listTrashedUsers(opts: {
  now?: Date;
  take: number;
  after?: { deletedAt: Date; id: string };
}): Promise<TrashedUser[]> {
  const now = opts.now ?? new Date();
  const a = opts.after;
  const rows = await (
    await dbReady()
  ).user.findMany({
    where: {
      deletedAt: { not: null, gt: new Date(now.getTime() - TRASH_RETENTION_MS) },
      ...(a ? { OR: [{ deletedAt: { lt: a.deletedAt } }, { deletedAt: a.deletedAt, id: { lt: a.id } }] } : {}),
    },
    orderBy: [{ deletedAt: "desc" }, { id: "desc" }],
    take: opts.take,
    select: { id: true, username: true, realName: true, email: true, deletedAt: true },
  });
  return rows.map((r) => ({ ...r, deletedAt: r.deletedAt! }));
}

/** Deletes users trashed more than 7 days ago (their aliases, memberships, authenticators… cascade). Returns how many. */
export async function purgeDeletedUsers(now = new Date()): Promise<number> {
  const { count } = await (
    await dbReady()
  ).user.deleteMany({ where: { deletedAt: { not: null, lte: new Date(now.getTime() - TRASH_RETENTION_MS) } } });
  return count;
}
