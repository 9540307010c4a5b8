// The SSO session: after one successful sign-in, later applications in the same browser
// sign in without a prompt (while the account and access checks still pass).
import { endSsoSession, findSsoSession, insertSsoSession } from "../db/sign-in-state";
import { findUserForSession, type LoginUser } from "../db/users";
import { newOpaqueId } from "./transaction";

export const SSO_COOKIE = "pc_sso";
export const SSO_TTL_MS = 8 * 60 * 60_000;

export async function createSsoSession(
  userId: string,
  factors: string[],
  now = Date.now(),
): Promise<{ id: string; expiresAt: Date }> {
  const id = newOpaqueId();
  const expiresAt = new Date(now + SSO_TTL_MS);
  await insertSsoSession({ id, userId, authnInstant: new Date(now), factors: factors.join(","), expiresAt });
  return { id, expiresAt };
}

export type ActiveSession = { id: string; authnInstant: Date; factors: string[]; expiresAt: Date; user: LoginUser };

export async function resolveSsoSession(id: string | undefined | null): Promise<ActiveSession | null> {
  if (!id || id.length > 100) return null;
  const s = await findSsoSession(id);
  if (!s) return null;
  const user = await findUserForSession(s.userId);
  if (!user) return null;
  return {
    id: s.id,
    authnInstant: s.authnInstant,
    factors: s.factors ? s.factors.split(",") : [],
    expiresAt: s.expiresAt,
    user,
  };
}

export const endSession = (id: string) => endSsoSession(id);
