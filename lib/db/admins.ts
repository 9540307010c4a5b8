// Repository: administrators.
import { dbReady } from "./client";
import type { Role } from "../authz";

export type AdminRow = {
  id: string;
  email: string;
  name: string;
  role: string;
  lastLoginAt: Date | null;
  createdAt: Date;
  totpEnrolled: boolean;
  sessionVersion: number;
  /** Set while the account is locked after too many wrong passcodes (see lib/services/admin-auth). */
  passcodeLockedAt: Date | null;
};

const publicSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  lastLoginAt: true,
  createdAt: true,
  totpSecretSealed: true,
  sessionVersion: true,
  passcodeLockedAt: true,
} as const;

function toRow(a: {
  id: string;
  email: string;
  name: string;
  role: string;
  lastLoginAt: Date | null;
  createdAt: Date;
  totpSecretSealed: string | null;
  sessionVersion: number;
  passcodeLockedAt: Date | null;
}): AdminRow {
  const { totpSecretSealed, ...rest } = a;
  return { ...rest, totpEnrolled: totpSecretSealed !== null };
}

export async function countAdmins(): Promise<number> {
  return (await dbReady()).admin.count();
}

export async function countOwners(): Promise<number> {
  return (await dbReady()).admin.count({ where: { role: "OWNER" } });
}

export async function listAdmins(): Promise<AdminRow[]> {
  const rows = await (
    await dbReady()
  ).admin.findMany({ select: publicSelect, orderBy: [{ role: "asc" }, { emailNormalized: "asc" }] });
  return rows.map(toRow);
}

export async function findAdminById(id: string): Promise<AdminRow | null> {
  const a = await (await dbReady()).admin.findUnique({ where: { id }, select: publicSelect });
  return a ? toRow(a) : null;
}

/** Whether an administrator has this email (any case). */
export async function adminEmailTaken(email: string): Promise<boolean> {
  return !!(await (
    await dbReady()
  ).admin.findUnique({ where: { emailNormalized: email.trim().toLowerCase() }, select: { id: true } }));
}

/** With the secret columns: only the sign-in use case calls this. */
export async function findAdminCredentialsByEmail(email: string) {
  return (await dbReady()).admin.findUnique({
    where: { emailNormalized: email.trim().toLowerCase() },
    omit: { passwordHash: false, totpSecretSealed: false },
  });
}

export async function findAdminCredentialsById(id: string) {
  return (await dbReady()).admin.findUnique({ where: { id }, omit: { passwordHash: false, totpSecretSealed: false } });
}

export async function insertAdmin(data: {
  email: string;
  name: string;
  role: Role;
  passwordHash: string;
}): Promise<AdminRow> {
  const a = await (
    await dbReady()
  ).admin.create({
    data: { ...data, emailNormalized: data.email.trim().toLowerCase() },
    select: publicSelect,
  });
  return toRow(a);
}

export async function updateAdminRole(id: string, role: Role): Promise<void> {
  await (await dbReady()).admin.update({ where: { id }, data: { role } });
}

export async function deleteAdmin(id: string): Promise<void> {
  await (await dbReady()).admin.delete({ where: { id } });
}

export async function recordAdminLoginFailure(id: string, lockedUntil: Date | null): Promise<number> {
  const a = await (
    await dbReady()
  ).admin.update({
    where: { id },
    data: { failedLoginCount: { increment: 1 }, ...(lockedUntil ? { lockedUntil } : {}) },
    select: { failedLoginCount: true },
  });
  return a.failedLoginCount;
}

/** Stores the first TOTP secret only while none is stored; false if another enrollment won. */
export async function enrollAdminTotp(id: string, totpSecretSealed: string, step: number): Promise<boolean> {
  const r = await (
    await dbReady()
  ).admin.updateMany({ where: { id, totpSecretSealed: null }, data: { totpSecretSealed, totpLastStep: step } });
  return r.count === 1;
}

export async function recordAdminLoginSuccess(id: string, data: { totpLastStep: number }): Promise<void> {
  await (
    await dbReady()
  ).admin.update({
    where: { id },
    data: { ...data, failedLoginCount: 0, lockedUntil: null, passcodeFailures: 0, lastLoginAt: new Date() },
  });
}

/** Counts one more wrong passcode; returns the consecutive count. */
export async function recordAdminPasscodeFailure(id: string): Promise<number> {
  const a = await (
    await dbReady()
  ).admin.update({ where: { id }, data: { passcodeFailures: { increment: 1 } }, select: { passcodeFailures: true } });
  return a.passcodeFailures;
}

/**
 * Locks the account unless it is locked already; true when this call locked it (so it is
 * audited once). The lock supersedes the short sign-in delay, which is cleared so that the
 * right password is answered with the lock's own message.
 */
export async function lockAdminPasscode(id: string, at: Date): Promise<boolean> {
  const r = await (
    await dbReady()
  ).admin.updateMany({ where: { id, passcodeLockedAt: null }, data: { passcodeLockedAt: at, lockedUntil: null } });
  return r.count === 1;
}

/** Ends a passcode lock (and its count); true when the account was locked. */
export async function unlockAdminPasscode(id: string): Promise<boolean> {
  const r = await (
    await dbReady()
  ).admin.updateMany({
    where: { id, passcodeLockedAt: { not: null } },
    data: { passcodeLockedAt: null, passcodeFailures: 0, failedLoginCount: 0, lockedUntil: null },
  });
  return r.count === 1;
}

/**
 * Stores the accepted TOTP step only if it is newer than the stored one, so two requests
 * racing with the same code cannot both succeed. Returns false when the step was used.
 */
export async function claimAdminTotpStep(id: string, step: number): Promise<boolean> {
  const r = await (
    await dbReady()
  ).admin.updateMany({
    where: { id, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
    data: { totpLastStep: step },
  });
  return r.count === 1;
}

/** Ends every console session of the administrator (their cookies carry the old version). */
export async function bumpAdminSessionVersion(id: string): Promise<void> {
  await (await dbReady()).admin.updateMany({ where: { id }, data: { sessionVersion: { increment: 1 } } });
}
