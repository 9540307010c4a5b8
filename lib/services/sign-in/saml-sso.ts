// SAML single sign-on use cases behind /saml2/idp/{appKey}/…: receive an AuthnRequest,
// start IdP-initiated sign-in, and, once the user is signed in, build the signed Response.
// Route handlers translate HTTP to these calls and render what they return.
import { createHash, randomBytes } from "node:crypto";
import {
  NAMEID_FORMAT,
  acceptedNameIdFormats,
  buildErrorResponse,
  buildIdpMetadata,
  buildResponse,
  claimMessageId,
  isSamlError,
  newPersistentNameId,
  newTransientNameId,
  parseAuthnRequest,
  SamlError,
  STATUS,
  type InboundMessage,
  type PostMessage,
  type SignatureAlgorithm,
} from "../../saml";
import { findApplicationById, type ApplicationRecord } from "../../db/applications";
import { insertAuthLog } from "../../db/auth-log";
import { findOrCreatePairwiseId } from "../../db/pairwise-ids";
import { splitPemCertificates } from "../../crypto/keys";
import { randomIdBytes } from "../../crypto/random";
import { consumeLoginTransaction, recordSsoRoundTrip, upsertParticipant } from "../../db/sign-in-state";
import { decideWithSession, gatherAssurance, type LoginContext } from "../../login/decide";
import { resolveSsoSession, type ActiveSession } from "../../login/session";
import { beginLogin, loadLogin } from "../../login/transaction";
import type { DeniedReason } from "../../login/decide";
import { getApplicationConfig } from "../applications/application-config";
import { idpUrls, type IdpUrls } from "../applications/idp-urls";
import { getTenantSettings } from "../settings/tenant-settings";
import { getSigningMaterial } from "../signing-keys/signing-keys";
import { configEpoch, registerConfigCache, syncConfig } from "../config-sync";
import { policyDeps, STEP_PAGES } from "./hosted-login";
import { dbReplayStore } from "./replay-store";
import { deferredTraceEntryOf, pruneTraceSoon, recordTrace } from "../saml-trace/record";
import { assertCan, type AdminActor } from "../actor";
import { explainRefusal } from "../saml-trace/explain";

/** Client address and user agent; at /resume also the browser's remembered-device cookies. */
export type RequestContext = LoginContext;

/** What the route does next. */
export type SsoStep =
  | { kind: "login"; txId: string } // set the transaction cookie, go to /sso/login or /resume
  | { kind: "step_up"; next: string } // the SSO session is not enough: the hosted page that asks for more
  | { kind: "post"; message: PostMessage } // auto-post a Response to the ACS
  | { kind: "test"; applicationId: string; traceId: string | null } // Test SSO: show the Response to the administrator
  | { kind: "error"; status: number; reference: string } // generic error page
  | {
      kind: "denied";
      reason: DeniedReason;
      appKey: string;
    };

/** A short reference shown on error pages and stored in the log, to find the exact cause. */
const newReference = () => randomBytes(6).toString("hex").toUpperCase();

type ReadyApp = ApplicationRecord & { spEntityId: string };
const isReady = (app: ApplicationRecord | null): app is ReadyApp => !!app && !!app.spEntityId && app.acs.length > 0;

async function appAndUrls(appKey: string): Promise<{ app: ApplicationRecord | null; urls: IdpUrls }> {
  const [app, { publicBaseUrl }] = await Promise.all([getApplicationConfig(appKey), getTenantSettings()]);
  return { app, urls: idpUrls(publicBaseUrl, appKey) };
}

async function refuse(
  app: ApplicationRecord | null,
  reason: string,
  detail: unknown,
  ctx: RequestContext,
  status = 400,
): Promise<SsoStep> {
  const reference = newReference();
  await insertAuthLog({
    applicationId: app?.id ?? null,
    applicationName: app?.name ?? null,
    result: "FAILURE",
    reason,
    ip: ctx.ip,
    userAgent: ctx.userAgent,
    detail: { reference, detail },
  });
  return { kind: "error", status, reference };
}

async function idpSigner(app: ApplicationRecord, urls: IdpUrls) {
  const material = await getSigningMaterial();
  return { entityId: urls.entityId, key: material.key, algorithm: app.signatureAlgorithm as SignatureAlgorithm };
}

/**
 * SP-initiated: validates the AuthnRequest; with a live SSO session (`ssoToken`, the browser's
 * cookie) that the assurance accepts as it is, answers it at once (no /resume hop);
 * otherwise opens a login transaction for it.
 */
