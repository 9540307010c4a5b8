// Administrator roles and what each may do, with Duo's meanings. This matrix is the only
// place that decides; services call `can`/`assertCan` on the server, and the console uses
// the same answers to hide what a role cannot do.

export const ROLES = [
  "OWNER",
  "ADMINISTRATOR",
  "APPLICATION_MANAGER",
  "USER_MANAGER",
  "HELP_DESK",
  "READ_ONLY",
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  OWNER: "Owner",
  ADMINISTRATOR: "Administrator",
  APPLICATION_MANAGER: "Application Manager",
  USER_MANAGER: "User Manager",
  HELP_DESK: "Help Desk",
  READ_ONLY: "Read-only",
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  OWNER: "Full access, including managing administrators.",
  ADMINISTRATOR: "Full access except managing administrators.",
  APPLICATION_MANAGER: "Manages applications, their policies and Trusted Endpoints; read-only elsewhere.",
  USER_MANAGER: "Manages users and groups; read-only elsewhere.",
  HELP_DESK: "Views users and the Authentication Log; unlocks users and issues bypass codes.",
  READ_ONLY: "Views everything except administrators; changes nothing.",
};

export const PERMISSIONS = [
  "dashboard:view",
  "applications:view",
  "applications:manage",
  "applications:admin_api", // create, edit, reset and remove Admin API applications (Owner only, as at Duo)
  "users:view",
  "users:manage",
  "users:helpdesk", // unlock, bypass codes, password reset links
  "groups:view",
  "groups:manage",
  "policies:view",
  "policies:manage",
  "endpoints:view",
  "endpoints:manage",
  "authlog:view",
  "adminlog:view",
  "admins:manage",
  "settings:view",
  "settings:manage",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const VIEW_ALL: Permission[] = [
  "dashboard:view",
  "applications:view",
  "users:view",
  "groups:view",
  "policies:view",
  "endpoints:view",
  "authlog:view",
  "settings:view",
];

export const MATRIX: Record<Role, ReadonlySet<Permission>> = {
  OWNER: new Set(PERMISSIONS),
  ADMINISTRATOR: new Set(PERMISSIONS.filter((p) => p !== "admins:manage" && p !== "applications:admin_api")),
  APPLICATION_MANAGER: new Set<Permission>([...VIEW_ALL, "applications:manage", "policies:manage", "endpoints:manage"]),
  USER_MANAGER: new Set<Permission>([...VIEW_ALL, "users:manage", "users:helpdesk", "groups:manage"]),
  HELP_DESK: new Set<Permission>(["dashboard:view", "users:view", "users:helpdesk", "groups:view", "authlog:view"]),
  READ_ONLY: new Set<Permission>([...VIEW_ALL, "adminlog:view"]),
};

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

export function can(role: Role, permission: Permission): boolean {
  return MATRIX[role].has(permission);
}
