// Who is acting. Every use case takes an Actor and checks the permission matrix itself,
// so a request sent straight to the server is refused like a hidden button.
import { AppError } from "../errors";
import { can, type Permission, type Role } from "../authz";
import { insertAuditEntry, type AuditEntryInput } from "../db/admin-audit-log";

export type Actor = { adminId: string; email: string; role: Role; ip?: string | null };

export function assertCan(actor: Actor, permission: Permission): void {
  if (!can(actor.role, permission)) {
    throw new AppError("forbidden", "Your administrator role does not allow this action.");
  }
}

export function audit(
  actor: Actor | null,
  entry: Omit<AuditEntryInput, "adminId" | "actorLabel" | "ip"> & { actorLabel?: string; ip?: string | null },
) {
  return insertAuditEntry({
    ...entry,
    adminId: actor?.adminId ?? null,
    actorLabel: entry.actorLabel ?? actor?.email ?? "system",
    ip: entry.ip ?? actor?.ip ?? null,
  });
}
