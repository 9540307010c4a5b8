// Repository: login transactions, SSO sessions and their participants, and the replay store.
// Login transactions and SSO sessions are looked up by their stored id, which is the SHA-256
// of the cookie value (lib/login/transaction.ts storageId); nothing here sees a cookie value.
import { dbReady, fastSql } from "./client";
import { dateOf, insertStep, type WriteStep } from "./fast-sql";
import { newRowId } from "./ids";
import { authLogData, type AuthLogInput } from "./auth-log";
import { traceEntryData, type TraceEntryInput } from "./saml-trace";

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

/** Updates a transaction; a transaction removed meanwhile (consumed, revoked, purged) stays removed. */
export async function updateLoginTransaction(
  id: string,
  data: { state?: string; userId?: string | null; data?: string | null },
): Promise<void> {
  await (await dbReady()).loginTransaction.updateMany({ where: { id }, data });
}

/** Deletes the transaction; false if it was already consumed (a response is built once). */
export async function consumeLoginTransaction(id: string): Promise<boolean> {
  const r = await (await dbReady()).loginTransaction.deleteMany({ where: { id } });
  return r.count === 1;
}

export type SsoSessionRow = {
  id: string;
  userId: string;
  authnInstant: Date;
  factors: string;
  proofs: string;
  expiresAt: Date;
};
const sessionSelect = {
  id: true,
  userId: true,
  authnInstant: true,
  factors: true,
  proofs: true,
  expiresAt: true,
} as const;

export async function insertSsoSession(s: SsoSessionRow): Promise<void> {
  await (await dbReady()).ssoSession.create({ data: s });
}

export async function findSsoSession(id: string, now = new Date()): Promise<SsoSessionRow | null> {
  // Every request of a signed-in browser reads it: a prepared statement (./fast-sql.ts).
  const [[row]] = await (
    await fastSql()
  ).read([
    {
      sql:
        'SELECT "id", "userId", "authnInstant", "factors", "proofs", "expiresAt" FROM "SsoSession" ' +
        'WHERE "id" = ? AND "endedAt" IS NULL AND "expiresAt" > ?',
      args: [id, now],
    },
  ]);
  if (!row) return null;
  return {
    id: String(row.id),
    userId: String(row.userId),
    authnInstant: dateOf(row.authnInstant)!,
    factors: String(row.factors),
    proofs: String(row.proofs),
    expiresAt: dateOf(row.expiresAt)!,
  };
}

/**
 * Replaces a live session of `userId` by a new row `newId` in one transaction: the old one
 * ends, the new one keeps its AuthnInstant and expiry and takes over its participants (SLO);
 * `fields` gives the new proofs from the old row. Null when the old session is not live.
 */
