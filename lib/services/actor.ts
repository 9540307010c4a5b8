// Who is acting. Every use case takes an Actor and checks the permission matrix itself,
// so a request sent straight to the server is refused like a hidden button.
import { AppError } from "../errors";
import { can, type Permission, type Role } from "../authz";
import { insertAuditEntry, type AuditEntryInput } from "../db/admin-audit-log";

/** A signed-in administrator (console). */
export type AdminActor = { kind?: "admin"; adminId: string; email: string; role: Role; ip?: string | null };
/**
 * An Admin API application calling with its integration key: it may do what its grants
 * allow (lib/duo-api/grants.ts). `email` is the label the Administrator Log shows.
 */
export type ApiActor = {
  kind: "api";
  adminId: null;
  email: string;
  applicationId: string;
  permissions: ReadonlySet<Permission>;
  ip?: string | null;
};
export type Actor = AdminActor | ApiActor;

/** Whether the actor may do this: the role's matrix for administrators, the grants for API applications. */
export function allows(actor: Actor, permission: Permission): boolean {
  return actor.kind === "api" ? actor.permissions.has(permission) : can(actor.role, permission);
}

export function assertCan(actor: Actor, permission: Permission): void {
  if (!allows(actor, permission)) {
    throw new AppError(
      "forbidden",
      actor.kind === "api"
        ? "This Admin API application's permissions do not allow this action."
        : "Your administrator role does not allow this action.",
      { cause: { permission } },
    );
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
