// SAML Single Logout behind /saml2/idp/{appKey}/slo. A LogoutRequest from one SP ends the
// SSO session, then the browser visits every other SP of that session that has a Single
// Logout URL (front channel, one LogoutRequest each, answered at our SLO endpoint), and
// finally the first SP gets its LogoutResponse. The chain's state is a LoginTransaction
// row (state LOGOUT) stored under the hash of a random value that travels as our
// RelayState, so no cookie is needed when an SP answers with a cross-site POST.
//
// Who may log a session out (authorizeLogout): a LogoutRequest is honoured when it is
// signed with one of the SP's registered certificates (it then ends the sessions its NameID
// and SessionIndex name), or when it arrives in the browser that holds the SSO session it
// names (front channel: the session cookie is present and its session has this application
// with this NameID, and this SessionIndex when one is given; only that session ends).
// Anything else is refused: logged as logout_refused with the cause, no session ends, and
// nothing is signed for the caller. The log row of an honoured logout is written when the
// chain ends: Success only when every SP answered Success, else logout_partial naming the
// SPs that did not; a NameID that names no live session is not written as a user.
import {
  buildLogoutRequest,
  buildLogoutResponse,
  claimMessageId,
  isSamlError,
  parseLogoutRequest,
  parseLogoutResponse,
  STATUS,
  type InboundMessage,
  type OutboundMessage,
  type SignatureAlgorithm,
} from "../../saml";
import type { ApplicationRecord } from "../../db/applications";
import { insertAuthLog } from "../../db/auth-log";
import { splitPemCertificates } from "../../crypto/keys";
import {
  consumeLoginTransaction,
  endSsoSession,
  findParticipantBySessionIndex,
  findParticipantsByNameId,
  insertLoginTransaction,
  findSsoSession,
  listExpiredLogoutChains,
  listParticipants,
} from "../../db/sign-in-state";
import { findUserForSession } from "../../db/users";
import { loadLogin, newOpaqueId, saveLogin, storageId } from "../../login/transaction";
import { getApplicationConfig } from "../applications/application-config";
import { idpUrls } from "../applications/idp-urls";
import { getTenantSettings } from "../settings/tenant-settings";
import { getSigningMaterial } from "../signing-keys/signing-keys";
import { dbReplayStore } from "./replay-store";
import { isHopRelayState, recordHopResponse } from "./idp-logout";
import { recordTrace } from "../saml-trace/record";
import { explainRefusal } from "../saml-trace/explain";
import type { RequestContext } from "./saml-sso";

const CHAIN_TTL_MS = 10 * 60_000;

type Hop = {
  appKey: string;
  nameId: string;
  nameIdFormat: string;
  sessionIndex: string;
  sloUrl: string;
  spEntityId: string;
};
type Chain = {
  initiator: { appKey: string; requestId: string; relayState?: string; sloUrl: string | null };
  pending: Hop[];
  awaiting?: { appKey: string; requestId: string; name: string };
  partial: boolean;
  /** For the log row written when the chain ends. */
  log?: {
    applicationId: string;
    applicationName: string;
    user: { id: string; username: string } | null;
    sessions: number;
    via: "signature" | "session_cookie";
    failed: string[];
    ip?: string | null;
    userAgent?: string | null;
  };
};

export type SloStep =
  /** `endSession`: the browser's own SSO session ended (its cookie can go). */
  | { kind: "send"; message: OutboundMessage; endSession: boolean }
  // An SP answered a LogoutRequest of an IdP-initiated logout (in a frame of the logout page).
  | { kind: "hop"; relayState: string }
  | { kind: "done"; endSession: boolean }
  /** `reason` (with `appKey`): a page the user may see, e.g. logout_refused. */
  | { kind: "error"; status: number; reason?: "logout_refused"; appKey?: string };

/** Why a LogoutRequest is refused (the log's detail.cause). */
export type LogoutRefusal =
  /** Not signed by the SP, and no SSO session cookie (or its session has ended). */
  | "unsigned_without_session"
  /** Not signed by the SP, and the browser's session is not the one the request names. */
  | "session_not_named";

async function signerFor(app: ApplicationRecord) {
  const [{ publicBaseUrl }, material] = await Promise.all([getTenantSettings(), getSigningMaterial()]);
  const urls = idpUrls(publicBaseUrl, app.key);
  return {
    urls,
    idp: { entityId: urls.entityId, key: material.key, algorithm: app.signatureAlgorithm as SignatureAlgorithm },
  };
}

