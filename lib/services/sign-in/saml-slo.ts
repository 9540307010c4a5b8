// SAML Single Logout behind /saml2/idp/{appKey}/slo. A LogoutRequest from one SP ends the
// SSO session, then the browser visits every other SP of that session that has a Single
// Logout URL (front channel, one LogoutRequest each, answered at our SLO endpoint), and
// finally the first SP gets its LogoutResponse. The chain's state is a LoginTransaction
// row (state LOGOUT) whose id travels as our RelayState, so no cookie is needed when an SP
// answers with a cross-site POST.
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
  listParticipants,
} from "../../db/sign-in-state";
import { loadLogin, newOpaqueId, saveLogin } from "../../login/transaction";
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
  awaiting?: { appKey: string; requestId: string };
  partial: boolean;
};

export type SloStep =
  | { kind: "send"; message: OutboundMessage; endSession: boolean }
  // An SP answered a LogoutRequest of an IdP-initiated logout (in a frame of the logout page).
  | { kind: "hop"; relayState: string }
  | { kind: "done"; endSession: boolean }
  | { kind: "error"; status: number };

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

/** The next hop of a chain: a LogoutRequest to the next SP, or the LogoutResponse to the first. */
async function advance(chainId: string, chain: Chain, ctx: RequestContext): Promise<SloStep> {
  const hop = chain.pending.shift();
  if (hop) {
    const app = await getApplicationConfig(hop.appKey);
    if (!app) return advance(chainId, { ...chain, partial: true }, ctx);
    const { idp } = await signerFor(app);
    const message = buildLogoutRequest({
      idp,
      binding: "redirect",
      destination: hop.sloUrl,
      spEntityId: hop.spEntityId,
      nameId: { value: hop.nameId, format: hop.nameIdFormat },
      sessionIndex: hop.sessionIndex,
      relayState: chainId,
    });
    await recordTrace(app.id, {
      direction: "OUT",
      messageType: "LogoutRequest",
      verdict: "SENT",
      outbound: message,
      summary: { to: hop.sloUrl, nameIdFormat: hop.nameIdFormat },
    });
    const next: Chain = { ...chain, awaiting: { appKey: hop.appKey, requestId: message.id } };
    await saveLogin(chainId, { state: "LOGOUT", data: { chain: next } });
    return { kind: "send", message, endSession: true };
  }
  await consumeLoginTransaction(chainId);
  const initiator = await getApplicationConfig(chain.initiator.appKey);
  if (!initiator || !chain.initiator.sloUrl) return { kind: "done", endSession: true };
  const { idp } = await signerFor(initiator);
  const status = chain.partial ? { code: STATUS.success, subCode: STATUS.partialLogout } : { code: STATUS.success };
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
  return { kind: "send", endSession: true, message };
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
      return advance(tx.id, { ...chain, awaiting: undefined, partial: chain.partial || !ok }, ctx);
    }

    const req = parseLogoutRequest(message, sloCtx);
    await claimMessageId(dbReplayStore, req);
    await recordTrace(app.id, {
      direction: "IN",
      messageType: "LogoutRequest",
      verdict: "ACCEPTED",
      inbound: message,
      summary: { nameIdFormat: req.nameId.format ?? "(none)", sessionIndexes: req.sessionIndexes.length },
    });
    let participants = req.sessionIndexes.length
      ? (await Promise.all(req.sessionIndexes.map((i) => findParticipantBySessionIndex(i)))).filter(
          (p) => p && p.applicationId === app.id && p.nameId === req.nameId.value,
        )
      : await findParticipantsByNameId(app.id, req.nameId.value);
    participants = participants.filter(Boolean);
    const sessionIds = [...new Set(participants.map((p) => p!.sessionId))];
    if (sessionIds.length === 0 && ssoId) sessionIds.push(ssoId);
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
    await insertAuthLog({
      applicationId: app.id,
      applicationName: app.name,
      username: req.nameId.value,
      result: "SUCCESS",
      reason: "logout",
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      detail: { sessions: sessionIds.length, otherApplications: others.length },
    });
    const chainId = newOpaqueId();
    await insertLoginTransaction({
      id: chainId,
      applicationId: null,
      requestId: null,
      acsUrl: null,
      acsBinding: null,
      relayState: null,
      forceAuthn: false,
      expiresAt: new Date(Date.now() + CHAIN_TTL_MS),
    });
    return advance(
      chainId,
      {
        initiator: { appKey, requestId: req.id, relayState: req.relayState, sloUrl: app.sloUrl },
        pending: others,
        partial: false,
      },
      ctx,
    );
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