export async function receiveAuthnRequest(
  appKey: string,
  message: InboundMessage,
  ctx: RequestContext,
  ssoToken?: string | null,
): Promise<SsoStep> {
  const { app, urls } = await appAndUrls(appKey);
  if (!isReady(app))
    return refuse(app, app ? "application_not_configured" : "unknown_application", { appKey }, ctx, 404);
  try {
    const request = parseAuthnRequest(message, {
      sp: serviceProviderOf(app),
      ssoUrl: urls.ssoUrl,
    });
    if (ssoToken && !request.forceAuthn) {
      const answered = await answerWithSession(app, urls, request, message, ssoToken, ctx);
      if (answered) return answered;
    }
    await claimMessageId(dbReplayStore, request);
    // The trace is written beside the sign-in, not in its way (recordTrace never throws).
    void recordTrace(app.id, acceptedRequestTrace(request, message));
    const txId = await beginLogin(
      {
        applicationId: app.id,
        requestId: request.id,
        acsUrl: request.acs.url,
        acsBinding: request.acs.binding,
        relayState: request.relayState ?? null,
        forceAuthn: request.forceAuthn,
      },
      ctx,
      { nameIdFormat: request.nameIdFormat, ...(request.isPassive ? { passive: true } : {}) },
    );
    return { kind: "login", txId };
  } catch (e) {
    if (!isSamlError(e)) throw e;
    const step = await refuse(app, e.reason, e.detail, ctx);
    await recordTrace(app.id, {
      direction: "IN",
      messageType: "AuthnRequest",
      verdict: "REFUSED",
      reasonCode: e.reason,
      reason: explainRefusal(e.reason, e.detail),
      inbound: message,
      summary: step.kind === "error" ? { reference: step.reference } : undefined,
    });
    if (e.reply && step.kind === "error") {
      // The request was otherwise sound: tell the SP with a signed error Response.
      const reply = buildErrorResponse({
        idp: await idpSigner(app, urls),
        acsUrl: e.reply.acsUrl,
        inResponseTo: e.reply.inResponseTo,
        relayState: e.reply.relayState,
        status: e.reply.status,
      });
      await recordTrace(app.id, {
        direction: "OUT",
        messageType: "Response",
        verdict: "SENT",
        outbound: reply,
        summary: { to: reply.url, status: e.reply.status.subCode ?? e.reply.status.code },
      });
      return { kind: "post", message: reply };
    }
    return step;
  }
}

/**
 * The one-request answer: the SSO session, asked of the assurance (gatherAssurance, as
 * decideWithSession asks it), is enough as it is. Anything else (a step-up, the device check,
 * a denial, a revoked or expired session) returns null and takes the usual path, where
 * /resume decides again and records what it decides. The round trip's writes (replay entry,
 * participant, log row, trace entries) go in one transaction; a replayed ID throws as
 * claimMessageId does.
 */
async function answerWithSession(
  app: ReadyApp,
  urls: IdpUrls,
  request: ReturnType<typeof parseAuthnRequest>,
  inbound: InboundMessage,
  ssoToken: string,
  ctx: RequestContext,
): Promise<SsoStep | null> {
  const session = await resolveSsoSession(ssoToken);
  if (!session) return null;
  const now = new Date();
  const { assurance } = await gatherAssurance({
    app,
    user: session.user,
    proofs: session.proofs,
    checkEndpoint: false,
    ctx,
    deps: policyDeps,
    now,
  });
  if (assurance.kind !== "allow") return null;

  const sessionIndex = `_${randomIdBytes(20).toString("hex")}`;
  const nameId = await nameIdFor(app, session.user, request.nameIdFormat);
  const message = await signedResponse(app, urls, session, sessionIndex, nameId, {
    acsUrl: request.acs.url,
    inResponseTo: request.id,
    relayState: request.relayState ?? undefined,
  });
  const traces = [
    deferredTraceEntryOf(app.id, acceptedRequestTrace(request, inbound)),
    deferredTraceEntryOf(app.id, {
      direction: "OUT",
      messageType: "Response",
      verdict: "SENT",
      outbound: message,
      summary: { to: request.acs.url, nameIdFormat: nameId.format, idpInitiated: false },
    }),
  ].filter((t) => t !== null);
  const remembered = assurance.reason === "remembered_device";
  const written = await recordSsoRoundTrip(
    {
      replay: { key: request.replayKey, expiresAt: request.replayExpiresAt },
      participant: {
        sessionId: session.id,
        applicationId: app.id,
        sessionIndex,
        nameId: nameId.value,
        nameIdFormat: nameId.format,
      },
      authLog: {
        userId: session.user.id,
        username: session.user.username,
        applicationId: app.id,
        applicationName: app.name,
        ip: ctx.ip,
        userAgent: ctx.userAgent,
        factor: remembered ? "remembered_device" : "sso_session",
        result: "SUCCESS",
        reason: "sso_session",
        detail: { assurance: assurance.reason, reasons: assurance.reasons },
      },
      traces,
    },
    now,
  );
  if (written === "replayed")
    throw new SamlError("replayed_request", `message ID already used: ${JSON.stringify(request.replayKey)}`);
  pruneTraceSoon(app.id);
  return { kind: "post", message };
}

