// Logout started at the IdP: the portal's Sign out, or an administrator's "End sessions" on a
// user's page. The SSO session ends at once (fail closed); then every SP of the session that
// has a Single Logout URL gets a signed LogoutRequest, front-channel, one after another: the
// browser loads each in a frame (components/sso/logout-chain.tsx), the SP answers with a
// LogoutResponse at our SLO endpoint, and an SP that errors or does not answer within
// HOP_TIMEOUT_MS is skipped and named in the result. The run's state is a LoginTransaction
// row (state IDP_LOGOUT); the run's opaque id, with the hop's number, is the RelayState of
// each request, and the row's id is its hash (lib/login/transaction's storageId), as for
// every login transaction.
import { buildLogoutRequest, STATUS, type LogoutResponse, type SignatureAlgorithm } from "../../saml";
import { insertAuthLog } from "../../db/auth-log";
import {
  endSsoSession,
  insertLoginTransaction,
  listActiveSessionIds,
  listActiveSessions,
  listParticipants,
} from "../../db/sign-in-state";
import { loadLogin, newOpaqueId, saveLogin, storageId, type LoginTx } from "../../login/transaction";
import { endSession, resolveSsoSession } from "../../login/session";
import { getApplicationConfig } from "../applications/application-config";
import { idpUrls } from "../applications/idp-urls";
import { getTenantSettings } from "../settings/tenant-settings";
import { getSigningMaterial } from "../signing-keys/signing-keys";
import { assertCan, audit, type Actor } from "../actor";
import { findUserDetail } from "../../db/users";
import { AppError } from "../../errors";
import { recordTrace } from "../saml-trace/record";
import type { RequestContext } from "./saml-sso";

/** How long the browser waits for one SP's LogoutResponse before it skips the SP. */
export const HOP_TIMEOUT_MS = 5_000;
const RUN_TTL_MS = 10 * 60_000;
const STATE = "IDP_LOGOUT";
const DONE = "IDP_LOGOUT_DONE";

export type HopStatus = "pending" | "ok" | "failed";

export type LogoutHop = {
  appKey: string;
  appName: string;
  /** The signed LogoutRequest (HTTP-Redirect) the browser loads. */
  url: string;
  requestId: string;
  status: HopStatus;
  /** Why the SP did not confirm (its status code, or no answer). */
  detail?: string;
};

export type LogoutRun = {
  initiator: "portal" | "admin";
  userId: string;
  username: string;
  hops: LogoutHop[];
};

/** What the browser needs to run the chain: one URL per SP, in order. */
export type LogoutRunView = {
  runId: string;
  hops: { index: number; appName: string; url: string; status: HopStatus; detail?: string }[];
  timeoutMs: number;
};

const RELAY = /^([A-Za-z0-9_-]{43})\.(\d{1,3})$/;

/** The RelayState of hop `index` of run `runId` (at most 80 bytes). */
export const hopRelayState = (runId: string, index: number) => `${runId}.${index}`;

/** Whether a RelayState names a hop of an IdP-initiated logout run. */
export const isHopRelayState = (relayState: string | undefined): boolean => !!relayState && RELAY.test(relayState);

/**
 * Ends the SSO sessions `sessionIds` of one user and prepares the LogoutRequests for their
 * SPs. Returns null when no SP has to be told.
 */
async function startRun(
  sessionIds: string[],
  user: { id: string; username: string },
  initiator: LogoutRun["initiator"],
  ctx: RequestContext,
): Promise<string | null> {
  const runId = newOpaqueId();
  const [{ publicBaseUrl }, material] = await Promise.all([getTenantSettings(), getSigningMaterial()]);
  const hops: LogoutHop[] = [];
  for (const sid of sessionIds) {
    await endSsoSession(sid);
    for (const p of await listParticipants(sid)) {
      const app = await getApplicationConfig(p.application.key);
      if (!app?.spEntityId || !app.sloUrl) continue;
      const urls = idpUrls(publicBaseUrl, app.key);
      const message = buildLogoutRequest({
        idp: { entityId: urls.entityId, key: material.key, algorithm: app.signatureAlgorithm as SignatureAlgorithm },
        binding: "redirect",
        destination: app.sloUrl,
        spEntityId: app.spEntityId,
        nameId: { value: p.nameId, format: p.nameIdFormat },
        sessionIndex: p.sessionIndex,
        relayState: hopRelayState(runId, hops.length),
      });
      if (message.binding !== "redirect") continue;
      hops.push({ appKey: app.key, appName: app.name, url: message.url, requestId: message.id, status: "pending" });
      await recordTrace(app.id, {
        direction: "OUT",
        messageType: "LogoutRequest",
        binding: "redirect",
        messageId: message.id,
        verdict: "SENT",
        summary: { to: app.sloUrl, nameIdFormat: p.nameIdFormat, initiator },
        redirectUrl: message.url,
      });
    }
  }
  if (hops.length === 0) {
    await logRun({ initiator, userId: user.id, username: user.username, hops }, ctx);
    return null;
  }
  await insertLoginTransaction({
    id: storageId(runId),
    applicationId: null,
    requestId: null,
    acsUrl: null,
    acsBinding: null,
    relayState: null,
    forceAuthn: false,
    expiresAt: new Date(Date.now() + RUN_TTL_MS),
    ip: ctx.ip,
    userAgent: ctx.userAgent,
    data: JSON.stringify({ idpLogout: { initiator, userId: user.id, username: user.username, hops } }),
  });
  await saveLogin(storageId(runId), { state: STATE });
  return runId;
}

