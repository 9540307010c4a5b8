// Admin API permissions, with the names and keys Duo uses ("Grant read resource" is
// adminapi_read_resource in Duo's integration objects), and what each lets an Admin API
// application do here, in the terms of the one permission matrix (lib/authz.ts).
import type { Permission } from "../authz";

export const ADMIN_API_GRANTS = [
  "adminapi_read_resource",
  "adminapi_write_resource",
  "adminapi_read_log",
  "adminapi_info",
  "adminapi_integrations",
  "adminapi_settings",
] as const;
export type AdminApiGrant = (typeof ADMIN_API_GRANTS)[number];

export const GRANT_LABELS: Record<AdminApiGrant, string> = {
  adminapi_read_resource: "Grant read resource",
  adminapi_write_resource: "Grant write resource",
  adminapi_read_log: "Grant read log",
  adminapi_info: "Grant read information",
  adminapi_integrations: "Grant applications",
  adminapi_settings: "Grant settings",
};

export const GRANT_HELP: Record<AdminApiGrant, string> = {
  adminapi_read_resource: "Read users, groups and bypass code metadata.",
  adminapi_write_resource: "Create, modify and delete users and groups; generate and delete bypass codes.",
  adminapi_read_log: "Read the Authentication Log and the Administrator Log.",
  adminapi_info: "Read summary information about the account.",
  adminapi_integrations: "Read the protected applications (integrations).",
  adminapi_settings: "Read account settings.",
};

const PERMISSIONS: Record<AdminApiGrant, Permission[]> = {
  adminapi_read_resource: ["users:view", "groups:view"],
  adminapi_write_resource: ["users:manage", "users:helpdesk", "groups:manage"],
  adminapi_read_log: ["authlog:view", "adminlog:view"],
  adminapi_info: ["dashboard:view"],
  adminapi_integrations: ["applications:view"],
  adminapi_settings: ["settings:view"],
};

export function isGrant(v: unknown): v is AdminApiGrant {
  return typeof v === "string" && (ADMIN_API_GRANTS as readonly string[]).includes(v);
}

/** Stored form: known grants only, in a fixed order, comma separated. */
export function serializeGrants(grants: readonly string[]): string {
  const set = new Set(grants.filter(isGrant));
  return ADMIN_API_GRANTS.filter((g) => set.has(g)).join(",");
}

export function parseGrants(stored: string | null | undefined): AdminApiGrant[] {
  return (stored ?? "").split(",").filter(isGrant);
}

export function permissionsOf(grants: readonly AdminApiGrant[]): ReadonlySet<Permission> {
  return new Set(grants.flatMap((g) => PERMISSIONS[g]));
}

/** The grant that gives `permission` (for the 403 message's detail). */
export function grantFor(permission: Permission): AdminApiGrant | null {
  return ADMIN_API_GRANTS.find((g) => PERMISSIONS[g].includes(permission)) ?? null;
}
