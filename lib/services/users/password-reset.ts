// Use case for end users: set a password from the one-time link an administrator copied
// (Users > user > Password reset link). The token is 32 random bytes (base64url); only its
// SHA-256 is stored. It expires after 24 hours and works once: the claim (usedAt) and the
// new password hash are written in one transaction. The user's sessions, remembered devices
// and sign-ins in progress end (lib/login/revocation.ts).
import { z } from "zod";
import { hashPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "../../crypto/password";
import { consumeResetToken, findLiveResetToken } from "../../db/user-reset-tokens";
import { normalizeIdentifier } from "../../db/users";
import { endUserSessions } from "../../login/revocation";
import { audit } from "../actor";
import { hashResetToken } from "./manage-users";

/** Codes for the reset page's messages (reset.error.* in lib/i18n/messages.ts). */
export type ResetError =
  | "invalid_link"
  | "password_too_short"
  | "password_too_long"
  | "password_is_username"
  | "password_mismatch"
  | "password_missing";

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

const hashOf = (token: string) => (TOKEN.test(token) ? hashResetToken(token) : null);

/** Whether the link can still be used (for showing the form or the "link not valid" message). */
export async function checkResetLink(
  token: string,
  now = new Date(),
): Promise<{ ok: true; username: string } | { ok: false }> {
  const h = hashOf(token);
  const target = h ? await findLiveResetToken(h, now) : null;
  return target ? { ok: true, username: target.username } : { ok: false };
}

const passwordSchema = z.object({ password: z.string(), confirm: z.string() });

/** Checks the password policy: 12-256 characters, not the username, both entries equal. */
export function checkNewPassword(password: string, confirm: string, username: string): ResetError | null {
  if (!password) return "password_missing";
  if (password.length < PASSWORD_MIN_LENGTH) return "password_too_short";
  if (password.length > PASSWORD_MAX_LENGTH) return "password_too_long";
  if (normalizeIdentifier(password) === normalizeIdentifier(username)) return "password_is_username";
  if (password !== confirm) return "password_mismatch";
  return null;
}

export type ResetOutcome =
  { ok: true; username: string } | { ok: false; error: ResetError; field?: "password" | "confirm" };

export async function resetPasswordWithLink(
  token: string,
  input: unknown,
  ctx: { ip?: string | null } = {},
  now = new Date(),
): Promise<ResetOutcome> {
  const h = hashOf(token);
  const target = h ? await findLiveResetToken(h, now) : null;
  if (!target) return { ok: false, error: "invalid_link" };
  const parsed = passwordSchema.safeParse(input);
  const { password, confirm } = parsed.success ? parsed.data : { password: "", confirm: "" };
  const error = checkNewPassword(password, confirm, target.username);
  if (error) return { ok: false, error, field: error === "password_mismatch" ? "confirm" : "password" };
  const passwordHash = await hashPassword(password);
  if (!(await consumeResetToken(target.tokenId, target.userId, passwordHash, now)))
    return { ok: false, error: "invalid_link" };
  await audit(null, {
    action: "user.password_reset",
    targetType: "user",
    targetId: target.userId,
    targetLabel: target.username,
    actorLabel: target.username,
    ip: ctx.ip ?? null,
    after: { via: "one-time link" },
  });
  // A new password: every session and remembered device from before it ends.
  await endUserSessions({ id: target.userId, username: target.username }, "password_reset", { ip: ctx.ip }, now);
  return { ok: true, username: target.username };
}
