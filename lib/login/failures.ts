// A failed attempt (password or second factor) counts towards the lockout: the counter is
// incremented atomically, and at the threshold the account is Locked Out. One
// Authentication Log row says what happened: the failure's reason, or locked_out for the
// attempt that locked the account (its detail keeps the failure's reason). A lockout also
// ends the user's sessions (./revocation, with its own sessions_ended row).
import { insertAuthLog, type AuthLogInput } from "../db/auth-log";
import { incrementFailedAttempts, lockUser } from "../db/user-lockout";
import { afterFailedAttempt, type LockoutSettings } from "../mfa/lockout";
import { endUserSessions } from "./revocation";

export type FailureResult = "counted" | "locked";

export async function countFailure(
  entry: Omit<AuthLogInput, "result" | "reason" | "detail"> & { userId: string },
  reason: string,
  detail: Record<string, unknown> | undefined,
  lockout: () => Promise<LockoutSettings>,
  now = new Date(),
): Promise<FailureResult> {
  const [state, settings] = await Promise.all([incrementFailedAttempts(entry.userId), lockout()]);
  const outcome = afterFailedAttempt(state, settings, now);
  if (outcome.kind === "lock" && (await lockUser(entry.userId, now))) {
    await insertAuthLog({
      ...entry,
      result: "DENIED",
      reason: "locked_out",
      detail: {
        ...detail,
        cause: reason,
        failedAttempts: outcome.failedAttempts,
        threshold: settings.lockoutThreshold,
      },
    });
    // Locked Out: whatever the user's browsers hold ends now (./revocation).
    await endUserSessions({ id: entry.userId, username: entry.username ?? "" }, "status_locked_out", entry, now);
    return "locked";
  }
  await insertAuthLog({
    ...entry,
    result: "FAILURE",
    reason,
    detail: { ...detail, failedAttempts: state.failedAttempts },
  });
  return state.status === "LOCKED_OUT" ? "locked" : "counted";
}
