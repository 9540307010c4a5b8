// Hosted sign-in, second step (state MFA) and first-time enrollment (state ENROLL): TOTP
// passcodes, passkeys and security keys (WebAuthn), and administrators' bypass codes.
// Every outcome writes one Authentication Log row with the factor and a reason code; a
// wrong answer counts towards the lockout (./failures). A cancelled passkey prompt
// (user_mistake) is logged but not counted.
import { insertAuthLog } from "../db/auth-log";
import {
  claimTotpStep,
  claimWebAuthnCounter,
  consumeBypassCode,
  insertAuthenticator,
  listAuthenticatorsForVerification,
  listBypassCodes,
  type AuthenticatorRow,
} from "../db/authenticators";
import { readLockState } from "../db/user-lockout";
import { recordUserLogin } from "../db/users";
import { sealSecret, unsealSecret } from "../crypto/secrets";
import { verifyBypassCode } from "../mfa/bypass-codes";
import type { LockoutSettings } from "../mfa/lockout";
import { checkTotp, newTotpSecret } from "../mfa/totp";
import { startTotpEnrollment, userTotpSealContext, type TotpEnrollment } from "../mfa/totp-enrollment";
import {
  authenticationOptions,
  registrationOptions,
  verifyAuthentication,
  verifyRegistration,
  type RelyingParty,
  type StoredWebAuthnCredential,
} from "../mfa/webauthn";
import { countFailure } from "./failures";
import type { Proofs } from "./assurance";
import type { LoginApp, LoginContext } from "./decide";
import { saveLogin, type LoginTx, type TxData } from "./transaction";

export type SecondStep = "totp" | "webauthn" | "bypass_code";
export type FactorError =
  | "missing_code"
  | "invalid_passcode"
  | "replayed_passcode"
  | "invalid_bypass_code"
  | "webauthn_failed"
  | "webauthn_cancelled"
  | "not_allowed";

export type FactorOutcome =
  | { kind: "done"; userId: string; proofs: Proofs }
  | { kind: "retry"; error: FactorError }
  | { kind: "denied"; reason: "locked_out" | "user_disabled" }
  | { kind: "expired" };

export type FactorDeps = { lockout: () => Promise<LockoutSettings> };

/** Proof names (SsoSession.proofs, ./assurance) of the log's factor names (AuthLog.factor). */
const PROOF = { totp: "totp", webauthn: "webauthn", bypass_code: "bypass" } as const;

const enrollContext = (txId: string) => `login-enroll-totp:${txId}`;

type Ready = { tx: LoginTx; userId: string; username: string };

/** The transaction is in `state` for a known user, and the account may still sign in. */
async function ready(tx: LoginTx | null, state: "MFA" | "ENROLL"): Promise<Ready | FactorOutcome> {
  if (!tx || tx.state !== state || !tx.userId) return { kind: "expired" };
  const lock = await readLockState(tx.userId);
  if (!lock) return { kind: "expired" };
  if (lock.status === "LOCKED_OUT") return { kind: "denied", reason: "locked_out" };
  if (lock.status === "DISABLED") return { kind: "denied", reason: "user_disabled" };
  return { tx, userId: tx.userId, username: tx.parsed.username ?? tx.parsed.identifier ?? "" };
}
const isReady = (r: Ready | FactorOutcome): r is Ready => "tx" in r;

function logBase(r: Ready, app: LoginApp, ctx: LoginContext, factor: string) {
  return {
    userId: r.userId,
    username: r.username,
    applicationId: app?.id ?? null,
    applicationName: app?.name ?? null,
    ip: ctx.ip,
    userAgent: ctx.userAgent,
    factor,
    endpointId: r.tx.parsed.endpoint?.id ?? null,
  };
}

