// Administrator sign-in: email + password, then TOTP (enrolled at first sign-in, as in
// Duo administrators always use two factors).
//  1. startAdminSignIn checks the password and returns a sealed, short-lived ticket;
//  2. verifyAdminPasscode redeems the ticket with a passcode. Every ticket is single-use (its
//     random ID is claimed in the replay store shared by all processes): a wrong passcode
//     answers with a fresh ticket that keeps the first one's expiry; a success answers with a
//     grant, also single-use and valid for one minute;
//  3. redeemAdminGrant (the next-auth Credentials provider) turns the grant into the session.
// Consecutive wrong passcodes lock the account (ADMIN_PASSCODE_MAX_FAILURES) until another
// Owner unlocks it on the Administrators page or ADMIN_PASSCODE_LOCK_MS passes; every lock and
// unlock is in the Administrator Log.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import QRCode from "qrcode";
import { AppError } from "../../errors";
import { isRole, type Role } from "../../authz";
import { verifyPassword } from "../../crypto/password";
import { sealSecret, unsealSecret } from "../../crypto/secrets";
import { checkTotp, newTotpSecret, totpUri } from "../../mfa/totp";
import {
  claimAdminTotpStep,
  findAdminCredentialsByEmail,
  findAdminCredentialsById,
  lockAdminPasscode,
  recordAdminLoginFailure,
  recordAdminPasscodeFailure,
  enrollAdminTotp,
  recordAdminLoginSuccess,
  unlockAdminPasscode,
} from "../../db/admins";
import { claimReplayKey } from "../../db/sign-in-state";
import { parseOrThrow } from "../../validation";
import { audit } from "../actor";
import { getTenantSettings } from "../settings/tenant-settings";
import { accountLockDelayMs, isAddressBlocked, recordAddressFailure } from "./throttle";

/** How long the passcode step may take after the password: verify, and enroll (scanning a QR code). */
export const VERIFY_TICKET_TTL_MS = 3 * 60_000;
export const ENROLL_TICKET_TTL_MS = 10 * 60_000;
const GRANT_TTL_MS = 60_000;
const TICKET_CONTEXT = "admin-sign-in-ticket";
const GRANT_CONTEXT = "admin-sign-in-grant";

/** Consecutive wrong passcodes that lock an administrator account, and for how long. */
export const ADMIN_PASSCODE_MAX_FAILURES = 5;
export const ADMIN_PASSCODE_LOCK_MS = 60 * 60_000;

export const WRONG_CREDENTIALS = "Incorrect email or password.";
export const WRONG_PASSCODE = "Incorrect passcode. Enter the 6-digit code from your authenticator app.";
export const THROTTLED = "Too many failed sign-in attempts. Wait a few minutes, then try again.";
export const TICKET_EXPIRED = "Your sign-in expired. Enter your email and password again.";

const timeFmt = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
export const passcodeLockedMessage = (until: Date) =>
  `This account is locked after ${ADMIN_PASSCODE_MAX_FAILURES} incorrect passcodes. Another Owner can unlock it on the Administrators page; otherwise try again after ${timeFmt.format(until)} UTC.`;

type Ticket = { adminId: string; exp: number; jti: string; enrollSecret?: string };
type Grant = { adminId: string; exp: number; jti: string; enrolled: boolean };

export type SignInStep =
  | { step: "verify"; ticket: string }
  | { step: "enroll"; ticket: string; secret: string; otpauthUri: string; qrDataUrl: string };

export type SignedInAdmin = { id: string; email: string; name: string; role: Role; sessionVersion: number };

/** A refused passcode; `retryTicket` (when present) lets the person try again without the password. */
export class PasscodeRefused extends AppError {
  constructor(
    message: string,
    readonly retryTicket: string | null,
  ) {
    super("unauthenticated", message);
  }
}

const startSchema = z.object({
  email: z.string().trim().min(1, "Enter your email address.").max(254),
  password: z.string().min(1, "Enter your password.").max(1024),
});

const completeSchema = z.object({
  ticket: z.string().min(1).max(4096),
  code: z.string().trim().min(1, "Enter the passcode.").max(16),
});

const grantSchema = z.object({ grant: z.string().min(1).max(4096) });

const newId = () => randomBytes(16).toString("base64url");

function issueTicket(t: Omit<Ticket, "jti">): string {
  return sealSecret(JSON.stringify({ ...t, jti: newId() }), TICKET_CONTEXT);
}

function readSealed<T extends { adminId: string; exp: number; jti: string }>(
  sealed: string,
  context: string,
  now: number,
): T {
  let t: T;
  try {
    t = JSON.parse(unsealSecret(sealed, context)) as T;
  } catch {
    throw new AppError("unauthenticated", TICKET_EXPIRED);
  }
  if (typeof t.adminId !== "string" || typeof t.exp !== "number" || typeof t.jti !== "string" || t.exp < now)
    throw new AppError("unauthenticated", TICKET_EXPIRED);
  return t;
}

