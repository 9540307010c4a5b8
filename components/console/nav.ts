// The console's navigation: one list, filtered by the administrator's permissions.
import type { Permission } from "@/lib/authz";

export type NavItem = { href: string; label: string; permission: Permission; section?: string };

export const NAV: readonly NavItem[] = [
  { href: "/admin", label: "Dashboard", permission: "dashboard:view" },
  { href: "/admin/applications", label: "Applications", permission: "applications:view" },
  { href: "/admin/users", label: "Users", permission: "users:view" },
  { href: "/admin/groups", label: "Groups", permission: "groups:view" },
  { href: "/admin/policies", label: "Policies", permission: "policies:view" },
  { href: "/admin/trusted-endpoints", label: "Trusted Endpoints", permission: "endpoints:view" },
  {
    href: "/admin/reports/authentication-log",
    label: "Authentication Log",
    permission: "authlog:view",
    section: "Reports",
  },
  {
    href: "/admin/reports/administrator-log",
    label: "Administrator Log",
    permission: "adminlog:view",
    section: "Reports",
  },
  { href: "/admin/administrators", label: "Administrators", permission: "admins:manage" },
  { href: "/admin/settings", label: "Settings", permission: "settings:view" },
];
