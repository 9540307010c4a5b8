// End-user lockout: after N consecutive failed attempts (password or second factor; default
// 10, set in Settings) the user is Locked Out until an administrator unlocks it or, when
// Settings give an auto-unlock time, until that time has passed. Pure: the caller reads the
// user's row, asks here, and writes the returned update (see each function). An unlocked
// account returns to Active, as in Duo, even if it was in Bypass status before.
import { z } from "zod";

export const DEFAULT_LOCKOUT_THRESHOLD = 10;

/** Settings keys (Setting.key) and their validation; `autoUnlockMinutes: null` = only an administrator unlocks. */
export const lockoutSettingsSchema = z.object({
  lockoutThreshold: z
    .int("Enter a whole number of attempts.")
    .min(1, "Lock out after at least 1 failed attempt.")
    .max(100, "Lock out after at most 100 failed attempts.")
    .default(DEFAULT_LOCKOUT_THRESHOLD),
  autoUnlockMinutes: z
    .int("Enter a whole number of minutes.")
    .min(1, "Unlock after at least 1 minute, or leave empty for manual unlock only.")
    .max(60 * 24 * 365, "Unlock after at most 525600 minutes (one year).")
    .nullable()
    .default(null),
});
export type LockoutSettings = z.infer<typeof lockoutSettingsSchema>;

/** Reads lockout settings from stored Setting values; a missing or malformed value reads as its default. */
export function readLockoutSettings(stored: Record<string, unknown>): LockoutSettings {
  const threshold = lockoutSettingsSchema.shape.lockoutThreshold.safeParse(stored.lockoutThreshold);
  const unlock = lockoutSettingsSchema.shape.autoUnlockMinutes.safeParse(stored.autoUnlockMinutes);
  return {
    lockoutThreshold: threshold.success ? threshold.data : DEFAULT_LOCKOUT_THRESHOLD,
    autoUnlockMinutes: unlock.success ? unlock.data : null,
  };
}

export type LockoutAccount = { status: string; failedAttempts: number; lockedAt: Date | null };

export type LockoutCheck =
  | { kind: "open" }
  /** Refuse the attempt (log reason locked_out); `unlocksAt` null = until an administrator unlocks. */
  | { kind: "locked"; unlocksAt: Date | null }
  /** The auto-unlock time has passed: write `update` (conditionally on status LOCKED_OUT), then go on. */
  | { kind: "unlock"; update: { status: "ACTIVE"; failedAttempts: 0; lockedAt: null } };

/** Before an attempt: is the account locked, or due to be unlocked now? */
export function checkLockout(account: LockoutAccount, settings: LockoutSettings, now: Date): LockoutCheck {
  if (account.status !== "LOCKED_OUT") return { kind: "open" };
  // Locked by hand (no lockedAt) or no auto-unlock configured: only an administrator unlocks.
  if (!account.lockedAt || settings.autoUnlockMinutes === null) return { kind: "locked", unlocksAt: null };
  const unlocksAt = new Date(account.lockedAt.getTime() + settings.autoUnlockMinutes * 60_000);
  if (now.getTime() >= unlocksAt.getTime())
    return { kind: "unlock", update: { status: "ACTIVE", failedAttempts: 0, lockedAt: null } };
  return { kind: "locked", unlocksAt };
}

export type FailureOutcome =
  | { kind: "counted"; failedAttempts: number }
  /** Threshold reached: write `update` (conditionally on the status being ACTIVE or BYPASS) and log the lockout. */
  | { kind: "lock"; failedAttempts: number; update: { status: "LOCKED_OUT"; lockedAt: Date } };

/**
 * After a failed attempt. `failedAttempts` is the count including this failure, as returned by
 * the caller's atomic increment (`failedAttempts: { increment: 1 }`), so concurrent failures
 * cannot both read the old count. Disabled or already locked accounts are counted, not relocked.
 */
export function afterFailedAttempt(
  account: { status: string; failedAttempts: number },
  settings: LockoutSettings,
  now: Date,
): FailureOutcome {
  const { failedAttempts } = account;
  const lockable = account.status === "ACTIVE" || account.status === "BYPASS";
  if (lockable && failedAttempts >= settings.lockoutThreshold)
    return { kind: "lock", failedAttempts, update: { status: "LOCKED_OUT", lockedAt: now } };
  return { kind: "counted", failedAttempts };
}

/** After a successful sign-in (both factors): consecutive failures start again from zero. */
export const AFTER_SUCCESS = { failedAttempts: 0 } as const;

/** What an administrator's unlock writes (status back to Active, counter and lock time cleared). */
export const ADMIN_UNLOCK = { status: "ACTIVE", failedAttempts: 0, lockedAt: null } as const;
