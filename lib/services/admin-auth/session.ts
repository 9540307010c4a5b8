// The console session: the cookie names an administrator and a session version; the
// administrator's role and existence are read on every request, and signing out bumps the
// version so that a copied cookie stops working.
import { isRole } from "../../authz";
import { bumpAdminSessionVersion, findAdminById } from "../../db/admins";
import type { AdminActor } from "../actor";

export async function sessionAdmin(
  adminId: string,
  sessionVersion: number,
): Promise<(Omit<AdminActor, "ip"> & { name: string }) | null> {
  const admin = await findAdminById(adminId);
  if (!admin || !isRole(admin.role) || admin.sessionVersion !== sessionVersion) return null;
  return { adminId: admin.id, email: admin.email, name: admin.name, role: admin.role };
}

export const endAdminSessions = (adminId: string) => bumpAdminSessionVersion(adminId);