export async function rotateSsoSession(
  oldId: string,
  userId: string,
  newId: string,
  now: Date,
  fields: (old: SsoSessionRow) => { proofs: string; factors: string },
): Promise<SsoSessionRow | null> {
  const db = await dbReady();
  return db.$transaction(async (tx) => {
    const old = await tx.ssoSession.findFirst({
      where: { id: oldId, userId, endedAt: null, expiresAt: { gt: now } },
      select: sessionSelect,
    });
    if (!old) return null;
    // The conditional update is the claim: a concurrent revocation or rotation wins or loses whole.
    const ended = await tx.ssoSession.updateMany({ where: { id: oldId, endedAt: null }, data: { endedAt: now } });
    if (ended.count !== 1) return null;
    const row: SsoSessionRow = { ...old, ...fields(old), id: newId };
    await tx.ssoSession.create({ data: row });
    await tx.ssoParticipant.updateMany({ where: { sessionId: oldId }, data: { sessionId: newId } });
    return row;
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

/** What an SP-initiated round trip answered at once with the SSO session writes. */
export type SsoRoundTrip = {
  replay: { key: string; expiresAt: Date };
  participant: {
    sessionId: string;
    applicationId: string;
    sessionIndex: string;
    nameId: string;
    nameIdFormat: string;
  };
  authLog: AuthLogInput;
  traces: TraceEntryInput[];
};

/**
 * The writes of an SP-initiated round trip answered at once with the SSO session, in ONE
 * transaction: the AuthnRequest's replay entry, the session participant (for logout), the
 * Authentication Log row and the SAML trace entries. "replayed" (nothing written) when the
 * request ID is already recorded and unexpired.
 */
export async function recordSsoRoundTrip(w: SsoRoundTrip, now = new Date()): Promise<"ok" | "replayed"> {
  // Prepared statements in one transaction (./fast-sql.ts): the hot path's only write.
  const result = await (await fastSql()).write(ssoRoundTripSteps(w, now));
  return result.ok ? "ok" : "replayed";
}

/** recordSsoRoundTrip's statements (scripts/bench-sqlite-write.mts runs them too). */
export function ssoRoundTripSteps(w: SsoRoundTrip, now: Date): WriteStep[] {
  const { participant: p } = w;
  // The claim: a new ID, or one whose entry expired (reused, as claimReplayKey does). A live
  // entry changes nothing, and the whole round trip is rolled back as a replay.
  const claim = insertStep(
    "ReplayEntry",
    { key: w.replay.key, expiresAt: w.replay.expiresAt },
    'ON CONFLICT ("key") DO UPDATE SET "expiresAt" = excluded."expiresAt" WHERE "ReplayEntry"."expiresAt" <= ?',
  );
  return [
    { sql: claim.sql, args: [...claim.args, now], mustChange: true },
    insertStep(
      "SsoParticipant",
      { id: newRowId(), ...p, createdAt: now },
      'ON CONFLICT ("sessionId", "applicationId") DO UPDATE SET "sessionIndex" = excluded."sessionIndex", ' +
        '"nameId" = excluded."nameId", "nameIdFormat" = excluded."nameIdFormat"',
    ),
    insertStep("AuthLog", { id: newRowId(), createdAt: now, ...authLogData(w.authLog) }),
    // In order: each entry a millisecond after the one before (the trace lists newest first).
    ...w.traces.map((t, i) =>
      insertStep("SamlTraceEntry", { id: newRowId(), ...traceEntryData(t, new Date(now.getTime() + i)) }),
    ),
  ];
}

/** Logout chains (state LOGOUT) that expired without finishing: an SP never answered. */
export async function listExpiredLogoutChains(
  now = new Date(),
  take = 500,
): Promise<{ id: string; data: string | null }[]> {
  return (await dbReady()).loginTransaction.findMany({
    where: { state: "LOGOUT", expiresAt: { lte: now } },
    select: { id: true, data: true },
    take,
  });
}

export async function purgeExpired(now = new Date()): Promise<void> {
  const db = await dbReady();
  await db.$transaction([
    db.replayEntry.deleteMany({ where: { expiresAt: { lte: now } } }),
    db.loginTransaction.deleteMany({ where: { expiresAt: { lte: now } } }),
  ]);
}

/**
 * Revocation: ends every live SSO session of the user, forgets its remembered devices and
 * drops its sign-ins in progress, and moves the user's revocation watermark to `at` (so that
 * nothing proved before it counts, even a row written concurrently). One transaction.
 */
export async function revokeUserSignInState(
  userId: string,
  at: Date,
): Promise<{ sessions: number; rememberedDevices: number; pendingSignIns: number }> {
  const db = await dbReady();
  const [, sessions, rememberedDevices, pendingSignIns] = await db.$transaction([
    db.user.updateMany({ where: { id: userId }, data: { sessionsRevokedAt: at } }),
    db.ssoSession.updateMany({ where: { userId, endedAt: null, expiresAt: { gt: at } }, data: { endedAt: at } }),
    db.rememberedDevice.deleteMany({ where: { userId } }),
    db.loginTransaction.deleteMany({ where: { userId } }),
  ]);
  return { sessions: sessions.count, rememberedDevices: rememberedDevices.count, pendingSignIns: pendingSignIns.count };
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
