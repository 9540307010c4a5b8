// Self-service at /sso/portal: a signed-in user lists, adds (authenticator app or passkey),
// renames and removes their own authenticators. The last one cannot be removed while the
// portal's effective policy requires two-factor authentication. Every change is a row in
// the Authentication Log (factor = the authenticator's type).
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
import { DEFAULT_NAMES } from "../../login/mfa-step";
import { buildPolicyContext } from "../../login/policy-context";
import { resolveSsoSession, type ActiveSession } from "../../login/session";
import { checkTotp, newTotpSecret } from "../../mfa/totp";
import { startTotpEnrollment, userTotpSealContext, type TotpEnrollment } from "../../mfa/totp-enrollment";
import { passkeysAvailableAt } from "../../mfa/passkey-host";
import { registrationOptions, relyingParty, verifyRegistration } from "../../mfa/webauthn";
import { evaluate } from "../../policy";
import { getEffectivePolicy } from "../policies/effective-policy";
import { getTenantSettings } from "../settings/tenant-settings";

export type PortalResult =
  | { ok: true; message: "added" | "renamed" | "removed" }
  | {
      ok: false;
      error:
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

export async function myAuthenticators(session: ActiveSession): Promise<AuthenticatorSummary[]> {
  return listAuthenticators(session.user.id);
}

export async function sessionFor(ssoId: string | undefined) {
  return resolveSsoSession(ssoId);
}

export async function renameMine(ssoId: string | undefined, id: string, name: string): Promise<PortalResult> {
  const session = await resolveSsoSession(ssoId);
  if (!session) return { ok: false, error: "expired" };
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
  const context = buildPolicyContext({
    user: session.user,
    authenticatorTypes: [],
    bypassCodes: [],
    application: null,
    now: new Date(),
  });
  return evaluate(policy, context).kind === "allow";
}

export async function removeMine(ssoId: string | undefined, id: string): Promise<PortalResult> {
  const session = await resolveSsoSession(ssoId);
  if (!session) return { ok: false, error: "expired" };
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
  return { ok: true, message: "removed" };
}

// ------------------------------------------------------------------ adding an authenticator app

/** A new authenticator app to show, or the one of `pending` (the token of a try that failed) while it is valid. */
export async function startTotpForPortal(
  session: ActiveSession,
  pending?: string,
): Promise<TotpEnrollment & { token: string }> {
  const secret = openPending(session, "totp", pending) ?? newTotpSecret();
  const enrollment = await startTotpEnrollment((await getTenantSettings()).tenantName, session.user.username, secret);
  return { ...enrollment, token: sealPending(session, "totp", secret) };
}

export async function confirmTotpForPortal(
  ssoId: string | undefined,
  token: string,
  code: string,
  now = Date.now(),
): Promise<PortalResult> {
  const session = await resolveSsoSession(ssoId);
  if (!session) return { ok: false, error: "expired" };
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

export async function passkeyOptionsForPortal(ssoId: string | undefined) {
  const session = await resolveSsoSession(ssoId);
  if (!session) return null;
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
): Promise<PortalResult> {
  const session = await resolveSsoSession(ssoId);
  if (!session) return { ok: false, error: "expired" };
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