function spOf(app: ApplicationRecord) {
  return {
    entityId: app.spEntityId ?? "",
    signingCertificates: splitPemCertificates(app.spCertificatePem),
    requireSignedRequests: app.requireSignedRequests,
  };
}

/** The chain is over: one log row says what happened. */
async function logChainEnd(chain: Chain): Promise<void> {
  const l = chain.log;
  if (!l) return;
  const partial = chain.partial || l.failed.length > 0;
  await insertAuthLog({
    applicationId: l.applicationId,
    applicationName: l.applicationName,
    userId: l.user?.id ?? null,
    username: l.user?.username ?? null,
    ip: l.ip,
    userAgent: l.userAgent,
    result: partial ? "FAILURE" : "SUCCESS",
    reason: partial ? "logout_partial" : "logout",
    detail: { sessions: l.sessions, via: l.via, ...(partial ? { failed: l.failed } : {}) },
  });
}

/**
 * The next hop of a chain: a LogoutRequest to the next SP, or the LogoutResponse to the
 * first. `chainToken` is the random value that travels as RelayState.
 */
async function advance(chainToken: string, chain: Chain, ctx: RequestContext, endSession: boolean): Promise<SloStep> {
  const chainId = storageId(chainToken);
  const hop = chain.pending.shift();
  if (hop) {
    const app = await getApplicationConfig(hop.appKey);
    if (!app) {
      const failed = [...(chain.log?.failed ?? []), hop.appKey];
      return advance(
        chainToken,
        { ...chain, partial: true, log: chain.log && { ...chain.log, failed } },
        ctx,
        endSession,
      );
    }
    const { idp } = await signerFor(app);
    const message = buildLogoutRequest({
      idp,
      binding: "redirect",
      destination: hop.sloUrl,
      spEntityId: hop.spEntityId,
      nameId: { value: hop.nameId, format: hop.nameIdFormat },
      sessionIndex: hop.sessionIndex,
      relayState: chainToken,
    });
    await recordTrace(app.id, {
      direction: "OUT",
      messageType: "LogoutRequest",
      verdict: "SENT",
      outbound: message,
      summary: { to: hop.sloUrl, nameIdFormat: hop.nameIdFormat },
    });
    const next: Chain = { ...chain, awaiting: { appKey: hop.appKey, requestId: message.id, name: app.name } };
    await saveLogin(chainId, { state: "LOGOUT", data: { chain: next } });
    return { kind: "send", message, endSession };
  }
  if (!(await consumeLoginTransaction(chainId))) return { kind: "error", status: 400 };
  await logChainEnd(chain);
  const initiator = await getApplicationConfig(chain.initiator.appKey);
  if (!initiator || !chain.initiator.sloUrl) return { kind: "done", endSession };
  const { idp } = await signerFor(initiator);
  const status =
    chain.partial || (chain.log?.failed.length ?? 0) > 0
      ? { code: STATUS.success, subCode: STATUS.partialLogout }
      : { code: STATUS.success };
  const message = buildLogoutResponse({
    idp,
    binding: "redirect",
    destination: chain.initiator.sloUrl,
    inResponseTo: chain.initiator.requestId,
    status,
    relayState: chain.initiator.relayState,
  });
  await recordTrace(initiator.id, {
    direction: "OUT",
    messageType: "LogoutResponse",
    verdict: "SENT",
    outbound: message,
    summary: { to: chain.initiator.sloUrl, status: status.subCode ?? status.code },
  });
  return { kind: "send", endSession, message };
}

/**
 * Logout chains that an SP never answered (the browser did not come back within 10 minutes):
 * their log row is written now, as logout_partial naming the SP waited for and those not yet
 * asked (their sessions ended when the chain began). Run by the purge job before it deletes
 * expired transactions; a chain is closed once even with several instances.
 */
export async function closeAbandonedLogoutChains(now = new Date()): Promise<number> {
  let closed = 0;
  for (const row of await listExpiredLogoutChains(now)) {
    if (!(await consumeLoginTransaction(row.id))) continue;
    let chain: Chain | undefined;
    try {
      chain = (JSON.parse(row.data ?? "{}") as { chain?: Chain }).chain;
    } catch {
      chain = undefined;
    }
    if (!chain?.log) continue;
    const unanswered = [...(chain.awaiting ? [chain.awaiting.name] : []), ...chain.pending.map((h) => h.appKey)];
    await logChainEnd({
      ...chain,
      partial: true,
      log: { ...chain.log, failed: [...chain.log.failed, ...unanswered] },
    });
    closed += 1;
  }
  return closed;
}

