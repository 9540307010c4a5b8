// Administrator sign-in: email + password, then TOTP (enrolled at first sign-in, as in
// Duo administrators always use two factors). Step one returns a sealed, short-lived
// ticket; step two (the next-auth Credentials provider) redeems it with a passcode.
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
  recordAdminLoginFailure,
  enrollAdminTotp,
  recordAdminLoginSuccess,
} from "../../db/admins";
import { parseOrThrow } from "../../validation";
import { audit } from "../actor";
import { getTenantSettings } from "../settings/tenant-settings";
import { accountLockDelayMs, isAddressBlocked, recordAddressFailure } from "./throttle";

const TICKET_TTL_MS = 5 * 60_000;
const TICKET_CONTEXT = "admin-sign-in-ticket";

export const WRONG_CREDENTIALS = "Incorrect email or password.";
export const WRONG_PASSCODE = "Incorrect passcode. Enter the 6-digit code from your authenticator app.";
export const THROTTLED = "Too many failed sign-in attempts. Wait a few minutes, then try again.";
export const TICKET_EXPIRED = "Your sign-in expired. Enter your email and password again.";

type Ticket = { adminId: string; exp: number; enrollSecret?: string };

export type SignInStep =
  | { step: "verify"; ticket: string }
  | { step: "enroll"; ticket: string; secret: string; otpauthUri: string; qrDataUrl: string };

export type SignedInAdmin = { id: string; email: string; name: string; role: Role; sessionVersion: number };

const startSchema = z.object({
  email: z.string().trim().min(1, "Enter your email address.").max(254),
  password: z.string().min(1, "Enter your password.").max(1024),
});

const completeSchema = z.object({
  ticket: z.string().min(1).max(4096),
  code: z.string().trim().min(1, "Enter the passcode.").max(16),
});

function issueTicket(t: Ticket): string {
  return sealSecret(JSON.stringify(t), TICKET_CONTEXT);
}

function readTicket(sealed: string, now: number): Ticket {
  let t: Ticket;
  try {
    t = JSON.parse(unsealSecret(sealed, TICKET_CONTEXT)) as Ticket;
  } catch {
    throw new AppError("unauthenticated", TICKET_EXPIRED);
  }
  if (typeof t.adminId !== "string" || typeof t.exp !== "number" || t.exp < now)
    throw new AppError("unauthenticated", TICKET_EXPIRED);
  return t;
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

/** Step one: checks email and password; says whether the passcode step is verify or enroll. */
export async function startAdminSignIn(input: unknown, ip?: string | null): Promise<SignInStep> {
  const { email, password } = parseOrThrow(startSchema, input);
  const admin = await findAdminCredentialsByEmail(email);
  const label = admin?.email ?? email.toLowerCase().slice(0, 254);
  await assertNotThrottled(admin, label, ip);
  const ok = await verifyPassword(admin?.passwordHash, password);
  if (!admin || !ok) return fail(admin, label, admin ? "wrong_password" : "unknown_email", ip, WRONG_CREDENTIALS);

  const exp = Date.now() + TICKET_TTL_MS;
  if (admin.totpSecretSealed) return { step: "verify", ticket: issueTicket({ adminId: admin.id, exp }) };

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

/** Step two: redeems the ticket with a TOTP passcode; returns the signed-in administrator. */
export async function completeAdminSignIn(input: unknown, ip?: string | null): Promise<SignedInAdmin> {
  const { ticket, code } = parseOrThrow(completeSchema, input);
  const now = Date.now();
  const t = readTicket(ticket, now);
  const admin = await findAdminCredentialsById(t.adminId);
  if (!admin || !isRole(admin.role)) throw new AppError("unauthenticated", TICKET_EXPIRED);
  await assertNotThrottled(admin, admin.email, ip);

  const contextOf = `admin-totp:${admin.id}`;
  let step: number;
  let newSealed: string | undefined;
  if (t.enrollSecret) {
    if (admin.totpSecretSealed) throw new AppError("unauthenticated", TICKET_EXPIRED);
    const r = checkTotp(t.enrollSecret, code, null, now);
    if (!r.ok) return fail(admin, admin.email, "wrong_totp_enrollment", ip, WRONG_PASSCODE);
    step = r.step;
    newSealed = sealSecret(t.enrollSecret, contextOf);
    // Two enrollments racing: the first one stored wins, the other must start again.
    if (!(await enrollAdminTotp(admin.id, newSealed, step))) throw new AppError("unauthenticated", TICKET_EXPIRED);
  } else {
    if (!admin.totpSecretSealed) throw new AppError("unauthenticated", TICKET_EXPIRED);
    const r = checkTotp(unsealSecret(admin.totpSecretSealed, contextOf), code, admin.totpLastStep, now);
    if (!r.ok)
      return fail(admin, admin.email, r.reason === "replayed" ? "replayed_totp" : "wrong_totp", ip, WRONG_PASSCODE);
    if (!(await claimAdminTotpStep(admin.id, r.step)))
      return fail(admin, admin.email, "replayed_totp", ip, WRONG_PASSCODE);
    step = r.step;
  }
  await recordAdminLoginSuccess(admin.id, { totpLastStep: step });
  await audit(null, {
    actorLabel: admin.email,
    action: newSealed ? "admin.totp_enrolled" : "admin.login",
    targetType: "admin",
    targetId: admin.id,
    targetLabel: admin.email,
    ip,
  });
  return { id: admin.id, email: admin.email, name: admin.name, role: admin.role, sessionVersion: admin.sessionVersion };
}