/** The portal's Sign out: ends the browser's SSO session; returns the run to show, or null when no SP needs telling. */
export async function startPortalLogout(ssoId: string | undefined, ctx: RequestContext): Promise<string | null> {
  const session = await resolveSsoSession(ssoId);
  if (!session) {
    if (ssoId) await endSession(ssoId);
    return null;
  }
  return startRun([session.id], session.user, "portal", ctx);
}

/** An administrator ends every SSO session of a user; the SPs are told from the administrator's browser. */
export async function endUserSessions(
  actor: Actor,
  userId: string,
  ctx: RequestContext,
): Promise<{ runId: string | null; sessions: number }> {
  assertCan(actor, "users:manage");
  const user = await findUserDetail(userId);
  if (!user) throw new AppError("not_found", "That user does not exist or was removed.");
  const sessionIds = await listActiveSessionIds(userId);
  const runId = await startRun(sessionIds, user, "admin", ctx);
  await audit(actor, {
    action: "user.sessions_end",
    targetType: "user",
    targetId: user.id,
    targetLabel: user.username,
    after: { sessions: sessionIds.length },
  });
  return { runId, sessions: sessionIds.length };
}

/** A user's live SSO sessions for the user's page: when each started and which applications it reached. */
export async function userSessions(actor: Actor, userId: string) {
  assertCan(actor, "users:view");
  const rows = await listActiveSessions(userId);
  return rows.map((r) => ({
    startedAt: r.createdAt,
    expiresAt: r.expiresAt,
    applications: r.participants.map((p) => ({ name: p.application.name, hasSlo: !!p.application.sloUrl })),
  }));
}

/** The run a browser or a RelayState names (its opaque id, not the row's stored id). */
async function loadRun(
  runId: string | undefined | null,
): Promise<{ runId: string; tx: LoginTx; run: LogoutRun } | null> {
  const tx = await loadLogin(runId);
  const run = tx?.parsed.idpLogout as LogoutRun | undefined;
  if (!runId || !tx || tx.state !== STATE || !run) return null;
  return { runId, tx, run };
}

/** The chain as the browser runs it. */
export async function logoutRunView(runId: string | undefined): Promise<LogoutRunView | null> {
  const found = await loadRun(runId);
  if (!found) return null;
  return {
    runId: found.runId,
    timeoutMs: HOP_TIMEOUT_MS,
    hops: found.run.hops.map((h, index) => ({
      index,
      appName: h.appName,
      url: h.url,
      status: h.status,
      detail: h.detail,
    })),
  };
}

/**
 * A LogoutResponse for a hop arrived at the SLO endpoint of `appKey` (already verified by the
 * caller): records it. Returns false when it answers nothing we sent.
 */
export async function recordHopResponse(appKey: string, res: LogoutResponse): Promise<boolean> {
  const m = RELAY.exec(res.relayState ?? "");
  if (!m) return false;
  const found = await loadRun(m[1]);
  const hop = found?.run.hops[Number(m[2])];
  if (!found || !hop || hop.appKey !== appKey || hop.requestId !== res.inResponseTo || hop.status !== "pending")
    return false;
  const ok = res.status.code === STATUS.success && !res.status.subCode;
  hop.status = ok ? "ok" : "failed";
  if (!ok) hop.detail = `answered ${res.status.subCode ?? res.status.code}`;
  await saveLogin(found.tx.id, { data: { ...found.tx.parsed, idpLogout: found.run } });
  return true;
}

export type LogoutResult = {
  initiator: LogoutRun["initiator"];
  userId: string;
  username: string;
  signedOut: string[];
  failed: { appName: string; detail: string }[];
};

/**
 * The browser finished the chain (or gave up): hops still pending are skipped (no answer in
 * time). The first call writes the log row; later calls return the same result while the run
 * lasts. Returns null for an unknown or expired run.
 */
export async function finishLogoutRun(runId: string | undefined, ctx: RequestContext): Promise<LogoutResult | null> {
  const tx = await loadLogin(runId);
  const run = tx?.parsed.idpLogout as LogoutRun | undefined;
  if (!tx || !run || (tx.state !== STATE && tx.state !== DONE)) return null;
  if (tx.state === STATE) {
    for (const hop of run.hops) {
      if (hop.status !== "pending") continue;
      hop.status = "failed";
      hop.detail = `no answer within ${HOP_TIMEOUT_MS / 1000} seconds`;
    }
    await saveLogin(tx.id, { state: DONE, data: { ...tx.parsed, idpLogout: run } });
    await logRun(run, ctx);
  }
  return {
    initiator: run.initiator,
    userId: run.userId,
    username: run.username,
    signedOut: run.hops.filter((h) => h.status === "ok").map((h) => h.appName),
    failed: run.hops.filter((h) => h.status === "failed").map((h) => ({ appName: h.appName, detail: h.detail ?? "" })),
  };
}

async function logRun(run: LogoutRun, ctx: RequestContext) {
  const failed = run.hops.filter((h) => h.status !== "ok");
  await insertAuthLog({
    userId: run.userId,
    username: run.username,
    result: failed.length ? "FAILURE" : "SUCCESS",
    reason: failed.length ? "logout_partial" : "logout",
    ip: ctx.ip,
    userAgent: ctx.userAgent,
    detail: {
      initiator: run.initiator === "portal" ? "IdP (portal Sign out)" : "IdP (administrator)",
      applications: run.hops.map((h) => h.appName),
      failed: failed.map((h) => ({ application: h.appName, why: h.detail ?? "no answer" })),
    },
  });
}