type LogoutDecision =
  | { kind: "honoured"; sessionIds: string[]; user: { id: string; username: string } | null }
  | { kind: "refused"; cause: LogoutRefusal; user: { id: string; username: string } | null };

/**
 * Which sessions a LogoutRequest may end: those it names when the SP signed it, else only the
 * browser's own session, when it is one of those it names. See the header.
 */
export async function authorizeLogout(
  app: ApplicationRecord,
  req: { signed: boolean; nameId: { value: string }; sessionIndexes: string[] },
  ssoCookie: string | undefined,
  now = new Date(),
): Promise<LogoutDecision> {
  const live = (s: { endedAt: Date | null; expiresAt: Date }) => s.endedAt === null && s.expiresAt > now;
  const named = (
    req.sessionIndexes.length
      ? await Promise.all(req.sessionIndexes.slice(0, 20).map((i) => findParticipantBySessionIndex(i)))
      : await findParticipantsByNameId(app.id, req.nameId.value)
  ).filter(
    (p): p is NonNullable<typeof p> =>
      !!p && p.applicationId === app.id && p.nameId === req.nameId.value && live(p.session),
  );
  const userOf = async (userId: string | undefined) => {
    const u = userId ? await findUserForSession(userId) : null;
    return u ? { id: u.id, username: u.username } : null;
  };
  if (req.signed) {
    const sessionIds = [...new Set(named.map((p) => p.sessionId))];
    return { kind: "honoured", sessionIds, user: await userOf(named[0]?.session.userId) };
  }
  const browser = ssoCookie && ssoCookie.length <= 100 ? storageId(ssoCookie) : null;
  const own = browser ? named.find((p) => p.sessionId === browser) : undefined;
  if (own) return { kind: "honoured", sessionIds: [own.sessionId], user: await userOf(own.session.userId) };
  const browserLive = browser ? await findSsoSession(browser, now) : null;
  return {
    kind: "refused",
    cause: browserLive ? "session_not_named" : "unsigned_without_session",
    user: await userOf(named[0]?.session.userId),
  };
}

