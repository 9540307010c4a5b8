// Repository: a user's authenticators (TOTP, WebAuthn) and bypass codes. Every insert and
// delete of an authenticator also keeps User.isEnrolled (the Users list filters on it) in the
// same transaction, so use these functions rather than prisma.authenticator directly.
import { dbReady } from "./client";

/** What lists show: no secret columns (the client omits them by default). */
export type AuthenticatorSummary = {
  id: string;
  type: string; // TOTP | WEBAUTHN
  name: string;
  lastUsedStep: number | null;
  credentialId: string | null;
  counter: bigint;
  transports: string | null;
  deviceType: string | null;
  backedUp: boolean;
  createdAt: Date;
  lastUsedAt: Date | null;
};

/** With the sealed TOTP secret and the WebAuthn public key, for verifying a sign-in. */
export type AuthenticatorRow = AuthenticatorSummary & { secretSealed: string | null; publicKey: string | null };

export type NewAuthenticator = {
  type: "TOTP" | "WEBAUTHN";
  name: string;
  secretSealed?: string | null;
  lastUsedStep?: number | null;
  credentialId?: string | null;
  publicKey?: string | null;
  counter?: bigint;
  transports?: string | null;
  deviceType?: string | null;
  backedUp?: boolean;
};

const order = [{ createdAt: "asc" as const }, { id: "asc" as const }];

export async function listAuthenticators(userId: string): Promise<AuthenticatorSummary[]> {
  return (await dbReady()).authenticator.findMany({ where: { userId }, orderBy: order });
}

/** The user's authenticators with their secrets, for the second-factor step only. */
export async function listAuthenticatorsForVerification(userId: string): Promise<AuthenticatorRow[]> {
  return (await dbReady()).authenticator.findMany({
    where: { userId },
    orderBy: order,
    omit: { secretSealed: false, publicKey: false },
  });
}

export async function insertAuthenticator(userId: string, data: NewAuthenticator): Promise<AuthenticatorSummary> {
  const db = await dbReady();
  const [row] = await db.$transaction([
    db.authenticator.create({ data: { ...data, userId } }),
    db.user.update({ where: { id: userId }, data: { isEnrolled: true } }),
  ]);
  return row;
}

const NOT_DELETED = new Error("authenticator not found");

/** Deletes one of the user's authenticators; false when it does not exist (or is someone else's). */
export async function deleteAuthenticator(userId: string, authenticatorId: string): Promise<boolean> {
  const db = await dbReady();
  return db
    .$transaction(async (tx) => {
      // The user's row is locked first, so that two removals at once each count the other's
      // result (PostgreSQL runs READ COMMITTED; SQLite has one writer anyway).
      const { count: found } = await tx.user.updateMany({ where: { id: userId }, data: { isEnrolled: false } });
      if (found === 0) return false;
      const { count } = await tx.authenticator.deleteMany({ where: { id: authenticatorId, userId } });
      if (count === 0) throw NOT_DELETED; // rolls the lock's write back
      const left = await tx.authenticator.count({ where: { userId } });
      await tx.user.update({ where: { id: userId }, data: { isEnrolled: left > 0 } });
      return true;
    })
    .catch((e: unknown) => {
      if (e === NOT_DELETED) return false;
      throw e;
    });
}

export async function renameAuthenticator(userId: string, authenticatorId: string, name: string): Promise<boolean> {
  const { count } = await (
    await dbReady()
  ).authenticator.updateMany({ where: { id: authenticatorId, userId }, data: { name } });
  return count > 0;
}

/** Accepts TOTP step `step` once: true when it is newer than the last accepted step (atomic claim). */
export async function claimTotpStep(authenticatorId: string, step: number, at = new Date()): Promise<boolean> {
  const { count } = await (
    await dbReady()
  ).authenticator.updateMany({
    where: { id: authenticatorId, OR: [{ lastUsedStep: null }, { lastUsedStep: { lt: step } }] },
    data: { lastUsedStep: step, lastUsedAt: at },
  });
  return count === 1;
}

/** Stores a WebAuthn counter only if it is still `previous` (a concurrent assertion loses). */
export async function claimWebAuthnCounter(
  credentialId: string,
  previous: bigint,
  next: bigint,
  at = new Date(),
): Promise<boolean> {
  const { count } = await (
    await dbReady()
  ).authenticator.updateMany({
    where: { credentialId, counter: previous },
    data: { counter: next, lastUsedAt: at },
  });
  return count === 1;
}

// ---------------------------------------------------------------- bypass codes

export type BypassCodeRow = {
  id: string;
  codeHash: string;
  remainingUses: number | null;
  usedCount: number;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  createdById: string | null;
  createdAt: Date;
};

export async function listBypassCodes(userId: string): Promise<BypassCodeRow[]> {
  return (await dbReady()).bypassCode.findMany({
    where: { userId },
    select: {
      id: true,
      codeHash: true,
      remainingUses: true,
      usedCount: true,
      expiresAt: true,
      lastUsedAt: true,
      createdById: true,
      createdAt: true,
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
}

export async function insertBypassCodes(
  userId: string,
  codes: readonly { codeHash: string; remainingUses: number | null; expiresAt: Date | null }[],
  createdById: string | null,
): Promise<void> {
  const db = await dbReady();
  await db.bypassCode.createMany({ data: codes.map((c) => ({ ...c, userId, createdById })) });
}

export async function deleteBypassCode(userId: string, id: string): Promise<boolean> {
  const { count } = await (await dbReady()).bypassCode.deleteMany({ where: { id, userId } });
  return count > 0;
}

/**
 * Uses a bypass code once: decrements its remaining uses only while uses remain and it has
 * not expired (atomic), so two concurrent sign-ins cannot both spend the last use.
 */
export async function consumeBypassCode(id: string, now = new Date()): Promise<boolean> {
  const db = await dbReady();
  const live = { id, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] };
  const limited = await db.bypassCode.updateMany({
    where: { ...live, remainingUses: { gt: 0 } },
    data: { remainingUses: { decrement: 1 }, usedCount: { increment: 1 }, lastUsedAt: now },
  });
  if (limited.count === 1) return true;
  const unlimited = await db.bypassCode.updateMany({
    where: { ...live, remainingUses: null },
    data: { usedCount: { increment: 1 }, lastUsedAt: now },
  });
  return unlimited.count === 1;
}
