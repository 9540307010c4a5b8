// Revocation: ONE service that ends what a user's browsers hold when something weakens what
// they proved. Called on a password reset, the removal of an authenticator (console and
// portal), a status change to Disabled or Locked Out (an automatic lockout included),
// deletion to the trash and restore. It ends every SSO session of the user, forgets the
// remembered devices, drops the sign-ins in progress, and moves the user's revocation
// watermark (User.sessionsRevokedAt) so that nothing proved before now counts, even a session
// or token written concurrently (lib/login/session.ts and ./assurance check it). One
// Authentication Log row says what happened (reason sessions_ended).
import { insertAuthLog } from "../db/auth-log";
import { revokeUserSignInState } from "../db/sign-in-state";

export const REVOCATION_EVENTS = [
  "password_reset",
  "authenticator_removed",
  "status_disabled",
  "status_locked_out",
  "user_deleted",
  "user_restored",
] as const;
export type RevocationEvent = (typeof REVOCATION_EVENTS)[number];

export type RevocationResult = { sessions: number; rememberedDevices: number; pendingSignIns: number };

export async function endUserSessions(
  user: { id: string; username: string },
  event: RevocationEvent,
  ctx: { ip?: string | null; userAgent?: string | null; by?: string; detail?: Record<string, unknown> } = {},
  now = new Date(),
): Promise<RevocationResult> {
  const ended = await revokeUserSignInState(user.id, now);
  await insertAuthLog({
    userId: user.id,
    username: user.username,
    applicationId: null,
    applicationName: null,
    ip: ctx.ip ?? null,
    userAgent: ctx.userAgent ?? null,
    result: "SUCCESS",
    reason: "sessions_ended",
    detail: { event, ...ended, ...(ctx.by ? { by: ctx.by } : {}), ...ctx.detail },
  });
  return ended;
}