/** Handles whatever arrives at the SLO endpoint: a LogoutRequest or a LogoutResponse. */
export async function receiveLogoutMessage(
  appKey: string,
  message: InboundMessage,
  ssoId: string | undefined,
  ctx: RequestContext,
): Promise<SloStep> {
  const app = await getApplicationConfig(appKey);
  if (!app || !app.spEntityId) return { kind: "error", status: 404 };
  const { urls } = await signerFor(app);
  const sloCtx = { sp: spOf(app), sloUrl: urls.sloUrl };
  const isResponse =
    message.binding === "redirect" ? /(^|&)SAMLResponse=/.test(message.query) : "SAMLResponse" in message.fields;
  try {
    if (isResponse) {
      const res = parseLogoutResponse(message, sloCtx);
      const traceIn = (verdict: "ACCEPTED" | "REFUSED", reason?: string) =>
        recordTrace(app.id, {
          direction: "IN",
          messageType: "LogoutResponse",
          verdict,
          inbound: message,
          reasonCode: verdict === "REFUSED" ? "unexpected_logout_response" : undefined,
          reason,
          summary: { status: res.status.subCode ?? res.status.code },
        });
      if (isHopRelayState(res.relayState)) {
        const recorded = await recordHopResponse(app.key, res);
        await traceIn(
          recorded ? "ACCEPTED" : "REFUSED",
          recorded ? undefined : explainRefusal("unexpected_logout_response", "no pending IdP-initiated logout"),
        );
        if (!recorded) throw Object.assign(new Error("unexpected LogoutResponse"), { slo: true });
        return { kind: "hop", relayState: res.relayState! };
      }
      const tx = await loadLogin(res.relayState);
      const chain = tx?.parsed.chain as Chain | undefined;
      if (
        !tx ||
        tx.state !== "LOGOUT" ||
        !chain?.awaiting ||
        chain.awaiting.appKey !== appKey ||
        chain.awaiting.requestId !== res.inResponseTo
      ) {
        await traceIn("REFUSED", explainRefusal("unexpected_logout_response", undefined));
        throw Object.assign(new Error("unexpected LogoutResponse"), { slo: true });
      }
      await traceIn("ACCEPTED");
      const ok = res.status.code === STATUS.success && !res.status.subCode;
      const failed = ok ? (chain.log?.failed ?? []) : [...(chain.log?.failed ?? []), chain.awaiting.name];
      return advance(
        res.relayState!,
        { ...chain, awaiting: undefined, partial: chain.partial || !ok, log: chain.log && { ...chain.log, failed } },
        ctx,
        false,
      );
    }

    const req = parseLogoutRequest(message, sloCtx);
    await claimMessageId(dbReplayStore, req);
    const decision = await authorizeLogout(app, req, ssoId);
    const summary = { nameIdFormat: req.nameId.format ?? "(none)", sessionIndexes: req.sessionIndexes.length };
    if (decision.kind === "refused") {
      await recordTrace(app.id, {
        direction: "IN",
        messageType: "LogoutRequest",
        verdict: "REFUSED",
        reasonCode: "logout_refused",
        reason: explainRefusal("logout_refused", decision.cause),
        inbound: message,
        summary,
      });
      await insertAuthLog({
        applicationId: app.id,
        applicationName: app.name,
        userId: decision.user?.id ?? null,
        username: decision.user?.username ?? null,
        result: "DENIED",
        reason: "logout_refused",
        ip: ctx.ip,
        userAgent: ctx.userAgent,
        detail: {
          cause: decision.cause,
          nameId: req.nameId.value.slice(0, 256),
          sessionIndexes: req.sessionIndexes.length,
          signed: req.signed,
        },
      });
      return { kind: "error", status: 403, reason: "logout_refused", appKey: app.key };
    }
    await recordTrace(app.id, {
      direction: "IN",
      messageType: "LogoutRequest",
      verdict: "ACCEPTED",
      inbound: message,
      summary,
    });

    const { sessionIds, user } = decision;
    const others: Hop[] = [];
    for (const sid of sessionIds) {
      await endSsoSession(sid);
      for (const p of await listParticipants(sid)) {
        if (p.applicationId === app.id || !p.application.sloUrl) continue;
        const other = await getApplicationConfig(p.application.key);
        if (!other?.spEntityId || !other.sloUrl) continue;
        others.push({
          appKey: other.key,
          nameId: p.nameId,
          nameIdFormat: p.nameIdFormat,
          sessionIndex: p.sessionIndex,
          sloUrl: other.sloUrl,
          spEntityId: other.spEntityId,
        });
      }
    }
    const chain: Chain = {
      initiator: { appKey, requestId: req.id, relayState: req.relayState, sloUrl: app.sloUrl },
      pending: others,
      partial: false,
      log: {
        applicationId: app.id,
        applicationName: app.name,
        user,
        sessions: sessionIds.length,
        via: req.signed ? "signature" : "session_cookie",
        failed: [],
        ip: ctx.ip,
        userAgent: ctx.userAgent,
      },
    };
    if (sessionIds.length === 0) {
      // A signed request that names no live session: nothing to end, and no user to name.
      await insertAuthLog({
        applicationId: app.id,
        applicationName: app.name,
        result: "FAILURE",
        reason: "logout_no_session",
        ip: ctx.ip,
        userAgent: ctx.userAgent,
        detail: { nameId: req.nameId.value.slice(0, 256), sessionIndexes: req.sessionIndexes.length },
      });
      chain.log = undefined;
    }
    const chainToken = newOpaqueId();
    await insertLoginTransaction({
      id: storageId(chainToken),
      applicationId: null,
      requestId: null,
      acsUrl: null,
      acsBinding: null,
      relayState: null,
      forceAuthn: false,
      expiresAt: new Date(Date.now() + CHAIN_TTL_MS),
    });
    const browserSession = ssoId ? storageId(ssoId) : null;
    return advance(chainToken, chain, ctx, !!browserSession && sessionIds.includes(browserSession));
  } catch (e) {
    if (!isSamlError(e) && !(e as { slo?: boolean }).slo) throw e;
    if (isSamlError(e))
      await recordTrace(app.id, {
        direction: "IN",
        messageType: isResponse ? "LogoutResponse" : "LogoutRequest",
        verdict: "REFUSED",
        reasonCode: e.reason,
        reason: explainRefusal(e.reason, e.detail),
        inbound: message,
      });
    await insertAuthLog({
      applicationId: app.id,
      applicationName: app.name,
      result: "FAILURE",
      reason: isSamlError(e) ? e.reason : "unexpected_logout_response",
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      detail: isSamlError(e) ? e.detail : String(e),
    });
    return { kind: "error", status: 400 };
  }
}
