// Self-service at /sso/portal: a signed-in user lists, adds (authenticator app or passkey),
// renames and removes their own authenticators. Every change asks the assurance first
// (lib/login/assurance, purpose manage_authenticators): a user who has a second factor must
// have proved one within the last few minutes, else the portal offers "Verify it's you" (a
// step-up on the hosted pages that returns to the portal); a refused change is logged
// (reauthentication_required). The last authenticator cannot be removed while the portal's
// effective policy requires two-factor authentication, and removing one ends the user's
// sessions and remembered devices (lib/login/revocation), this one included. Every change is
// a row in the Authentication Log (factor = the authenticator's type).
import { insertAuthLog } from "../../db/auth-log";
import {
  deleteAuthenticator,
  insertAuthenticator,
  listAuthenticators,
  listAuthenticatorsForVerification,
  renameAuthenticator,
  type AuthenticatorSummary,
} from "../../db/authenticators";
import { sealSecret, unsealSecret } from "../../crypto/secrets";
import { assess, type Assurance } from "../../login/assurance";
import { decideWithSession, gatherAssurance, type LoginContext } from "../../login/decide";
import { DEFAULT_NAMES } from "../../login/mfa-step";
import { endUserSessions } from "../../login/revocation";
import { resolveSsoSession, type ActiveSession } from "../../login/session";
import { beginLogin, consumeLogin, loadLogin } from "../../login/transaction";
import { checkTotp, newTotpSecret } from "../../mfa/totp";
import { startTotpEnrollment, userTotpSealContext, type TotpEnrollment } from "../../mfa/totp-enrollment";
import { passkeysAvailableAt } from "../../mfa/passkey-host";
import { registrationOptions, relyingParty, verifyRegistration } from "../../mfa/webauthn";
import { getEffectivePolicy } from "../policies/effective-policy";
import { getTenantSettings } from "../settings/tenant-settings";
import { policyDeps, STEP_PAGES } from "./hosted-login";

export type PortalResult =
  /** `signedOut`: the change ended the user's sessions (an authenticator removed): sign in again. */
  | { ok: true; message: "added" | "renamed" | "removed"; signedOut?: boolean }
  | {
      ok: false;
      error:
        /** A recent second factor is needed first ("Verify it's you"). */
        | "verify"
        | "lastRefused"
        | "invalidName"
        | "notFound"
        | "invalid_passcode"
        | "missing_code"
        | "webauthn_failed"
        | "webauthn_cancelled"
        | "expired";
    };

const PENDING_TTL_MS = 10 * 60_000;
/** Cookie holding the sealed key of an authenticator app being added, after a wrong first code. */
export const PORTAL_TOTP_COOKIE = "pc_portal_totp";
const pendingContext = (sessionId: string, kind: string) => `portal-${kind}:${sessionId}`;

/** A short-lived sealed value for the next request (the TOTP secret or WebAuthn challenge being enrolled). */
function sealPending(session: ActiveSession, kind: string, value: string, now = Date.now()): string {
  return sealSecret(JSON.stringify({ v: value, exp: now + PENDING_TTL_MS }), pendingContext(session.id, kind));
}
function openPending(session: ActiveSession, kind: string, token: string | undefined, now = Date.now()): string | null {
  if (!token || token.length > 2000) return null;
  try {
    const { v, exp } = JSON.parse(unsealSecret(token, pendingContext(session.id, kind))) as { v: string; exp: number };
    return exp > now ? v : null;
  } catch {
    return null;
  }
}

async function log(session: ActiveSession, reason: string, a: { type: string; name: string }) {
  await insertAuthLog({
    userId: session.user.id,
    username: session.user.username,
    result: "SUCCESS",
    reason,
    factor: a.type.toLowerCase(),
    detail: { authenticator: a.name, via: "portal" },
  });
}

// ------------------------------------------------------------------ assurance for changes

/** Whether this session may change authenticators now (the portal shows the controls, or "Verify it's you"). */
export async function manageAssurance(session: ActiveSession, ctx: LoginContext): Promise<Assurance> {
  const { assurance } = await gatherAssurance({
    app: null,
    user: session.user,
    proofs: session.proofs,
    purpose: "manage_authenticators",
    checkEndpoint: false,
    ctx,
    deps: policyDeps,
    now: new Date(),
  });
  return assurance;
}

type Change = "add" | "rename" | "remove";

/**
 * The session, when it may make `change` now; else the refusal: "verify" (a recent second
 * factor is needed, logged as reauthentication_required) or "expired" (sign in again).
 */
async function mayChange(
  ssoId: string | undefined,
  ctx: LoginContext,
  change: Change,
): Promise<{ session: ActiveSession } | { refused: PortalResult }> {
  const session = await resolveSsoSession(ssoId);
  if (!session) return { refused: { ok: false, error: "expired" } };
  const a = await manageAssurance(session, ctx);
  if (a.kind === "allow") return { session };
  await insertAuthLog({
    userId: session.user.id,
    username: session.user.username,
    ip: ctx.ip,
    userAgent: ctx.userAgent,
    result: "DENIED",
    reason: a.kind === "deny" ? a.reason : "reauthentication_required",
    detail: { via: "portal", change, assurance: "reason" in a ? a.reason : a.kind, reasons: a.reasons },
  });
  return { refused: { ok: false, error: a.kind === "step_up" ? "verify" : "expired" } };
}

