// Repository: login transactions, SSO sessions and their participants, and the replay store.
import { dbReady } from "./client";

export type LoginTransactionRow = {
  id: string;
  applicationId: string | null;
  requestId: string | null;
  acsUrl: string | null;
  acsBinding: string | null;
  relayState: string | null;
  forceAuthn: boolean;
  userId: string | null;
  state: string;
  data: string | null;
  expiresAt: Date;
};

export async function insertLoginTransaction(
  t: Omit<LoginTransactionRow, "userId" | "state" | "data"> & {
    ip?: string | null;
    userAgent?: string | null;
    data?: string | null;
  },
): Promise<void> {
  await (
    await dbReady()
  ).loginTransaction.create({ data: { ...t, ip: t.ip ?? null, userAgent: t.userAgent?.slice(0, 512) ?? null } });
}

export async function findLoginTransaction(id: string, now = new Date()): Promise<LoginTransactionRow | null> {
  return (await dbReady()).loginTransaction.findFirst({
    where: { id, expiresAt: { gt: now } },
    select: {
      id: true,
      applicationId: true,
      requestId: true,
      acsUrl: true,
      acsBinding: true,
      relayState: true,
      forceAuthn: true,
      userId: true,
      state: true,
      data: true,
      expiresAt: true,
    },
  });
}

export async function updateLoginTransaction(
  id: string,
  data: { state?: string; userId?: string | null; data?: string | null },
): Promise<void> {
  await (await dbReady()).loginTransaction.update({ where: { id }, data });
}

/** Deletes the transaction; false if it was already consumed (a response is built once). */
export async function consumeLoginTransaction(id: string): Promise<boolean> {
  const r = await (await dbReady()).loginTransaction.deleteMany({ where: { id } });
  return r.count === 1;
}

export async function insertSsoSession(s: {
  id: string;
  userId: string;
  authnInstant: Date;
  factors: string;
  expiresAt: Date;
}): Promise<void> {
  await (await dbReady()).ssoSession.create({ data: s });
}

export async function findSsoSession(id: string, now = new Date()) {
  return (await dbReady()).ssoSession.findFirst({
    where: { id, endedAt: null, expiresAt: { gt: now } },
    select: { id: true, userId: true, authnInstant: true, factors: true, expiresAt: true },
  });
}

export async function upsertParticipant(p: {
  sessionId: string;
  applicationId: string;
  sessionIndex: string;
  nameId: string;
  nameIdFormat: string;
}): Promise<void> {
  await (
    await dbReady()
  ).ssoParticipant.upsert({
    where: { sessionId_applicationId: { sessionId: p.sessionId, applicationId: p.applicationId } },
    create: p,
    update: { sessionIndex: p.sessionIndex, nameId: p.nameId, nameIdFormat: p.nameIdFormat },
  });
}

export async function findParticipantBySessionIndex(sessionIndex: string) {
  return (await dbReady()).ssoParticipant.findUnique({ where: { sessionIndex }, include: { session: true } });
}

export async function listParticipants(sessionId: string) {
  return (await dbReady()).ssoParticipant.findMany({
    where: { sessionId },
    include: { application: { select: { id: true, key: true, name: true, sloUrl: true } } },
  });
}

export async function endSsoSession(id: string, at = new Date()): Promise<void> {
  await (await dbReady()).ssoSession.updateMany({ where: { id, endedAt: null }, data: { endedAt: at } });
}

/** Claims a replay key; false when it was seen before and has not expired. */
export async function claimReplayKey(key: string, expiresAt: Date, now = new Date()): Promise<boolean> {
  const db = await dbReady();
  try {
    await db.replayEntry.create({ data: { key, expiresAt } });
    return true;
  } catch (e) {
    if ((e as { code?: string }).code !== "P2002") throw e;
    // An expired entry may be reused.
    const r = await db.replayEntry.updateMany({ where: { key, expiresAt: { lte: now } }, data: { expiresAt } });
    return r.count === 1;
  }
}

export async function purgeExpired(now = new Date()): Promise<void> {
  const db = await dbReady();
  await db.$transaction([
    db.replayEntry.deleteMany({ where: { expiresAt: { lte: now } } }),
    db.loginTransaction.deleteMany({ where: { expiresAt: { lte: now } } }),
  ]);
}

/** Active sessions' participants for an application and NameID (SLO without a SessionIndex). */
export async function findParticipantsByNameId(applicationId: string, nameId: string) {
  return (await dbReady()).ssoParticipant.findMany({
    where: { applicationId, nameId, session: { endedAt: null } },
    include: { session: true },
  });
}

/** The ids of a user's SSO sessions that have not ended or expired. */
export async function listActiveSessionIds(userId: string, now = new Date()): Promise<string[]> {
  const rows = await (
    await dbReady()
  ).ssoSession.findMany({ where: { userId, endedAt: null, expiresAt: { gt: now } }, select: { id: true } });
  return rows.map((r) => r.id);
}

/** A user's live SSO sessions with the applications each one signed in to. */
export async function listActiveSessions(userId: string, now = new Date()) {
  return (await dbReady()).ssoSession.findMany({
    where: { userId, endedAt: null, expiresAt: { gt: now } },
    select: {
      id: true,
      createdAt: true,
      expiresAt: true,
      participants: { select: { application: { select: { name: true, sloUrl: true } } } },
    },
    orderBy: { createdAt: "desc" },
    take: 100,
  });
}