async function finish(
  r: Ready,
  app: LoginApp,
  ctx: LoginContext,
  step: SecondStep,
  reason: string,
  detail?: Record<string, unknown>,
  now = Date.now(),
): Promise<FactorOutcome> {
  const proofs: Proofs = { ...r.tx.parsed.proofs, [PROOF[step]]: now };
  const data: TxData = { ...r.tx.parsed, proofs, challenge: null, enroll: undefined };
  await saveLogin(r.tx.id, { state: "DONE", data });
  await recordUserLogin(r.userId); // also resets the consecutive failures
  const endpoint = r.tx.parsed.endpoint?.detail;
  await insertAuthLog({
    ...logBase(r, app, ctx, step),
    result: "SUCCESS",
    reason,
    detail: endpoint ? { ...detail, endpoint } : detail,
  });
  return { kind: "done", userId: r.userId, proofs };
}

async function fail(
  r: Ready,
  app: LoginApp,
  ctx: LoginContext,
  step: SecondStep,
  reason: string,
  error: FactorError,
  deps: FactorDeps,
  detail?: Record<string, unknown>,
): Promise<FactorOutcome> {
  await saveLogin(r.tx.id, { data: { ...r.tx.parsed, attempts: (r.tx.parsed.attempts ?? 0) + 1, challenge: null } });
  const result = await countFailure(logBase(r, app, ctx, step), reason, detail, deps.lockout);
  if (result === "locked") {
    await saveLogin(r.tx.id, { state: "FAILED" });
    return { kind: "denied", reason: "locked_out" };
  }
  return { kind: "retry", error };
}

const offered = (tx: LoginTx, step: SecondStep) =>
  step === "bypass_code" || (tx.parsed.mfa?.factors ?? []).includes(step);

// ------------------------------------------------------------------ TOTP

export type TotpMatch =
  { kind: "ok"; authenticator: AuthenticatorRow; step: number } | { kind: "replayed" } | { kind: "invalid" };

export function matchTotp(rows: readonly AuthenticatorRow[], userId: string, code: string, now: number): TotpMatch {
  let replayed = false;
  for (const a of rows) {
    if (a.type !== "TOTP" || !a.secretSealed) continue;
    let secret: string;
    try {
      secret = unsealSecret(a.secretSealed, userTotpSealContext(userId));
    } catch {
      continue; // sealed with another key or for another user: never matches
    }
    const check = checkTotp(secret, code, a.lastUsedStep, now);
    if (check.ok) return { kind: "ok", authenticator: a, step: check.step };
    if (check.reason === "replayed") replayed = true;
  }
  return replayed ? { kind: "replayed" } : { kind: "invalid" };
}

export async function submitPasscode(
  tx: LoginTx | null,
  app: LoginApp,
  code: string,
  ctx: LoginContext,
  deps: FactorDeps,
  now = Date.now(),
): Promise<FactorOutcome> {
  const r = await ready(tx, "MFA");
  if (!isReady(r)) return r;
  if (!offered(r.tx, "totp")) return { kind: "retry", error: "not_allowed" };
  const typed = code.replace(/\s+/g, "");
  if (!typed) return { kind: "retry", error: "missing_code" };
  const match = matchTotp(await listAuthenticatorsForVerification(r.userId), r.userId, typed, now);
  if (match.kind === "ok") {
    // Accepted at most once, even by two concurrent requests with the same code.
    if (await claimTotpStep(match.authenticator.id, match.step, new Date(now))) {
      return finish(r, app, ctx, "totp", "valid_passcode", { authenticator: match.authenticator.name }, now);
    }
    return fail(r, app, ctx, "totp", "invalid_passcode", "replayed_passcode", deps, { cause: "replayed" });
  }
  if (match.kind === "replayed")
    return fail(r, app, ctx, "totp", "invalid_passcode", "replayed_passcode", deps, { cause: "replayed" });
  return fail(r, app, ctx, "totp", "invalid_passcode", "invalid_passcode", deps);
}

// ------------------------------------------------------------------ bypass codes

export async function submitBypassCode(
  tx: LoginTx | null,
  app: LoginApp,
  code: string,
  ctx: LoginContext,
  deps: FactorDeps,
  now = new Date(),
): Promise<FactorOutcome> {
  const r = await ready(tx, "MFA");
  if (!isReady(r)) return r;
  if (!code.trim()) return { kind: "retry", error: "missing_code" };
  const check = await verifyBypassCode(await listBypassCodes(r.userId), code, now);
  if (check.ok && (await consumeBypassCode(check.codeId, now)))
    return finish(
      r,
      app,
      ctx,
      "bypass_code",
      "bypass_code",
      { codeId: check.codeId, usedUp: check.usedUp },
      now.getTime(),
    );
  return fail(r, app, ctx, "bypass_code", "invalid_bypass_code", "invalid_bypass_code", deps, {
    cause: check.ok ? "used_concurrently" : check.reason,
  });
}

