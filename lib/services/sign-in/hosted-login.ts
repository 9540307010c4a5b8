// The hosted sign-in pages' use cases (/sso/login, /sso/portal, /sso/logout). Pages and
// actions only move cookies; these functions run the steps of lib/login.
import {
  DEVICE_RETURN_PATH,
  resumeAfterDeviceCheck,
  submitIdentifier,
  submitPassword,
  type LoginContext,
  type PolicyDeps,
  type StepOutcome,
} from "../../login/password-step";
import { checkRememberedDevice } from "../policies/remembered-devices";
import { deviceCheckUrl, endpointContext, redeemDeviceAssertion } from "../endpoints/sign-in-endpoint";
import { getEffectivePolicy } from "../policies/effective-policy";
import { getLockoutSettings } from "../settings/lockout-settings";
import type { Proofs } from "../../login/assurance";
import {
  createSsoSession,
  elevateSsoSession,
  endSession,
  resolveSsoSession,
  SSO_COOKIE,
  SSO_TTL_MS,
} from "../../login/session";
import { beginLogin, loadLogin, saveLogin, TX_COOKIE, TX_TTL_MS, type LoginTx } from "../../login/transaction";
import { findLoginApplication, type LoginApplication } from "./login-application";
import { completeUpstream, routeSource, startUpstream, type UpstreamResult } from "../auth-sources/upstream-sign-in";
import { portalApplications } from "./portal";
import { getApplicationConfig } from "../applications/application-config";

export { SSO_COOKIE, SSO_TTL_MS, TX_COOKIE, TX_TTL_MS };
export type { StepOutcome };

export const resumeUrl = (app: LoginApplication) => `/saml2/idp/${encodeURIComponent(app.key)}/resume`;

/**
 * The effective policy and lockout settings (both cached per process), and the remembered
 * devices and Trusted Endpoints look-ups the flow makes only when the policy needs them.
 */
export const policyDeps: PolicyDeps = {
  policy: getEffectivePolicy,
  lockout: getLockoutSettings,
  rememberedDevice: checkRememberedDevice,
  deviceCheckUrl,
  endpointContext: ({ proof, blockCompromised, userId }) => endpointContext({ proof, blockCompromised, userId }),
};

/** Where a transaction in `state` continues: the second-factor or enrollment page (DEVICE: back from the device check without an answer). */
export const STEP_PAGES: Record<string, string> = {
  MFA: "/sso/verify",
  ENROLL: "/sso/enroll",
  DEVICE: DEVICE_RETURN_PATH,
};

export type LoginPageView =
  | { redirect: string }
  | {
      redirect?: undefined;
      app: LoginApplication | null;
      expired: boolean;
      identifier: string | null;
      hasTransaction: boolean;
    };

/** What /sso/login shows, or where it sends the browser instead. */
export async function loginPage(txId: string | undefined, ssoId: string | undefined): Promise<LoginPageView> {
  const tx = await loadLogin(txId);
  const app = await findLoginApplication(tx?.applicationId ?? null);
  if (tx?.state === "DONE" && app) return { redirect: resumeUrl(app) };
  if (tx && STEP_PAGES[tx.state]) return { redirect: STEP_PAGES[tx.state]! };
  if (!tx && (await resolveSsoSession(ssoId))) return { redirect: "/sso/portal" };
  return {
    app,
    expired: !!txId && !tx,
    identifier: tx?.state === "PASSWORD" ? (tx.parsed.identifier ?? null) : null,
    hasTransaction: !!tx,
  };
}

/** Step one. Without a transaction (a portal sign-in) a new one is opened: `newTxId` is set. */
export async function identify(
  txId: string | undefined,
  identifier: string,
  ctx: LoginContext,
): Promise<{ outcome: StepOutcome; newTxId?: string }> {
  let newTxId: string | undefined;
  if (!txId) {
    newTxId = await beginLogin(
      { applicationId: null, requestId: null, acsUrl: null, acsBinding: null, relayState: null, forceAuthn: false },
      ctx,
    );
  }
  const outcome = await submitIdentifier(txId ?? newTxId, identifier);
  if (outcome.kind !== "password") return { outcome, newTxId };
  // Authentication sources: the application's, the email domain's or the tenant's upstream IdP.
  const tx = await loadLogin(txId ?? newTxId);
  const source = tx && (await routeSource(tx.applicationId, tx.parsed.identifier ?? ""));
  if (!tx || !source) return { outcome, newTxId };
  return { outcome: await startUpstream(tx, source, tx.parsed.identifier ?? ""), newTxId };
}

/**
 * POST /saml2/sp/{key}/acs: the upstream identity provider's Response for this browser's
 * sign-in; then, as after a password, the second factor, enrollment, the device check or done.
 */
