// The second-factor and enrollment pages' use cases (/sso/verify, /sso/enroll). Route
// handlers move cookies and redirects; these functions run lib/login/mfa-step and, when the
// sign-in is complete, open the SSO session and say where the browser goes next.
import type { LoginContext } from "../../login/password-step";
import {
  confirmPasskeyEnrollment,
  confirmTotpEnrollment,
  passkeyOptions,
  passkeyRegistrationOptions,
  submitBypassCode,
  submitPasscode,
  submitPasskey,
  totpEnrollment,
  type FactorOutcome,
} from "../../login/mfa-step";
import { createSsoSession } from "../../login/session";
import { loadLogin, type LoginTx } from "../../login/transaction";
import { relyingParty } from "../../mfa/webauthn";
import type { Factor } from "../../policy";
import { getTenantSettings } from "../settings/tenant-settings";
import { findLoginApplication, type LoginApplication } from "./login-application";
import { policyDeps, resumeUrl, STEP_PAGES } from "./hosted-login";

export type FactorResult =
  | { kind: "next"; next: string; session?: { id: string }; clearTransaction?: boolean }
  | { kind: "retry"; error: string }
  | { kind: "denied"; reason: string; appKey?: string }
  | { kind: "expired" };

async function settle(outcome: FactorOutcome, app: LoginApplication | null): Promise<FactorResult> {
  if (outcome.kind === "done") {
    const session = await createSsoSession(outcome.userId, outcome.factors);
    return app ? { kind: "next", next: resumeUrl(app), session } : { kind: "next", next: "/sso/portal", session, clearTransaction: true };
  }
  if (outcome.kind === "denied") return { kind: "denied", reason: outcome.reason, appKey: app?.key };
  return outcome;
}

const rp = async () => relyingParty(await getTenantSettings());

async function context(txId: string | undefined) {
  const tx = await loadLogin(txId);
  return { tx, app: await findLoginApplication(tx?.applicationId ?? null) };
}

export type VerifyView =
  | { redirect: string }
  | { redirect?: undefined; app: LoginApplication | null; username: string; factors: string[] };

/** What /sso/verify or /sso/enroll shows, or where the browser belongs instead. */
export async function stepPage(txId: string | undefined, state: "MFA" | "ENROLL"): Promise<VerifyView> {
  const { tx, app } = await context(txId);
  if (!tx) return { redirect: "/sso/login" };
  if (tx.state === "DONE" && app) return { redirect: resumeUrl(app) };
  if (tx.state !== state) return { redirect: STEP_PAGES[tx.state] ?? "/sso/login" };
  const factors = state === "MFA" ? (tx.parsed.mfa?.factors ?? []) : (tx.parsed.enroll?.factors ?? []);
  return { app, username: tx.parsed.username ?? tx.parsed.identifier ?? "", factors };
}

export async function verifyPasscode(txId: string | undefined, code: string, ctx: LoginContext): Promise<FactorResult> {
  const { tx, app } = await context(txId);
  return settle(await submitPasscode(tx, app, code, ctx, policyDeps), app);
}

export async function verifyBypassCode(txId: string | undefined, code: string, ctx: LoginContext): Promise<FactorResult> {
  const { tx, app } = await context(txId);
  return settle(await submitBypassCode(tx, app, code, ctx, policyDeps), app);
}

export async function passkeySignInOptions(txId: string | undefined) {
  return passkeyOptions(await loadLogin(txId), await rp());
}

export async function verifyPasskey(txId: string | undefined, body: { response?: unknown; cancelled?: string }, ctx: LoginContext): Promise<FactorResult> {
  const { tx, app } = await context(txId);
  return settle(await submitPasskey(tx, app, await rp(), body, ctx, policyDeps), app);
}

export async function totpEnrollmentView(txId: string | undefined) {
  const tx: LoginTx | null = await loadLogin(txId);
  return totpEnrollment(tx, (await getTenantSettings()).tenantName);
}

export async function confirmTotp(txId: string | undefined, code: string, ctx: LoginContext): Promise<FactorResult> {
  const { tx, app } = await context(txId);
  return settle(await confirmTotpEnrollment(tx, app, code, ctx, policyDeps), app);
}

export async function passkeyEnrollmentOptions(txId: string | undefined) {
  return passkeyRegistrationOptions(await loadLogin(txId), await rp());
}

export async function confirmPasskey(txId: string | undefined, body: { response?: unknown; cancelled?: string }, ctx: LoginContext): Promise<FactorResult> {
  const { tx, app } = await context(txId);
  return settle(await confirmPasskeyEnrollment(tx, app, await rp(), body, ctx, policyDeps), app);
}

export const isEnrollFactor = (v: unknown): v is Factor => v === "totp" || v === "webauthn";