// ------------------------------------------------------------------ WebAuthn

const stored = (rows: readonly AuthenticatorRow[]): StoredWebAuthnCredential[] =>
  rows
    .filter((a) => a.type === "WEBAUTHN" && a.credentialId && a.publicKey)
    .map((a) => ({
      credentialId: a.credentialId!,
      publicKey: a.publicKey!,
      counter: Number(a.counter),
      transports: a.transports,
    }));

/** Options for navigator.credentials.get(); the challenge is kept in the transaction. */
export async function passkeyOptions(tx: LoginTx | null, rp: RelyingParty) {
  const r = await ready(tx, "MFA");
  if (!isReady(r) || !offered(r.tx, "webauthn")) return null;
  const creds = stored(await listAuthenticatorsForVerification(r.userId));
  if (creds.length === 0) return null;
  const options = await authenticationOptions(rp, creds);
  await saveLogin(r.tx.id, { data: { ...r.tx.parsed, challenge: options.challenge } });
  return options;
}

/** The browser's answer: a credential, or `cancelled` when the person dismissed the prompt. */
export async function submitPasskey(
  tx: LoginTx | null,
  app: LoginApp,
  rp: RelyingParty,
  body: { response?: unknown; cancelled?: string },
  ctx: LoginContext,
  deps: FactorDeps,
): Promise<FactorOutcome> {
  const r = await ready(tx, "MFA");
  if (!isReady(r)) return r;
  if (!offered(r.tx, "webauthn")) return { kind: "retry", error: "not_allowed" };
  const challenge = r.tx.parsed.challenge;
  if (body.cancelled !== undefined || !challenge) {
    await saveLogin(r.tx.id, { data: { ...r.tx.parsed, challenge: null } });
    await insertAuthLog({
      ...logBase(r, app, ctx, "webauthn"),
      result: "FAILURE",
      reason: "user_mistake",
      detail: { cause: challenge ? String(body.cancelled).slice(0, 80) : "no_challenge" },
    });
    return { kind: "retry", error: "webauthn_cancelled" };
  }
  const rows = await listAuthenticatorsForVerification(r.userId);
  const result = await verifyAuthentication(rp, body.response, challenge, stored(rows), r.userId);
  if (!result.ok)
    return fail(r, app, ctx, "webauthn", "invalid_webauthn", "webauthn_failed", deps, {
      cause: result.reason,
      detail: result.detail,
    });
  if (!(await claimWebAuthnCounter(result.credentialId, BigInt(result.previousCounter), BigInt(result.newCounter)))) {
    return fail(r, app, ctx, "webauthn", "invalid_webauthn", "webauthn_failed", deps, {
      cause: "counter_not_increased",
    });
  }
  const name = rows.find((a) => a.credentialId === result.credentialId)?.name;
  return finish(r, app, ctx, "webauthn", "valid_webauthn", { authenticator: name, userVerified: result.userVerified });
}

// ------------------------------------------------------------------ enrollment (state ENROLL)

const enrollOffered = (tx: LoginTx, f: "totp" | "webauthn") => (tx.parsed.enroll?.factors ?? []).includes(f);

/** The TOTP enrollment to show: a secret kept sealed in the transaction until the code is confirmed. */
export async function totpEnrollment(tx: LoginTx | null, tenantName: string): Promise<TotpEnrollment | null> {
  const r = await ready(tx, "ENROLL");
  if (!isReady(r) || !enrollOffered(r.tx, "totp")) return null;
  let sealed = r.tx.parsed.enroll?.totpSealed;
  let secret: string;
  try {
    secret = sealed ? unsealSecret(sealed, enrollContext(r.tx.id)) : newTotpSecret();
  } catch {
    secret = newTotpSecret();
    sealed = undefined;
  }
  if (!sealed) {
    await saveLogin(r.tx.id, {
      data: {
        ...r.tx.parsed,
        enroll: { factors: r.tx.parsed.enroll?.factors ?? [], totpSealed: sealSecret(secret, enrollContext(r.tx.id)) },
      },
    });
  }
  return startTotpEnrollment(tenantName, r.username, secret);
}

