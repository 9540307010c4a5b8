// Repository: the IdP's signing keys. States: ACTIVE (signs), NEXT (published, not yet
// signing), PREVIOUS (replaced, still published while SPs catch up), RETIRED (gone).
import { dbReady } from "./client";

export type SigningKeyState = "ACTIVE" | "NEXT" | "PREVIOUS" | "RETIRED";

export type SigningKeyRow = {
  id: string;
  state: string;
  certificatePem: string;
  sha1Fingerprint: string;
  sha256Fingerprint: string;
  notBefore: Date;
  notAfter: Date;
  createdAt: Date;
  promotedAt: Date | null;
  retiredAt: Date | null;
};

export async function listSigningKeys(): Promise<SigningKeyRow[]> {
  return (await dbReady()).signingKey.findMany({ orderBy: [{ createdAt: "desc" }] });
}

export async function findKeysInState(states: SigningKeyState[]): Promise<SigningKeyRow[]> {
  return (await dbReady()).signingKey.findMany({ where: { state: { in: states } }, orderBy: { createdAt: "desc" } });
}

/** The active key with its sealed private key: only the signing-key service calls this. */
export async function findActiveKeyWithSecret() {
  return (await dbReady()).signingKey.findFirst({
    where: { state: "ACTIVE" },
    omit: { privateKeySealed: false },
    orderBy: { createdAt: "desc" },
  });
}

export async function insertSigningKey(data: {
  id: string;
  state: SigningKeyState;
  privateKeySealed: string;
  certificatePem: string;
  sha1Fingerprint: string;
  sha256Fingerprint: string;
  notBefore: Date;
  notAfter: Date;
}): Promise<SigningKeyRow> {
  return (await dbReady()).signingKey.create({ data });
}

/**
 * NEXT becomes ACTIVE; the old ACTIVE becomes PREVIOUS (a PREVIOUS one is retired). One
 * transaction: when the key is no longer NEXT (a concurrent promotion won) the last update
 * finds nothing, throws, and nothing changes. Returns false in that case.
 */
export async function promoteNextKey(nextId: string, now = new Date()): Promise<boolean> {
  const db = await dbReady();
  try {
    await db.$transaction([
      db.signingKey.updateMany({ where: { state: "PREVIOUS" }, data: { state: "RETIRED", retiredAt: now } }),
      db.signingKey.updateMany({ where: { state: "ACTIVE" }, data: { state: "PREVIOUS", retiredAt: null } }),
      db.signingKey.update({ where: { id: nextId, state: "NEXT" }, data: { state: "ACTIVE", promotedAt: now } }),
    ]);
    return true;
  } catch (e) {
    if ((e as { code?: string }).code === "P2025") return false;
    throw e;
  }
}

export async function setKeyState(id: string, state: SigningKeyState, now = new Date()): Promise<void> {
  await (
    await dbReady()
  ).signingKey.update({ where: { id }, data: { state, ...(state === "RETIRED" ? { retiredAt: now } : {}) } });
}