export async function upstreamResponse(
  txId: string | undefined,
  sourceKey: string,
  fields: Record<string, string | undefined>,
  ctx: LoginContext,
): Promise<(PasswordResult & { kind: "decided" }) | Exclude<UpstreamResult, { kind: "decided" }>> {
  const r = await completeUpstream(txId, sourceKey, fields, ctx, policyDeps);
  if (r.kind !== "decided") return r;
  return { kind: "decided", ...(await afterDecision(r.outcome, r.app, r.tx)) };
}

export type PasswordResult = {
  outcome: StepOutcome;
  identifier?: string;
  /** On success: the SSO session's cookie value (new, or the stepped-up one) and where the browser goes (a full navigation). */
  session?: { token: string };
  next?: string;
  /** The transaction is finished (portal sign-in): clear its cookie. */
  clearTransaction?: boolean;
};

/** Step two: password, account and access checks; on success an SSO session. */
export async function verifyPassword(
  txId: string | undefined,
  password: string,
  ctx: LoginContext,
): Promise<PasswordResult> {
  const tx = await loadLogin(txId);
  if (!tx) return { outcome: { kind: "error", error: "expired" } };
  const app = await findLoginApplication(tx.applicationId);
  const outcome = await submitPassword(tx, app, password, ctx, policyDeps);
  return { ...(await afterDecision(outcome, app, tx)), identifier: tx.parsed.identifier };
}

/**
 * The sign-in is complete: a new SSO session for what it proved, or, for a step-up, the
 * browser's session elevated (null when that session ended meanwhile: sign in again).
 */
export async function sessionAfterSignIn(
  tx: LoginTx,
  userId: string,
  proofs: Proofs,
): Promise<{ token: string } | null> {
  if (tx.parsed.stepUp) return elevateSsoSession(tx.parsed.stepUp.sessionId, userId, proofs);
  return createSsoSession(userId, proofs);
}

/** Where the browser goes once the sign-in (or step-up) is complete. */
export function destination(tx: LoginTx, app: LoginApplication | null): { next: string; clearTransaction?: boolean } {
  if (app) return { next: resumeUrl(app) };
  return { next: tx.parsed.stepUp?.returnTo ?? "/sso/portal", clearTransaction: true };
}

async function afterDecision(outcome: StepOutcome, app: LoginApplication | null, tx: LoginTx): Promise<PasswordResult> {
  if (outcome.kind === "mfa" || outcome.kind === "enroll")
    return { outcome, next: STEP_PAGES[outcome.kind === "mfa" ? "MFA" : "ENROLL"] };
  if (outcome.kind === "device_check") return { outcome, next: outcome.url };
  if (outcome.kind === "authenticate") return { outcome, next: "/sso/login" };
  if (outcome.kind !== "done") return { outcome };
  const session = await sessionAfterSignIn(tx, outcome.userId, outcome.proofs);
  if (!session) return { outcome: { kind: "error", error: "expired" }, clearTransaction: true };
  return { outcome, session, ...destination(tx, app) };
}

/**
 * GET /sso/device: the browser is back from the Trusted Endpoints device check with
 * `device_assertion` (or without, which counts as "not identified"). The policy decides now.
 */
export async function returnFromDeviceCheck(
  txId: string | undefined,
  deviceAssertion: string | null,
  ctx: LoginContext,
): Promise<PasswordResult & { appKey?: string }> {
  const tx = await loadLogin(txId);
  if (!tx) return { outcome: { kind: "error", error: "expired" } };
  const app = await findLoginApplication(tx.applicationId);
  const outcome = await resumeAfterDeviceCheck(
    tx,
    app,
    (transactionId) => redeemDeviceAssertion({ transactionId, deviceAssertion }),
    ctx,
    policyDeps,
  );
  return { ...(await afterDecision(outcome, app, tx)), appKey: app?.key };
}

/** "Not you?": back to step one in the same transaction. */
export async function restartLogin(txId: string | undefined): Promise<void> {
  const tx = await loadLogin(txId);
  // From any step but the end: the password is asked again.
  if (tx && tx.state !== "DONE")
    await saveLogin(tx.id, { state: "IDENTIFY", userId: null, data: { passive: tx.parsed.passive } });
}

/** The portal: the signed-in user and the applications they may open, or null. */
export async function portal(ssoId: string | undefined) {
  const session = await resolveSsoSession(ssoId);
  if (!session) return null;
  return { user: session.user, session, applications: await portalApplications(session.user) };
}

export async function signOut(ssoId: string | undefined): Promise<void> {
  if (ssoId) await endSession(ssoId);
}

/** The display name of an application by its key (for error pages), or null. */
export async function applicationName(appKey: string): Promise<string | null> {
  return (await getApplicationConfig(appKey))?.name ?? null;
}
