// The Administrator Log in words: action and object labels, and each before/after value as a
// person reads it (role and status names instead of codes, group and application names
// instead of internal IDs, Yes/No, lists). Pure: the IDs are resolved by the caller
// (lib/services/admin-log.ts) and passed in as `names`. Shared by the page, its detail
// drawer and the CSV export.
import { ROLE_LABELS, type Role } from "../authz";
import { USER_ATTRIBUTES } from "./applications/saml-options";

export const ACTION_LABELS: Record<string, string> = {
  "admin.create": "Administrator added",
  "admin.role_change": "Administrator role changed",
  "admin.remove": "Administrator removed",
  "admin.login": "Signed in",
  "admin.totp_enrolled": "Signed in and enrolled authenticator",
  "admin.login_failed": "Failed sign-in",
  "admin.locked": "Administrator locked",
  "admin.unlocked": "Administrator unlocked",
  "admin.setup_refused": "First-run setup refused",
  "settings.update": "Settings changed",
  "application.create": "Application protected",
  "application.update": "Application changed",
  "application.remove": "Application removed",
  "application.metadata_fetch_failed": "Metadata download failed",
  "application.secret_key_create": "API secret key generated",
  "application.secret_key_reset": "API secret key reset",
  "admin_api.request": "Admin API call",
  "signing_key.create_next": "Next signing certificate created",
  "signing_key.promote": "Signing certificate promoted",
  "signing_key.retire": "Signing certificate retired",
  "user.create": "User added",
  "user.update": "User changed",
  "user.delete": "User deleted (to trash)",
  "user.restore": "User restored from trash",
  "user.unlock": "User unlocked",
  "user.group_add": "User added to group",
  "user.group_remove": "User removed from group",
  "user.authenticator_remove": "Authenticator removed",
  "user.bypass_codes_generate": "Bypass codes generated",
  "user.bypass_code_delete": "Bypass code deleted",
  "user.sessions_end": "User's sessions ended",
  "user.reset_link": "Password reset link created",
  "user.password_reset": "Password reset by the user",
  "user.import": "Users imported",
  "user.export": "Users exported",
  "group.create": "Group added",
  "group.update": "Group changed",
  "group.delete": "Group deleted",
  "group.members_add": "Group members added",
  "group.members_remove": "Group members removed",
  "policy.create": "Policy created",
  "policy.update": "Policy changed",
  "policy.delete": "Policy deleted",
  "policy.apply": "Policy applied to an application",
  "policy.unapply": "Policy removed from an application",
  "policy.apply_group": "Group policy applied",
  "policy.unapply_group": "Group policy removed",
  "policy.reorder_groups": "Group policies reordered",
  "endpoints.integration_create": "Trusted Endpoints integration added",
  "endpoints.integration_update": "Trusted Endpoints integration changed",
  "endpoints.integration_remove": "Trusted Endpoints integration removed",
  "endpoints.integration_enable": "Trusted Endpoints integration enabled",
  "endpoints.integration_disable": "Trusted Endpoints integration disabled",
  "endpoints.inventory_replace": "Device inventory replaced",
  "endpoints.api_token_rotate": "Device API token replaced",
  "endpoints.certificate_issue": "Device certificate issued",
  "endpoints.certificate_revoke": "Device certificate revoked",
  "endpoints.device_check_update": "Device identity settings changed",
  "authlog.export": "Authentication Log exported",
  "adminlog.export": "Administrator Log exported",
};

/** An action's label; an unknown code (a newer version's) is shown as it is. */
export const actionLabel = (action: string) => ACTION_LABELS[action] ?? action;

export const OBJECT_LABELS: Record<string, string> = {
  user: "User",
  group: "Group",
  application: "Application",
  policy: "Policy",
  admin: "Administrator",
  settings: "Settings",
  endpoint_integration: "Trusted Endpoints integration",
  device_certificate: "Device certificate",
  signing_key: "Signing certificate",
  authlog: "Authentication Log",
  adminlog: "Administrator Log",
};

export const objectLabel = (type: string | null) => (type ? (OBJECT_LABELS[type] ?? type) : "—");

