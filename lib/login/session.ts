// The SSO session: after one successful sign-in, later applications in the same browser sign
// in without a prompt while assess() (./assurance) finds its proofs enough. The session
// records which factors it proved and when (`proofs`). The browser's cookie holds a random
// value; the database holds only its SHA-256 (a copy of the database opens no session).
import {
  findSsoSession,
  insertSsoSession,
  rotateSsoSession,
  endSsoSession,
  type SsoSessionRow,
} from "../db/sign-in-state";
import { findUserForSession, type LoginUser } from "../db/users";
import { firstFactorAt, PROOF_FACTORS, type Proofs } from "./assurance";
import { newOpaqueId, storageId } from "./transaction";

export const SSO_COOKIE = "pc_sso";
export const SSO_TTL_MS = 8 * 60 * 60_000;

/** A new session's cookie value (`token`), its database id and expiry. */
export type NewSession = { token: string; id: string; expiresAt: Date };

export type ActiveSession = {
  /** The database id (the SHA-256 of the cookie value). */
  id: string;
  /** When the first factor was proved (SAML AuthnInstant). */
  authnInstant: Date;
  proofs: Proofs;
  /** The proved factors (keys of `proofs`). */
  factors: string[];
  expiresAt: Date;
  user: LoginUser & { sessionsRevokedAt: Date | null };
};

const factorsOf = (proofs: Proofs) => PROOF_FACTORS.filter((f) => proofs[f] !== undefined);

export function parseProofs(json: string | null | undefined): Proofs {
  try {
    const v = JSON.parse(json ?? "{}") as Record<string, unknown>;
    const out: Proofs = {};
    for (const f of PROOF_FACTORS) if (typeof v?.[f] === "number") out[f] = v[f] as number;
    return out;
  } catch {
    return {};
  }
}

/**
 * Opens a session for what the sign-in proved. AuthnInstant is when the first factor was
 * proved; the session lasts SSO_TTL_MS from then.
 */
export async function createSsoSession(userId: string, proofs: Proofs, now = Date.now()): Promise<NewSession> {
  const token = newOpaqueId();
  const id = storageId(token);
  const first = firstFactorAt(proofs) ?? now;
  const expiresAt = new Date(first + SSO_TTL_MS);
  await insertSsoSession({
    id,
    userId,
    authnInstant: new Date(first),
    factors: factorsOf(proofs).join(","),
    proofs: JSON.stringify(proofs),
    expiresAt,
  });
  return { token, id, expiresAt };
}

/**
 * A step-up proved more: the session is replaced by a new one (new cookie value) that holds
 * the old proofs and `added`, keeps its AuthnInstant, expiry and participants; the old one
 * ends. Null when the old session has ended or expired meanwhile (then: sign in again).
 */
export async function elevateSsoSession(
  sessionId: string,
  userId: string,
  added: Proofs,
  now = Date.now(),
): Promise<NewSession | null> {
  const token = newOpaqueId();
  const id = storageId(token);
  const row = await rotateSsoSession(sessionId, userId, id, new Date(now), (old) => {
    const merged = parseProofs(old.proofs);
    for (const f of PROOF_FACTORS) {
      const t = added[f];
      if (t !== undefined && (merged[f] ?? -Infinity) < t) merged[f] = t;
    }
    return { proofs: JSON.stringify(merged), factors: factorsOf(merged).join(",") };
  });
  return row ? { token, id, expiresAt: row.expiresAt } : null;
}

function active(s: SsoSessionRow, user: ActiveSession["user"]): ActiveSession | null {
  const proofs = parseProofs(s.proofs);
  // Revoked after it was opened (password reset, authenticator removed, status change, ...).
  if (user.sessionsRevokedAt && s.authnInstant.getTime() <= user.sessionsRevokedAt.getTime()) return null;
  return { id: s.id, authnInstant: s.authnInstant, proofs, factors: factorsOf(proofs), expiresAt: s.expiresAt, user };
}

/** The live session a cookie value opens, with its user as stored now; null when none. */
export async function resolveSsoSession(token: string | undefined | null): Promise<ActiveSession | null> {
  if (!token || token.length > 100) return null;
  const s = await findSsoSession(storageId(token));
  if (!s) return null;
  const user = await findUserForSession(s.userId);
  if (!user) return null;
  return active(s, user);
}

/** Ends the session of this cookie value (sign out). */
export const endSession = (token: string) => endSsoSession(storageId(token));