/** The SAML trace's entry for an AuthnRequest that passed every check. */
function acceptedRequestTrace(request: ReturnType<typeof parseAuthnRequest>, inbound: InboundMessage) {
  return {
    direction: "IN",
    messageType: "AuthnRequest",
    messageId: request.id,
    verdict: "ACCEPTED",
    inbound,
    summary: {
      acs: request.acs.url,
      nameIdFormatRequested: request.requestedNameIdFormat ?? "(none)",
      nameIdFormatAnswered: request.nameIdFormat,
      forceAuthn: request.forceAuthn,
      isPassive: request.isPassive,
    },
  } as const;
}

/** The signed Response for a session at an application: its NameID, attributes and AuthnStatement. */
async function signedResponse(
  app: ReadyApp,
  urls: IdpUrls,
  session: ActiveSession,
  sessionIndex: string,
  nameId: Awaited<ReturnType<typeof nameIdFor>>,
  to: { acsUrl: string; inResponseTo?: string; relayState?: string },
): Promise<PostMessage> {
  return buildResponse({
    idp: await idpSigner(app, urls),
    signResponse: app.signResponse,
    signAssertion: app.signAssertion,
    audience: app.spEntityId,
    ...to,
    nameId,
    session: {
      index: sessionIndex,
      authnInstant: session.authnInstant,
      notOnOrAfter: session.expiresAt,
      mfa: session.factors.some((f) => f === "totp" || f === "webauthn" || f === "bypass"),
    },
    attributes: app.attributes
      .map((a) => ({ name: a.samlName, values: attributeValues(a.source, session.user) }))
      .filter((a) => a.values.length > 0),
  });
}

/** IdP-initiated: a login transaction for the application's default ACS and relay state. */
export async function startIdpInitiated(appKey: string, ctx: RequestContext): Promise<SsoStep> {
  const { app } = await appAndUrls(appKey);
  if (!isReady(app))
    return refuse(
      app,
      app ? "application_not_configured" : "unknown_application",
      { appKey, idpInitiated: true },
      ctx,
      404,
    );
  const acs = app.acs.find((a) => a.isDefault) ?? app.acs[0]!;
  const txId = await beginLogin(
    {
      applicationId: app.id,
      requestId: null,
      acsUrl: acs.url,
      acsBinding: acs.binding,
      relayState: app.defaultRelayState,
      forceAuthn: false,
    },
    ctx,
  );
  return { kind: "login", txId };
}

/** What lib/saml knows of the SP an application protects. */
export function serviceProviderOf(app: ReadyApp) {
  return {
    entityId: app.spEntityId,
    acs: app.acs,
    nameIdFormats: acceptedNameIdFormats(app.nameIdFormat, app.nameIdFormatsAccepted),
    signingCertificates: splitPemCertificates(app.spCertificatePem),
    requireSignedRequests: app.requireSignedRequests,
  };
}

/** The configured user property (emailAddress and unspecified, as Duo sends them). */
function nameIdValue(app: ApplicationRecord, user: ActiveSession["user"]): string {
  if (app.nameIdAttribute === "email") return user.email ?? user.username;
  if (app.nameIdAttribute === "userId") return user.id;
  return user.username;
}

/**
 * The NameID of one Response: transient is a fresh opaque value for this SP session (kept on
 * the session participant so logout can name it), persistent the stored pairwise identifier of
 * this user at this application, the other formats the configured user property.
 */
