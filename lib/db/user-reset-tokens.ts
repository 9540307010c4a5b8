// Repository: one-time password reset links (PasswordResetToken). Only the SHA-256 of a
// token is stored; the token itself exists in the link the administrator copies.
import { dbReady } from "./client";

/** Stores a new link for the user and revokes (deletes) the user's older unused ones, atomically. */
export async function replaceResetToken(userId: string, tokenHash: string, expiresAt: Date): Promise<void> {
  const db = await dbReady();
  await db.$transaction([
    db.passwordResetToken.deleteMany({ where: { userId, usedAt: null } }),
    db.passwordResetToken.create({ data: { userId, tokenHash, expiresAt } }),
  ]);
}

export type ResetTokenTarget = { tokenId: string; userId: string; username: string };

/** The live token with this hash (unused, unexpired, user not deleted), or null. */
export async function findLiveResetToken(tokenHash: string, now = new Date()): Promise<ResetTokenTarget | null> {
  const row = await (
    await dbReady()
  ).passwordResetToken.findFirst({
    where: { tokenHash, usedAt: null, expiresAt: { gt: now }, user: { deletedAt: null } },
    select: { id: true, userId: true, user: { select: { username: true } } },
  });
  return row ? { tokenId: row.id, userId: row.userId, username: row.user.username } : null;
}

/**
 * Uses the token once and sets the password in one transaction: the claim (usedAt) only
 * succeeds while the token is unused and unexpired, so two submissions cannot both win.
 */
export async function consumeResetToken(
  tokenId: string,
  userId: string,
  passwordHash: string,
  now = new Date(),
): Promise<boolean> {
  const db = await dbReady();
  const gone = new Error("user deleted meanwhile");
  return db
    .$transaction(async (tx) => {
      const { count } = await tx.passwordResetToken.updateMany({
        where: { id: tokenId, usedAt: null, expiresAt: { gt: now } },
        data: { usedAt: now },
      });
      if (count !== 1) return false;
      const u = await tx.user.updateMany({ where: { id: userId, deletedAt: null }, data: { passwordHash } });
      if (u.count !== 1) throw gone; // rolls the claim back
      return true;
    })
    .catch((e: unknown) => {
      if (e === gone) return false;
      throw e;
    });
}

/** Removes used and expired tokens (purge job). */
export async function purgeResetTokens(now = new Date()): Promise<number> {
  const { count } = await (
    await dbReady()
  ).passwordResetToken.deleteMany({ where: { OR: [{ usedAt: { not: null } }, { expiresAt: { lte: now } }] } });
  return count;
}