/**
 * "Verify it's you" from the portal: a step-up of this session on the hosted pages (the
 * second-factor page, or the device check), which returns to the portal. `txToken`: the new
 * login transaction's cookie value. Without a need (already verified) the browser goes back.
 */
export async function startPortalStepUp(
  ssoId: string | undefined,
  ctx: LoginContext,
): Promise<{ next: string; txToken?: string }> {
  const session = await resolveSsoSession(ssoId);
  if (!session) return { next: "/sso/login" };
  const txToken = await beginLogin(
    { applicationId: null, requestId: null, acsUrl: null, acsBinding: null, relayState: null, forceAuthn: false },
    ctx,
  );
  const tx = (await loadLogin(txToken))!;
  const outcome = await decideWithSession({
    tx,
    app: null,
    session,
    ctx,
    deps: policyDeps,
    purpose: "manage_authenticators",
    returnTo: "/sso/portal",
  });
  switch (outcome.kind) {
    case "mfa":
      return { next: STEP_PAGES.MFA!, txToken };
    case "enroll":
      return { next: STEP_PAGES.ENROLL!, txToken };
    case "device_check":
      return { next: outcome.url, txToken };
    case "denied":
      await consumeLogin(tx.id);
      return { next: `/sso/error?reason=${outcome.reason}` };
    default:
      await consumeLogin(tx.id);
      return { next: outcome.kind === "done" ? "/sso/portal" : "/sso/login" };
  }
}

// ------------------------------------------------------------------ the list and changes

export async function myAuthenticators(session: ActiveSession): Promise<AuthenticatorSummary[]> {
  return listAuthenticators(session.user.id);
}

export async function sessionFor(ssoId: string | undefined) {
  return resolveSsoSession(ssoId);
}

export async function renameMine(
  ssoId: string | undefined,
  id: string,
  name: string,
  ctx: LoginContext = {},
): Promise<PortalResult> {
  const may = await mayChange(ssoId, ctx, "rename");
  if ("refused" in may) return may.refused;
  const { session } = may;
  const trimmed = name.trim().replace(/\s+/g, " ");
  if (!trimmed || trimmed.length > 60) return { ok: false, error: "invalidName" };
  const before = (await listAuthenticators(session.user.id)).find((a) => a.id === id);
  if (!before || !(await renameAuthenticator(session.user.id, id, trimmed))) return { ok: false, error: "notFound" };
  await log(session, "authenticator_renamed", { type: before.type, name: `${before.name} -> ${trimmed}` });
  return { ok: true, message: "renamed" };
}

/** Whether the portal's policy lets this user sign in with no authenticator (then the last one may go). */
async function mayHaveNone(session: ActiveSession): Promise<boolean> {
  const policy = await getEffectivePolicy(
    null,
    session.user.groups.map((g) => g.id),
  );
  // The same assurance, for this user without any second factor, from anywhere (no address:
  // an authorized network that spares 2FA does not spare it elsewhere).
  const now = new Date();
  const without = assess({
    user: { ...session.user, authenticatorTypes: [], bypassCodes: [] },
    application: null,
    policy,
    request: { ip: null, endpoint: { identified: true, trusted: true, compromised: false } },
    proofs: { pwd: now.getTime() },
    now,
  });
  return without.kind === "allow";
}

export async function removeMine(ssoId: string | undefined, id: string, ctx: LoginContext = {}): Promise<PortalResult> {
  const may = await mayChange(ssoId, ctx, "remove");
  if ("refused" in may) return may.refused;
  const { session } = may;
  const mine = await listAuthenticators(session.user.id);
  const target = mine.find((a) => a.id === id);
  if (!target) return { ok: false, error: "notFound" };
  if (mine.length === 1 && !(await mayHaveNone(session))) {
    await insertAuthLog({
      userId: session.user.id,
      username: session.user.username,
      result: "DENIED",
      reason: "last_authenticator_kept",
      factor: target.type.toLowerCase(),
      detail: { authenticator: target.name, via: "portal" },
    });
    return { ok: false, error: "lastRefused" };
  }
  if (!(await deleteAuthenticator(session.user.id, id))) return { ok: false, error: "notFound" };
  await log(session, "authenticator_removed", target);
  // The sessions (this one too) may have been proved with it: they end; the user signs in again.
  await endUserSessions(session.user, "authenticator_removed", {
    ip: ctx.ip,
    userAgent: ctx.userAgent,
    detail: { authenticator: target.name, via: "portal" },
  });
  return { ok: true, message: "removed", signedOut: true };
}

// ------------------------------------------------------------------ adding an authenticator app

/**
 * A new authenticator app to show, or the one of `pending` (the token of a try that failed)
 * while it is valid; null when the session may not add one now (verify first).
 */
