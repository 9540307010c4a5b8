// Repository: an end user's consecutive failed attempts and lockout (lib/mfa/lockout.ts
// decides; these functions write its updates atomically and conditionally).
import { dbReady } from "./client";

export type LockState = { id: string; status: string; failedAttempts: number; lockedAt: Date | null };

export async function readLockState(userId: string): Promise<LockState | null> {
  return (await dbReady()).user.findUnique({
    where: { id: userId },
    select: { id: true, status: true, failedAttempts: true, lockedAt: true },
  });
}

/** Counts one failed attempt (atomic increment) and returns the new state. */
export async function incrementFailedAttempts(userId: string): Promise<LockState> {
  return (await dbReady()).user.update({
    where: { id: userId },
    data: { failedAttempts: { increment: 1 } },
    select: { id: true, status: true, failedAttempts: true, lockedAt: true },
  });
}

/** Locks the account if it is still Active or Bypass; false when something else changed it first. */
export async function lockUser(userId: string, at: Date): Promise<boolean> {
  const { count } = await (
    await dbReady()
  ).user.updateMany({
    where: { id: userId, status: { in: ["ACTIVE", "BYPASS"] } },
    data: { status: "LOCKED_OUT", lockedAt: at },
  });
  return count === 1;
}

/** Unlocks a locked account (auto-unlock or an administrator): back to Active, counter cleared. */
export async function unlockUser(userId: string): Promise<boolean> {
  const { count } = await (
    await dbReady()
  ).user.updateMany({
    where: { id: userId, status: "LOCKED_OUT" },
    data: { status: "ACTIVE", failedAttempts: 0, lockedAt: null },
  });
  return count === 1;
}