const FIELD_LABELS: Record<string, string> = {
  name: "Name",
  notes: "Notes",
  description: "Description",
  spEntityId: "SP Entity ID",
  acs: "ACS URLs",
  sloUrl: "Single Logout URL",
  spLoginUrl: "Service Provider Login URL",
  defaultRelayState: "Default Relay State",
  nameIdFormat: "NameID format",
  nameIdAttribute: "NameID attribute",
  signatureAlgorithm: "Signature algorithm",
  signResponse: "Sign response",
  signAssertion: "Sign assertion",
  attributes: "Attributes",
  requireSignedRequests: "Require signed AuthnRequests",
  spCertificatePem: "Service provider certificate",
  userAccess: "User access",
  permittedGroupIds: "Permitted groups",
  email: "Email",
  realName: "Full name",
  status: "Status",
  aliases: "Aliases",
  role: "Role",
  groups: "Groups",
  group: "Group",
  tenantName: "Tenant name",
  publicBaseUrl: "Public base URL",
  lockoutThreshold: "Lock out after failed attempts",
  autoUnlockMinutes: "Unlock automatically after (minutes)",
  deviceCheckUrl: "Device check URL",
  trustedProxies: "Trusted proxy addresses",
  clientCertHeader: "Client certificate header",
  clientId: "Client ID",
  apiKey: "API key",
  region: "Region",
  baseUrl: "API base URL",
  hostname: "Hostname",
  kind: "Type",
  enabled: "Enabled",
  key: "Application key",
  type: "Type",
  members: "Members",
  applications: "Applications",
  filters: "Filters",
  failedAttempts: "Failed attempts",
  consecutiveFailures: "Consecutive failures",
  reason: "Reason",
  via: "Via",
};