export const DEFAULT_NAMES = { TOTP: "Authenticator app", WEBAUTHN: "Passkey" } as const;

export async function confirmTotpEnrollment(
  tx: LoginTx | null,
  app: LoginApp,
  code: string,
  ctx: LoginContext,
  deps: FactorDeps,
  now = Date.now(),
): Promise<FactorOutcome> {
  const r = await ready(tx, "ENROLL");
  if (!isReady(r)) return r;
  const sealed = r.tx.parsed.enroll?.totpSealed;
  if (!enrollOffered(r.tx, "totp") || !sealed) return { kind: "retry", error: "not_allowed" };
  if (!code.replace(/\s+/g, "")) return { kind: "retry", error: "missing_code" };
  const secret = unsealSecret(sealed, enrollContext(r.tx.id));
  const check = checkTotp(secret, code, null, now);
  if (!check.ok) return fail(r, app, ctx, "totp", "invalid_passcode", "invalid_passcode", deps, { enrollment: true });
  await insertAuthenticator(r.userId, {
    type: "TOTP",
    name: DEFAULT_NAMES.TOTP,
    secretSealed: sealSecret(secret, userTotpSealContext(r.userId)),
    lastUsedStep: check.step,
  });
  return finish(r, app, ctx, "totp", "new_enrollment", { enrolled: "totp" }, now);
}

export async function passkeyRegistrationOptions(tx: LoginTx | null, rp: RelyingParty) {
  const r = await ready(tx, "ENROLL");
  if (!isReady(r) || !enrollOffered(r.tx, "webauthn")) return null;
  const options = await registrationOptions(
    rp,
    { id: r.userId, username: r.username },
    stored(await listAuthenticatorsForVerification(r.userId)),
  );
  await saveLogin(r.tx.id, { data: { ...r.tx.parsed, challenge: options.challenge } });
  return options;
}

export async function confirmPasskeyEnrollment(
  tx: LoginTx | null,
  app: LoginApp,
  rp: RelyingParty,
  body: { response?: unknown; cancelled?: string },
  ctx: LoginContext,
  deps: FactorDeps,
): Promise<FactorOutcome> {
  const r = await ready(tx, "ENROLL");
  if (!isReady(r)) return r;
  const challenge = r.tx.parsed.challenge;
  if (!enrollOffered(r.tx, "webauthn")) return { kind: "retry", error: "not_allowed" };
  if (body.cancelled !== undefined || !challenge) {
    await saveLogin(r.tx.id, { data: { ...r.tx.parsed, challenge: null } });
    await insertAuthLog({
      ...logBase(r, app, ctx, "webauthn"),
      result: "FAILURE",
      reason: "user_mistake",
      detail: { enrollment: true, cause: String(body.cancelled ?? "no_challenge").slice(0, 80) },
    });
    return { kind: "retry", error: "webauthn_cancelled" };
  }
  const result = await verifyRegistration(rp, body.response, challenge);
  if (!result.ok)
    return fail(r, app, ctx, "webauthn", "invalid_webauthn", "webauthn_failed", deps, {
      enrollment: true,
      cause: result.reason,
      detail: result.detail,
    });
  const c = result.credential;
  await insertAuthenticator(r.userId, {
    type: "WEBAUTHN",
    name: DEFAULT_NAMES.WEBAUTHN,
    credentialId: c.credentialId,
    publicKey: c.publicKey,
    counter: BigInt(c.counter),
    transports: c.transports,
    deviceType: result.backedUp ? "multiDevice" : "singleDevice",
    backedUp: result.backedUp,
  });
  return finish(r, app, ctx, "webauthn", "new_enrollment", { enrolled: "webauthn" });
}