/** Claims a ticket's or grant's ID once; a second redemption is refused and audited. */
async function claimOnce(
  kind: "ticket" | "grant",
  t: { jti: string; exp: number; adminId: string },
  label: string,
  ip: string | null | undefined,
) {
  if (await claimReplayKey(`admin-${kind}:${t.jti}`, new Date(t.exp))) return;
  await audit(null, {
    actorLabel: label,
    action: "admin.login_failed",
    targetType: "admin",
    targetId: t.adminId,
    targetLabel: label,
    after: { reason: `${kind}_replayed` },
    ip,
  });
  throw new AppError("unauthenticated", TICKET_EXPIRED);
}

async function fail(
  admin: { id: string; email: string } | null,
  label: string,
  reason: string,
  ip: string | null | undefined,
  message: string,
): Promise<never> {
  await recordAddressFailure(ip);
  let failures: number | undefined;
  if (admin) {
    const current = await findAdminCredentialsById(admin.id);
    const delay = accountLockDelayMs((current?.failedLoginCount ?? 0) + 1);
    failures = await recordAdminLoginFailure(admin.id, delay ? new Date(Date.now() + delay) : null);
  }
  await audit(null, {
    actorLabel: label,
    action: "admin.login_failed",
    targetType: "admin",
    targetId: admin?.id,
    targetLabel: label,
    after: { reason, consecutiveFailures: failures },
    ip,
  });
  throw new AppError("unauthenticated", message);
}

async function assertNotThrottled(
  admin: { id: string; email: string; lockedUntil: Date | null } | null,
  label: string,
  ip: string | null | undefined,
) {
  const now = new Date();
  if ((admin?.lockedUntil && admin.lockedUntil > now) || (await isAddressBlocked(ip, now))) {
    await audit(null, {
      actorLabel: label,
      action: "admin.login_failed",
      targetType: "admin",
      targetId: admin?.id,
      targetLabel: label,
      after: { reason: "throttled" },
      ip,
    });
    throw new AppError("rate_limited", THROTTLED);
  }
}

/** When the account's passcode lock ends (null: not locked). */
export function passcodeLockedUntil(admin: { passcodeLockedAt: Date | null }): Date | null {
  return admin.passcodeLockedAt ? new Date(admin.passcodeLockedAt.getTime() + ADMIN_PASSCODE_LOCK_MS) : null;
}

/**
 * Refuses a locked account (audited); a lock whose period has passed is ended here, so the
 * unlock is in the Administrator Log when it takes effect.
 */
async function assertNotPasscodeLocked(
  admin: { id: string; email: string; passcodeLockedAt: Date | null },
  ip: string | null | undefined,
) {
  const until = passcodeLockedUntil(admin);
  if (!until) return;
  if (until.getTime() <= Date.now()) {
    if (await unlockAdminPasscode(admin.id))
      await audit(null, {
        actorLabel: "system",
        action: "admin.unlocked",
        targetType: "admin",
        targetId: admin.id,
        targetLabel: admin.email,
        after: { via: "lock period passed", lockedAt: admin.passcodeLockedAt!.toISOString() },
        ip,
      });
    return;
  }
  await audit(null, {
    actorLabel: admin.email,
    action: "admin.login_failed",
    targetType: "admin",
    targetId: admin.id,
    targetLabel: admin.email,
    after: { reason: "passcode_locked" },
    ip,
  });
  throw new PasscodeRefused(passcodeLockedMessage(until), null);
}

/** Step one: checks email and password; says whether the passcode step is verify or enroll. */
export async function startAdminSignIn(input: unknown, ip?: string | null): Promise<SignInStep> {
  const { email, password } = parseOrThrow(startSchema, input);
  const admin = await findAdminCredentialsByEmail(email);
  const label = admin?.email ?? email.toLowerCase().slice(0, 254);
  await assertNotThrottled(admin, label, ip);
  const ok = await verifyPassword(admin?.passwordHash, password);
  if (!admin || !ok) return fail(admin, label, admin ? "wrong_password" : "unknown_email", ip, WRONG_CREDENTIALS);
  // Only someone who knows the password learns that the account is locked.
  await assertNotPasscodeLocked(admin, ip);

  if (admin.totpSecretSealed)
    return { step: "verify", ticket: issueTicket({ adminId: admin.id, exp: Date.now() + VERIFY_TICKET_TTL_MS }) };
  const exp = Date.now() + ENROLL_TICKET_TTL_MS;

  const secret = newTotpSecret();
  const { tenantName } = await getTenantSettings();
  const otpauthUri = totpUri(secret, `${tenantName} Admin`, admin.email);
  return {
    step: "enroll",
    ticket: issueTicket({ adminId: admin.id, exp, enrollSecret: secret }),
    secret,
    otpauthUri,
    qrDataUrl: await QRCode.toDataURL(otpauthUri, { margin: 1, width: 200 }),
  };
}