export async function startTotpForPortal(
  session: ActiveSession,
  pending?: string,
  ctx: LoginContext = {},
): Promise<(TotpEnrollment & { token: string }) | null> {
  if ((await manageAssurance(session, ctx)).kind !== "allow") return null;
  const secret = openPending(session, "totp", pending) ?? newTotpSecret();
  const enrollment = await startTotpEnrollment((await getTenantSettings()).tenantName, session.user.username, secret);
  return { ...enrollment, token: sealPending(session, "totp", secret) };
}

export async function confirmTotpForPortal(
  ssoId: string | undefined,
  token: string,
  code: string,
  ctx: LoginContext = {},
  now = Date.now(),
): Promise<PortalResult> {
  const may = await mayChange(ssoId, ctx, "add");
  if ("refused" in may) return may.refused;
  const { session } = may;
  const secret = openPending(session, "totp", token, now);
  if (!secret) return { ok: false, error: "expired" };
  if (!code.trim()) return { ok: false, error: "missing_code" };
  const check = checkTotp(secret, code, null, now);
  if (!check.ok) {
    await insertAuthLog({
      userId: session.user.id,
      username: session.user.username,
      result: "FAILURE",
      reason: "invalid_passcode",
      factor: "totp",
      detail: { enrollment: true, via: "portal" },
    });
    return { ok: false, error: "invalid_passcode" };
  }
  const count = (await listAuthenticators(session.user.id)).filter((a) => a.type === "TOTP").length;
  const name = count ? `${DEFAULT_NAMES.TOTP} ${count + 1}` : DEFAULT_NAMES.TOTP;
  await insertAuthenticator(session.user.id, {
    type: "TOTP",
    name,
    secretSealed: sealSecret(secret, userTotpSealContext(session.user.id)),
    lastUsedStep: check.step,
  });
  await log(session, "authenticator_added", { type: "TOTP", name });
  return { ok: true, message: "added" };
}

// ------------------------------------------------------------------ adding a passkey

const stored = (rows: Awaited<ReturnType<typeof listAuthenticatorsForVerification>>) =>
  rows
    .filter((a) => a.type === "WEBAUTHN" && a.credentialId && a.publicKey)
    .map((a) => ({
      credentialId: a.credentialId!,
      publicKey: a.publicKey!,
      counter: Number(a.counter),
      transports: a.transports,
    }));

export async function passkeyOptionsForPortal(ssoId: string | undefined, ctx: LoginContext = {}) {
  const may = await mayChange(ssoId, ctx, "add");
  if ("refused" in may) return null;
  const { session } = may;
  const tenant = await getTenantSettings();
  // At an IP address WebAuthn cannot work: nothing to offer.
  if (!passkeysAvailableAt(tenant.publicBaseUrl)) return null;
  const rp = relyingParty(tenant);
  const options = await registrationOptions(
    rp,
    { id: session.user.id, username: session.user.username, displayName: session.user.realName },
    stored(await listAuthenticatorsForVerification(session.user.id)),
  );
  return { options, token: sealPending(session, "webauthn", options.challenge) };
}

export async function confirmPasskeyForPortal(
  ssoId: string | undefined,
  body: { response?: unknown; cancelled?: string; token?: string },
  ctx: LoginContext = {},
): Promise<PortalResult> {
  const may = await mayChange(ssoId, ctx, "add");
  if ("refused" in may) return may.refused;
  const { session } = may;
  const challenge = openPending(session, "webauthn", body.token);
  if (body.cancelled !== undefined || !challenge) {
    await insertAuthLog({
      userId: session.user.id,
      username: session.user.username,
      result: "FAILURE",
      reason: "user_mistake",
      factor: "webauthn",
      detail: { enrollment: true, via: "portal" },
    });
    return { ok: false, error: "webauthn_cancelled" };
  }
  const result = await verifyRegistration(relyingParty(await getTenantSettings()), body.response, challenge);
  if (!result.ok) {
    await insertAuthLog({
      userId: session.user.id,
      username: session.user.username,
      result: "FAILURE",
      reason: "invalid_webauthn",
      factor: "webauthn",
      detail: { enrollment: true, via: "portal", cause: result.reason },
    });
    return { ok: false, error: "webauthn_failed" };
  }
  const count = (await listAuthenticators(session.user.id)).filter((a) => a.type === "WEBAUTHN").length;
  const name = count ? `${DEFAULT_NAMES.WEBAUTHN} ${count + 1}` : DEFAULT_NAMES.WEBAUTHN;
  const c = result.credential;
  try {
    await insertAuthenticator(session.user.id, {
      type: "WEBAUTHN",
      name,
      credentialId: c.credentialId,
      publicKey: c.publicKey,
      counter: BigInt(c.counter),
      transports: c.transports,
      deviceType: result.backedUp ? "multiDevice" : "singleDevice",
      backedUp: result.backedUp,
    });
  } catch {
    return { ok: false, error: "webauthn_failed" }; // the same credential registered twice
  }
  await log(session, "authenticator_added", { type: "WEBAUTHN", name });
  return { ok: true, message: "added" };
}