export async function nameIdFor(app: ApplicationRecord, user: ActiveSession["user"], format: string) {
  if (format === NAMEID_FORMAT.transient) return { format, value: newTransientNameId() };
  if (format === NAMEID_FORMAT.persistent)
    return { format, value: await findOrCreatePairwiseId(user.id, app.id, newPersistentNameId) };
  return { format, value: nameIdValue(app, user) };
}

function attributeValues(source: string, user: ActiveSession["user"]): string[] {
  switch (source) {
    case "username":
      return [user.username];
    case "email":
      return user.email ? [user.email] : [];
    case "realName":
      return user.realName ? [user.realName] : [];
    case "userId":
      return [user.id];
    case "groups":
      return user.groups.map((g) => g.name);
    default:
      return [];
  }
}

/**
 * After sign-in (or with a live SSO session): checks access once more, records the
 * application in the SSO session (for logout) and builds the signed Response. Each login
 * transaction yields one Response.
 */
export async function completeSignIn(
  appKey: string,
  txId: string | undefined,
  ssoId: string | undefined,
  ctx: RequestContext,
): Promise<SsoStep | { kind: "prompt" }> {
  // Independent reads run together; the app and settings come from memory.
  const [{ app, urls }, tx, session] = await Promise.all([
    appAndUrls(appKey),
    loadLogin(txId),
    resolveSsoSession(ssoId),
  ]);
  if (!isReady(app) || !tx || tx.applicationId !== app.id || !tx.acsUrl)
    return refuse(app, "no_login_transaction", { appKey, tx: !!tx }, ctx);
  const fresh = tx.state === "DONE" && !!session && tx.userId === session.user.id;
  const sessionLog = session && {
    userId: session.user.id,
    username: session.user.username,
    applicationId: app.id,
    applicationName: app.name,
    ip: ctx.ip,
    userAgent: ctx.userAgent,
    factor: "sso_session",
  };
  // Signing in with the SSO session: the assurance (account, access, policy, and what the
  // session proved and when, for the user as stored now) decides: allow, step up (the hosted
  // pages ask for the second factor, the device check or enrollment; not the password), ask
  // for the password again, or deny.
  let prompt = !session || (!fresh && (tx.forceAuthn || tx.state === "DONE"));
  let allowed: { reason: string; reasons: string[]; remembered: boolean } | null = null;
  if (session && sessionLog && !fresh && !tx.forceAuthn && tx.state !== "DONE") {
    const outcome = await decideWithSession({ tx, app, session, ctx, deps: policyDeps });
    switch (outcome.kind) {
      case "done":
        allowed = {
          reason: outcome.assurance?.reason ?? "second_factor",
          reasons: outcome.assurance?.reasons ?? [],
          remembered: outcome.proofs.remembered_device !== session.proofs.remembered_device,
        };
        break;
      case "denied":
        await consumeLoginTransaction(tx.id);
        return { kind: "denied", reason: outcome.reason, appKey: app.key };
      case "mfa":
      case "enroll":
      case "device_check":
        if (!tx.parsed.passive)
          return {
            kind: "step_up",
            next:
              outcome.kind === "device_check" ? outcome.url : STEP_PAGES[outcome.kind === "mfa" ? "MFA" : "ENROLL"]!,
          };
        prompt = true;
        break;
      default:
        prompt = true;
    }
  }
  if (prompt || !session || !sessionLog) {
    if (!tx.parsed.passive) return { kind: "prompt" };
    // IsPassive: the IdP must not show a prompt; it answers NoPassive instead.
    await consumeLoginTransaction(tx.id);
    await insertAuthLog({
      applicationId: app.id,
      applicationName: app.name,
      result: "FAILURE",
      reason: "no_passive",
      ip: ctx.ip,
      userAgent: ctx.userAgent,
    });
    return {
      kind: "post",
      message: buildErrorResponse({
        idp: await idpSigner(app, urls),
        acsUrl: tx.acsUrl,
        inResponseTo: tx.requestId ?? undefined,
        relayState: tx.relayState ?? undefined,
        status: { code: STATUS.responder, subCode: STATUS.noPassive },
      }),
    };
  }

  if (!(await consumeLoginTransaction(tx.id)))
    return refuse(app, "no_login_transaction", { appKey, consumed: true }, ctx);

  const sessionIndex = `_${randomIdBytes(20).toString("hex")}`;
  // The format negotiated with the AuthnRequest; IdP-initiated: the application's default.
  const nameId = await nameIdFor(app, session.user, tx.parsed.nameIdFormat ?? app.nameIdFormat);
  const testSso = tx.parsed.testSso;
  await Promise.all([
    // Test SSO posts nothing to the SP: no SP session to log out later.
    testSso
      ? undefined
      : upsertParticipant({
          sessionId: session.id,
          applicationId: app.id,
          sessionIndex,
          nameId: nameId.value,
          nameIdFormat: nameId.format,
        }),
    // A sign-in by SSO session is logged once its transaction is consumed (a duplicate request logs nothing).
    allowed
      ? insertAuthLog({
          ...sessionLog,
          factor: allowed.remembered ? "remembered_device" : "sso_session",
          result: "SUCCESS",
          reason: "sso_session",
          detail: { assurance: allowed.reason, reasons: allowed.reasons },
        })
      : undefined,
  ]);
  const message = await signedResponse(app, urls, session, sessionIndex, nameId, {
    acsUrl: tx.acsUrl,
    inResponseTo: tx.requestId ?? undefined,
    relayState: tx.relayState ?? undefined,
  });
  if (testSso) {
    // Shown to the administrator who started the test, never posted to the SP.
    const traceId = await recordTrace(app.id, {
      direction: "OUT",
      messageType: "Response",
      verdict: "TEST",
      outbound: message,
      reason: `Test SSO as ${session.user.username}: built and signed, not sent to the service provider.`,
      summary: { to: tx.acsUrl, user: session.user.username, nameIdFormat: nameId.format, adminId: testSso.adminId },
    });
    return { kind: "test", applicationId: app.id, traceId };
  }
  void recordTrace(app.id, {
    direction: "OUT",
    messageType: "Response",
    verdict: "SENT",
    outbound: message,
    summary: { to: tx.acsUrl, nameIdFormat: nameId.format, idpInitiated: !tx.requestId },
  });
  return { kind: "post", message };
}