/** A wrong passcode: counted, maybe locks the account; otherwise the person may try again with a fresh ticket. */
async function refusePasscode(
  admin: { id: string; email: string },
  t: Ticket,
  reason: string,
  ip: string | null | undefined,
): Promise<never> {
  try {
    await fail(admin, admin.email, reason, ip, WRONG_PASSCODE);
  } catch {
    // recorded (address and account throttles, Administrator Log)
  }
  const failures = await recordAdminPasscodeFailure(admin.id);
  if (failures >= ADMIN_PASSCODE_MAX_FAILURES) {
    const at = new Date();
    const until = passcodeLockedUntil({ passcodeLockedAt: at })!;
    if (await lockAdminPasscode(admin.id, at))
      await audit(null, {
        actorLabel: "system",
        action: "admin.locked",
        targetType: "admin",
        targetId: admin.id,
        targetLabel: admin.email,
        after: { reason: "passcode_failures", consecutiveFailures: failures, until: until.toISOString() },
        ip,
      });
    throw new PasscodeRefused(passcodeLockedMessage(until), null);
  }
  const retry = issueTicket({
    adminId: t.adminId,
    exp: t.exp,
    ...(t.enrollSecret && { enrollSecret: t.enrollSecret }),
  });
  throw new PasscodeRefused(WRONG_PASSCODE, retry);
}

/**
 * Step two: redeems the ticket (once) with a TOTP passcode. Returns a single-use grant for
 * the session; a wrong passcode throws PasscodeRefused with a fresh ticket (or none, once locked).
 */
export async function verifyAdminPasscode(input: unknown, ip?: string | null): Promise<{ grant: string }> {
  const { ticket, code } = parseOrThrow(completeSchema, input);
  const now = Date.now();
  const t = readSealed<Ticket>(ticket, TICKET_CONTEXT, now);
  const admin = await findAdminCredentialsById(t.adminId);
  if (!admin || !isRole(admin.role)) throw new AppError("unauthenticated", TICKET_EXPIRED);
  await claimOnce("ticket", t, admin.email, ip);
  await assertNotThrottled(admin, admin.email, ip);
  await assertNotPasscodeLocked(admin, ip);

  const contextOf = `admin-totp:${admin.id}`;
  let step: number;
  let enrolled = false;
  if (t.enrollSecret) {
    if (admin.totpSecretSealed) throw new AppError("unauthenticated", TICKET_EXPIRED);
    const r = checkTotp(t.enrollSecret, code, null, now);
    if (!r.ok) return refusePasscode(admin, t, "wrong_totp_enrollment", ip);
    step = r.step;
    // Two enrollments racing: the first one stored wins, the other must start again.
    if (!(await enrollAdminTotp(admin.id, sealSecret(t.enrollSecret, contextOf), step)))
      throw new AppError("unauthenticated", TICKET_EXPIRED);
    enrolled = true;
  } else {
    if (!admin.totpSecretSealed) throw new AppError("unauthenticated", TICKET_EXPIRED);
    const r = checkTotp(unsealSecret(admin.totpSecretSealed, contextOf), code, admin.totpLastStep, now);
    if (!r.ok) return refusePasscode(admin, t, r.reason === "replayed" ? "replayed_totp" : "wrong_totp", ip);
    if (!(await claimAdminTotpStep(admin.id, r.step))) return refusePasscode(admin, t, "replayed_totp", ip);
    step = r.step;
  }
  await recordAdminLoginSuccess(admin.id, { totpLastStep: step });
  const grant: Grant = { adminId: admin.id, exp: now + GRANT_TTL_MS, jti: newId(), enrolled };
  return { grant: sealSecret(JSON.stringify(grant), GRANT_CONTEXT) };
}

/** Step three (the next-auth Credentials provider): the grant, once, becomes the console session. */
export async function redeemAdminGrant(input: unknown, ip?: string | null): Promise<SignedInAdmin> {
  const { grant } = parseOrThrow(grantSchema, input);
  const g = readSealed<Grant>(grant, GRANT_CONTEXT, Date.now());
  const admin = await findAdminCredentialsById(g.adminId);
  if (!admin || !isRole(admin.role)) throw new AppError("unauthenticated", TICKET_EXPIRED);
  await claimOnce("grant", g, admin.email, ip);
  await audit(null, {
    actorLabel: admin.email,
    action: g.enrolled ? "admin.totp_enrolled" : "admin.login",
    targetType: "admin",
    targetId: admin.id,
    targetLabel: admin.email,
    ip,
  });
  return { id: admin.id, email: admin.email, name: admin.name, role: admin.role, sessionVersion: admin.sessionVersion };
}

/** Steps two and three at once (scripts and tests): the passcode, then the grant. */
export async function completeAdminSignIn(input: unknown, ip?: string | null): Promise<SignedInAdmin> {
  const { grant } = await verifyAdminPasscode(input, ip);
  return redeemAdminGrant({ grant }, ip);
}
