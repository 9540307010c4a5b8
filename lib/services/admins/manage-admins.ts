// Administrators (Owner only): add, change role, remove. The last Owner cannot be removed
// or demoted, so the tenant can never lose its way in.
import { z } from "zod";
import { AppError, validationError } from "../../errors";
import { ROLES, type Role } from "../../authz";
import { hashPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "../../crypto/password";
import {
  countOwners,
  deleteAdmin,
  findAdminById,
  adminEmailTaken,
  insertAdmin,
  listAdmins,
  unlockAdminPasscode,
  updateAdminRole,
  type AdminRow,
} from "../../db/admins";
import { isUniqueViolation } from "../../db/settings";
import { emailField, nameField, parseOrThrow, validateAll } from "../../validation";
import { assertCan, audit, type Actor } from "../actor";
import { passcodeLockedUntil } from "../admin-auth/sign-in";

export const passwordField = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters.`)
  .max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters.`);

export const roleField = z.enum(ROLES, { message: "Choose a role." });

export const createAdminSchema = z.object({
  email: emailField,
  name: nameField("name"),
  role: roleField,
  password: passwordField,
});

export const changeRoleSchema = z.object({ adminId: z.string().min(1), role: roleField });

/** Each administrator, with `passcodeLockedUntil` while a passcode lock is in force. */
export async function listAdministrators(
  actor: Actor,
  now = new Date(),
): Promise<Array<AdminRow & { passcodeLockedUntil: Date | null }>> {
  assertCan(actor, "admins:manage");
  return (await listAdmins()).map((a) => {
    const until = passcodeLockedUntil(a);
    return { ...a, passcodeLockedUntil: until && until > now ? until : null };
  });
}

export async function createAdministrator(actor: Actor, input: unknown): Promise<AdminRow> {
  assertCan(actor, "admins:manage");
  const data = await validateAll(createAdminSchema, input, async (f, errors) => {
    if (f.email && (await adminEmailTaken(f.email)))
      errors.add("email", "An administrator with this email already exists.");
  });
  let created: AdminRow;
  try {
    created = await insertAdmin({
      email: data.email,
      name: data.name,
      role: data.role,
      passwordHash: await hashPassword(data.password),
    });
  } catch (e) {
    if (isUniqueViolation(e)) {
      throw validationError({ email: "An administrator with this email already exists." });
    }
    throw e;
  }
  await audit(actor, {
    action: "admin.create",
    targetType: "admin",
    targetId: created.id,
    targetLabel: created.email,
    after: { email: created.email, name: created.name, role: created.role },
  });
  return created;
}

async function mustFind(adminId: string): Promise<AdminRow> {
  const target = await findAdminById(adminId);
  if (!target) throw new AppError("not_found", "That administrator no longer exists.");
  return target;
}

/** Changes an administrator's role; returns false (and writes nothing) when it is the same. */
export async function changeAdministratorRole(actor: Actor, input: unknown): Promise<boolean> {
  assertCan(actor, "admins:manage");
  const { adminId, role } = parseOrThrow(changeRoleSchema, input);
  const target = await mustFind(adminId);
  if (target.role === role) return false;
  if (target.role === "OWNER" && (await countOwners()) <= 1) {
    throw new AppError("conflict", "The tenant needs at least one Owner. Make another administrator an Owner first.");
  }
  await updateAdminRole(adminId, role as Role);
  await audit(actor, {
    action: "admin.role_change",
    targetType: "admin",
    targetId: adminId,
    targetLabel: target.email,
    before: { role: target.role },
    after: { role },
  });
  return true;
}

export async function removeAdministrator(actor: Actor, adminId: string): Promise<void> {
  assertCan(actor, "admins:manage");
  const target = await mustFind(adminId);
  if (target.id === actor.adminId) throw new AppError("conflict", "You cannot remove yourself.");
  if (target.role === "OWNER" && (await countOwners()) <= 1) {
    throw new AppError("conflict", "The tenant needs at least one Owner.");
  }
  await deleteAdmin(adminId);
  await audit(actor, {
    action: "admin.remove",
    targetType: "admin",
    targetId: adminId,
    targetLabel: target.email,
    before: { email: target.email, name: target.name, role: target.role },
  });
}

/**
 * Ends a passcode lock (lib/services/admin-auth/sign-in.ts) before its period passes. Only
 * another Owner may: a locked administrator cannot unlock their own account.
 */
export async function unlockAdministrator(actor: Actor, adminId: string): Promise<void> {
  assertCan(actor, "admins:manage");
  const target = await mustFind(adminId);
  if (target.id === actor.adminId) throw new AppError("conflict", "Another Owner must unlock your account.");
  if (!(await unlockAdminPasscode(adminId))) return;
  await audit(actor, {
    action: "admin.unlocked",
    targetType: "admin",
    targetId: adminId,
    targetLabel: target.email,
    before: { lockedAt: target.passcodeLockedAt?.toISOString() ?? null },
    after: { via: "unlocked by an Owner" },
  });
}