/**
 * Test SSO: an IdP-initiated sign-in to the application's default ACS that always asks for
 * the password (a live SSO session does not hide the test) and ends on a page showing the
 * Response instead of posting it.
 */
export async function startTestSso(actor: AdminActor, applicationId: string, ctx: RequestContext): Promise<SsoStep> {
  assertCan(actor, "applications:view");
  const app = await findApplicationById(applicationId);
  if (!isReady(app)) return refuse(app, "application_not_configured", { applicationId, testSso: true }, ctx, 404);
  const acs = app.acs.find((a) => a.isDefault) ?? app.acs[0]!;
  const txId = await beginLogin(
    {
      applicationId: app.id,
      requestId: null,
      acsUrl: acs.url,
      acsBinding: acs.binding,
      relayState: null,
      forceAuthn: true,
    },
    ctx,
    { testSso: { adminId: actor.adminId } },
  );
  return { kind: "login", txId };
}

// Built metadata per application key, in memory: it depends only on configuration (the
// application, the public base URL, the published certificates), so any change clears it in
// every worker of the server before the save returns, in other instances within 250 ms
// (lib/services/config-sync.ts).
type Metadata = { xml: string; etag: string; name: string };
const metadataShared = globalThis as unknown as { portcullisIdpMetadata?: Map<string, Metadata> };
const metadataCache = (metadataShared.portcullisIdpMetadata ??= new Map());
registerConfigCache("idp-metadata", () => metadataCache.clear());

/** IdP metadata of one application, with an ETag over its bytes. */
export async function applicationMetadata(appKey: string): Promise<Metadata | null> {
  await syncConfig();
  const hit = metadataCache.get(appKey);
  if (hit) return hit;
  const epoch = configEpoch();
  const built = await buildApplicationMetadata(appKey);
  if (built && epoch === configEpoch()) {
    if (metadataCache.size >= 5_000) metadataCache.clear();
    metadataCache.set(appKey, built);
  }
  return built;
}

async function buildApplicationMetadata(appKey: string): Promise<Metadata | null> {
  const { app, urls } = await appAndUrls(appKey);
  if (!app) return null;
  const material = await getSigningMaterial();
  const xml = buildIdpMetadata({
    entityId: urls.entityId,
    ssoUrl: urls.ssoUrl,
    sloUrl: urls.sloUrl,
    certificates: material.publishedCertificates,
    wantAuthnRequestsSigned: app.requireSignedRequests,
    nameIdFormats: acceptedNameIdFormats(app.nameIdFormat, app.nameIdFormatsAccepted),
  });
  return { xml, etag: `"${createHash("sha256").update(xml).digest("base64url").slice(0, 27)}"`, name: app.name };
}