/** A snapshot key as a label: a known field's name, else the words of a camelCase key. */
export function fieldLabel(key: string): string {
  const known = FIELD_LABELS[key];
  if (known) return known;
  const words = key.replace(/[_.]+/g, " ").replace(/([a-z0-9])([A-Z])/g, "$1 $2");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const STATUS_LABELS: Record<string, string> = {
  ACTIVE: "Active",
  BYPASS: "Bypass",
  DISABLED: "Disabled",
  LOCKED_OUT: "Locked Out",
};
const USER_ACCESS_LABELS: Record<string, string> = {
  ALL: "All users",
  GROUPS: "Only users in certain groups",
};
const KIND_LABELS: Record<string, string> = {
  CISCO_SECURE_ENDPOINT: "Cisco Secure Endpoint",
  DEVICE_INVENTORY: "Device inventory",
};
const NAMEID_ATTRIBUTE_LABELS: Record<string, string> = {
  username: "<Username>",
  email: "<Email Address>",
  userId: "<User ID>",
};

/** Names for the internal IDs a snapshot may hold: groups and applications. */
export type AuditNames = { groups: Map<string, string>; applications: Map<string, string> };

/** IDs in a snapshot that need a name (permitted groups, an export's application filter). */
export function referencedIds(value: unknown): { groups: string[]; applications: string[] } {
  const out = { groups: [] as string[], applications: [] as string[] };
  if (!value || typeof value !== "object") return out;
  const v = value as Record<string, unknown>;
  if (Array.isArray(v.permittedGroupIds))
    out.groups.push(...v.permittedGroupIds.filter((x): x is string => typeof x === "string"));
  const filters = v.filters as Record<string, unknown> | undefined;
  if (filters && typeof filters.applicationId === "string") out.applications.push(filters.applicationId);
  return out;
}

/** Why a console sign-in failed (admin.login_failed), with its stable code. */
const SIGN_IN_FAILURES: Record<string, string> = {
  wrong_password: "Wrong password",
  unknown_email: "Unknown email address",
  throttled: "Too many attempts: sign-in paused",
  wrong_totp: "Wrong passcode",
  replayed_totp: "Passcode already used",
  wrong_totp_enrollment: "Wrong passcode while enrolling",
};

const yesNo = (b: boolean) => (b ? "Yes" : "No");
const dash = "—";

function listOf(v: unknown[], one: (x: unknown) => string): string {
  return v.length ? v.map(one).join(", ") : "none";
}

/** One value of a snapshot as text. */
export function formatAuditValue(key: string, value: unknown, names: AuditNames): string {
  if (value === null || value === undefined || value === "") return dash;
  switch (key) {
    case "role":
      return ROLE_LABELS[value as Role] ?? String(value);
    case "status":
      return STATUS_LABELS[String(value)] ?? String(value);
    case "userAccess":
      return USER_ACCESS_LABELS[String(value)] ?? String(value);
    case "kind":
      return KIND_LABELS[String(value)] ?? String(value);
    case "nameIdAttribute":
      return NAMEID_ATTRIBUTE_LABELS[String(value)] ?? String(value);
    case "permittedGroupIds":
      return Array.isArray(value)
        ? listOf(value, (id) => names.groups.get(String(id)) ?? "(deleted group)")
        : String(value);
    case "acs":
      return Array.isArray(value)
        ? listOf(value, (r) => {
            const row = r as { index?: unknown; url?: unknown; isDefault?: unknown };
            return `${String(row.index)}: ${String(row.url)}${row.isDefault ? " (default)" : ""}`;
          })
        : String(value);
    case "attributes":
      return Array.isArray(value)
        ? listOf(value, (r) => {
            const row = r as { source?: unknown; samlName?: unknown };
            const source = USER_ATTRIBUTES[String(row.source) as keyof typeof USER_ATTRIBUTES] ?? String(row.source);
            return `${source} → ${String(row.samlName)}`;
          })
        : String(value);
    case "spCertificatePem":
      return typeof value === "string" ? "A PEM certificate" : String(value);
    case "reason":
      return SIGN_IN_FAILURES[String(value)] ? `${SIGN_IN_FAILURES[String(value)]} (${String(value)})` : String(value);
    case "filters":
      return typeof value === "object" ? formatFilters(value as Record<string, unknown>, names) : String(value);
  }
  if (typeof value === "boolean") return yesNo(value);
  if (Array.isArray(value)) return listOf(value, (x) => (typeof x === "object" ? JSON.stringify(x) : String(x)));
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

function formatFilters(f: Record<string, unknown>, names: AuditNames): string {
  const parts: string[] = [];
  if (typeof f.since === "string") parts.push(`from ${f.since}`);
  if (typeof f.until === "string") parts.push(`until ${f.until}`);
  if (typeof f.userIdentifier === "string") parts.push(`user ${f.userIdentifier}`);
  if (typeof f.applicationId === "string")
    parts.push(`application ${names.applications.get(f.applicationId) ?? "(removed application)"}`);
  if (typeof f.result === "string") parts.push(`result ${f.result.toLowerCase()}`);
  if (typeof f.reason === "string") parts.push(`reason ${f.reason}`);
  // The Administrator Log export's filters, as its URL carries them (administrator already a name).
  const other: Record<string, (v: string) => string> = {
    range: (v) => `time range ${v}`,
    from: (v) => `from ${v}`,
    to: (v) => `to ${v}`,
    administrator: (v) => `administrator ${v}`,
    action: (v) => `action ${actionLabel(v)}`,
    object: (v) => `object ${objectLabel(v)}`,
    q: (v) => `name starts with "${v}"`,
  };
  for (const [k, fmt] of Object.entries(other)) if (typeof f[k] === "string") parts.push(fmt(f[k] as string));
  return parts.length ? parts.join("; ") : "none (every row)";
}

export type AuditField = { key: string; label: string; value: string };

/** A snapshot (object) as labelled lines; a scalar snapshot as one line; none as []. */
export function describeSnapshot(snapshot: unknown, names: AuditNames): AuditField[] {
  if (snapshot === null || snapshot === undefined) return [];
  if (typeof snapshot !== "object" || Array.isArray(snapshot))
    return [{ key: "value", label: "Value", value: formatAuditValue("value", snapshot, names) }];
  return Object.entries(snapshot as Record<string, unknown>).map(([key, v]) => ({
    key,
    label: fieldLabel(key),
    value: formatAuditValue(key, v, names),
  }));
}

/** The table's one-line summary: the values after (or before, for a removal), "Label: value; …". */
export function summaryOf(before: AuditField[], after: AuditField[]): string {
  const fields = after.length ? after : before;
  return fields.map((f) => `${f.label}: ${f.value}`).join("; ");
}

/** The fields a change touched. */
export function changedFieldLabels(before: unknown, after: unknown): string[] {
  const keys = new Set<string>();
  for (const s of [before, after])
    if (s && typeof s === "object" && !Array.isArray(s)) for (const k of Object.keys(s)) keys.add(k);
  return [...keys].map(fieldLabel);
}
