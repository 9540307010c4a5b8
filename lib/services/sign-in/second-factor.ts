// The second-factor and enrollment pages' use cases (/sso/verify, /sso/enroll). Route
// handlers move cookies and redirects; these functions run lib/login/mfa-step and, when the
// sign-in is complete, open the SSO session and say where the browser goes next.
import type { LoginContext } from "../../login/decide";
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
import { loadLogin, type LoginTx } from "../../login/transaction";
import { relyingParty } from "../../mfa/webauthn";
import { passkeysAvailableAt } from "../../mfa/passkey-host";
import type { Factor } from "../../policy";
import { getTenantSettings } from "../settings/tenant-settings";
import { issueRememberedDevice } from "../policies/remembered-devices";
import { findLoginApplication, type LoginApplication } from "./login-application";
import { destination, policyDeps, resumeUrl, sessionAfterSignIn, STEP_PAGES } from "./hosted-login";

export type FactorResult =
  | {
      kind: "next";
      next: string;
      session?: { token: string };
      clearTransaction?: boolean;
      remembered?: RememberedCookie;
    }
  | { kind: "retry"; error: string }
  | { kind: "denied"; reason: string; appKey?: string }
  | { kind: "expired" };

export type RememberedCookie = Awaited<ReturnType<typeof issueRememberedDevice>>;

/**
 * After the second factor: the SSO session, and when the policy offered "Remember me for N
 * hours" (kept in the transaction) and the user ticked it, the remembered-device cookie.
 */
async function settle(
  outcome: FactorOutcome,
  app: LoginApplication | null,
  tx?: LoginTx | null,
  remember = false,
): Promise<FactorResult> {
  if (outcome.kind === "done" && tx) {
    // A new SSO session, or the stepped-up one (which may have ended meanwhile: sign in again).
    const session = await sessionAfterSignIn(tx, outcome.userId, outcome.proofs);
    if (!session) return { kind: "expired" };
    const hours = tx.parsed.rememberHours;
    const remembered =
      remember && hours
        ? await issueRememberedDevice({
            userId: outcome.userId,
            applicationId: app?.id ?? null,
            hours,
          })
        : undefined;
    return { kind: "next", ...destination(tx, app), session, remembered };
  }
  if (outcome.kind === "denied") return { kind: "denied", reason: outcome.reason, appKey: app?.key };
  if (outcome.kind === "done") return { kind: "expired" };
  return outcome;
}

const rp = async () => relyingParty(await getTenantSettings());

async function context(txId: string | undefined) {
  const tx = await loadLogin(txId);
  return { tx, app: await findLoginApplication(tx?.applicationId ?? null) };
}

export type VerifyView =
  | { redirect: string }
  | {
      redirect?: undefined;
      app: LoginApplication | null;
      username: string;
      factors: string[];
      rememberHours: number | null;
      /** A step-up for the portal's self-service (changing authenticators), not a sign-in. */
      manage: boolean;
    };

/** What /sso/verify or /sso/enroll shows, or where the browser belongs instead. */
export async function stepPage(txId: string | undefined, state: "MFA" | "ENROLL"): Promise<VerifyView> {
  const { tx, app } = await context(txId);
  if (!tx) return { redirect: "/sso/login" };
  if (tx.state === "DONE" && app) return { redirect: resumeUrl(app) };
  if (tx.state !== state) return { redirect: STEP_PAGES[tx.state] ?? "/sso/login" };
  const offered = state === "MFA" ? (tx.parsed.mfa?.factors ?? []) : (tx.parsed.enroll?.factors ?? []);
  // At an IP address WebAuthn cannot work (the browser refuses the relying party ID): no passkeys there.
  const passkeys = await passkeysAvailable();
  const factors = passkeys ? offered : offered.filter((f) => f !== "webauthn");
  return {
    app,
    username: tx.parsed.username ?? tx.parsed.identifier ?? "",
    factors,
    rememberHours: tx.parsed.rememberHours ?? null,
    manage: tx.parsed.purpose === "manage_authenticators",
  };
}

export async function verifyPasscode(
  txId: string | undefined,
  code: string,
  ctx: LoginContext,
  remember = false,
): Promise<FactorResult> {
  const { tx, app } = await context(txId);
  return settle(await submitPasscode(tx, app, code, ctx, policyDeps), app, tx, remember);
}

export async function verifyBypassCode(
  txId: string | undefined,
  code: string,
  ctx: LoginContext,
  remember = false,
): Promise<FactorResult> {
  const { tx, app } = await context(txId);
  return settle(await submitBypassCode(tx, app, code, ctx, policyDeps), app, tx, remember);
}

/** Whether passkeys can work at the tenant's public base URL (a domain name, not an IP address). */
export async function passkeysAvailable(): Promise<boolean> {
  return passkeysAvailableAt((await getTenantSettings()).publicBaseUrl);
}

export async function passkeySignInOptions(txId: string | undefined) {
  if (!(await passkeysAvailable())) return null;
  return passkeyOptions(await loadLogin(txId), await rp());
}

export async function verifyPasskey(
  txId: string | undefined,
  body: { response?: unknown; cancelled?: string; remember?: boolean },
  ctx: LoginContext,
): Promise<FactorResult> {
  const { tx, app } = await context(txId);
  return settle(await submitPasskey(tx, app, await rp(), body, ctx, policyDeps), app, tx, body.remember === true);
}

export async function totpEnrollmentView(txId: string | undefined) {
  const tx: LoginTx | null = await loadLogin(txId);
  return totpEnrollment(tx, (await getTenantSettings()).tenantName);
}

export async function confirmTotp(
  txId: string | undefined,
  code: string,
  ctx: LoginContext,
  remember = false,
): Promise<FactorResult> {
  const { tx, app } = await context(txId);
  return settle(await confirmTotpEnrollment(tx, app, code, ctx, policyDeps), app, tx, remember);
}

export async function passkeyEnrollmentOptions(txId: string | undefined) {
  if (!(await passkeysAvailable())) return null;
  return passkeyRegistrationOptions(await loadLogin(txId), await rp());
}

export async function confirmPasskey(
  txId: string | undefined,
  body: { response?: unknown; cancelled?: string; remember?: boolean },
  ctx: LoginContext,
): Promise<FactorResult> {
  const { tx, app } = await context(txId);
  return settle(
    await confirmPasskeyEnrollment(tx, app, await rp(), body, ctx, policyDeps),
    app,
    tx,
    body.remember === true,
  );
}

export const isEnrollFactor = (v: unknown): v is Factor => v === "totp" || v === "webauthn";
