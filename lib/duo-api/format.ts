// Our records in the shapes of Duo's Admin API objects (user, group, integration,
// authentication log v2 and administrator log entries). Pure.

const unix = (d: Date | null | undefined) => (d ? Math.floor(d.getTime() / 1000) : null);

export const USER_STATUS_OUT: Record<string, string> = {
  ACTIVE: "active",
  BYPASS: "bypass",
  DISABLED: "disabled",
  LOCKED_OUT: "locked out",
};
/** What a client may set (Locked Out is reached by failed attempts only, as at Duo). */
export const USER_STATUS_IN: Record<string, "ACTIVE" | "BYPASS" | "DISABLED"> = {
  active: "ACTIVE",
  bypass: "BYPASS",
  disabled: "DISABLED",
};

const GROUP_STATUS_OUT: Record<string, string> = { ACTIVE: "Active", BYPASS: "Bypass", DISABLED: "Disabled" };
export const GROUP_STATUS_IN: Record<string, "ACTIVE" | "BYPASS" | "DISABLED"> = {
  active: "ACTIVE",
  bypass: "BYPASS",
  disabled: "DISABLED",
};

export type GroupLike = { id: string; name: string; description: string | null; status: string };

export function groupObject(g: GroupLike) {
  return {
    group_id: g.id,
    name: g.name,
    desc: g.description ?? "",
    status: GROUP_STATUS_OUT[g.status] ?? g.status,
    // Portcullis has no push, SMS or voice; one-time passcodes are always allowed.
    push_enabled: false,
    sms_enabled: false,
    voice_enabled: false,
    mobile_otp_enabled: true,
  };
}

export type UserLike = {
  id: string;
  username: string;
  email: string | null;
  realName: string | null;
  status: string;
  notes: string | null;
  isEnrolled: boolean;
  lastLoginAt: Date | null;
  createdAt: Date;
  aliases: string[];
  groups: GroupLike[];
};

export type TokenLike = { id: string; type: string; name: string; createdAt: Date; lastUsedAt: Date | null };

export function userObject(u: UserLike, authenticators: TokenLike[] = []) {
  const aliases: Record<string, string> = {};
  u.aliases.forEach((a, i) => (aliases[`alias${i + 1}`] = a));
  return {
    user_id: u.id,
    username: u.username,
    realname: u.realName ?? "",
    email: u.email ?? "",
    firstname: "",
    lastname: "",
    status: USER_STATUS_OUT[u.status] ?? u.status.toLowerCase(),
    notes: u.notes ?? "",
    created: unix(u.createdAt),
    last_login: unix(u.lastLoginAt),
    last_directory_sync: null,
    is_enrolled: u.isEnrolled,
    alias1: u.aliases[0] ?? null,
    alias2: u.aliases[1] ?? null,
    alias3: u.aliases[2] ?? null,
    alias4: u.aliases[3] ?? null,
    aliases,
    groups: u.groups.map(groupObject),
    phones: [],
    desktoptokens: [],
    u2ftokens: [],
    // Authenticator apps are one-time-passcode tokens; passkeys are WebAuthn credentials.
    tokens: authenticators
      .filter((a) => a.type === "TOTP")
      .map((a) => ({ token_id: a.id, type: "totp6", serial: a.name, totp_step: 30 })),
    webauthncredentials: authenticators
      .filter((a) => a.type === "WEBAUTHN")
      .map((a) => ({
        webauthnkey: a.id,
        credential_name: a.name,
        date_added: unix(a.createdAt),
        label: "Security Key",
      })),
  };
}

export type BypassCodeLike = {
  id: string;
  remainingUses: number | null;
  expiresAt: Date | null;
  createdAt: Date;
};

export function bypassCodeObject(c: BypassCodeLike, createdBy: string | null) {
  return {
    bypass_code_id: c.id,
    created: unix(c.createdAt),
    expiration: unix(c.expiresAt),
    reuse_count: c.remainingUses ?? 0,
    admin_email: createdBy ?? "",
  };
}

/** Duo's v2 log factor names for ours (AuthLog.factor). */
const FACTOR_OUT: Record<string, string> = {
  totp: "passcode",
  bypass_code: "bypass_code",
  webauthn: "webauthn_credential",
  password: "not_available",
  remembered_device: "remembered_device",
  sso_session: "not_available",
};
const RESULT_OUT: Record<string, string> = { SUCCESS: "success", DENIED: "denied", FAILURE: "failure" };
export const RESULT_IN: Record<string, string> = { success: "SUCCESS", denied: "DENIED", failure: "FAILURE" };

export type AuthLogLike = {
  id: string;
  createdAt: Date;
  userId: string | null;
  username: string | null;
  applicationId: string | null;
  applicationName: string | null;
  result: string;
  reason: string;
  factor: string | null;
  ip: string | null;
  userAgent: string | null;
};

export function authLogObject(r: AuthLogLike, applicationKey: string | null, agent: { browser: string; os: string }) {
  return {
    txid: r.id,
    timestamp: Math.floor(r.createdAt.getTime() / 1000),
    isotimestamp: r.createdAt.toISOString().replace(/\.\d{3}Z$/, "+00:00"),
    event_type: "authentication",
    result: RESULT_OUT[r.result] ?? r.result.toLowerCase(),
    reason: r.reason,
    factor: r.factor ? (FACTOR_OUT[r.factor] ?? r.factor) : "not_available",
    user: { key: r.userId ?? "", name: r.username ?? "", groups: [] },
    application: { key: applicationKey ?? "", name: r.applicationName ?? "" },
    access_device: {
      ip: r.ip ?? null,
      location: { city: null, state: null, country: null },
      browser: agent.browser || null,
      os: agent.os || null,
      hostname: null,
    },
    auth_device: { ip: null, location: { city: null, state: null, country: null }, name: null },
    email: "",
    alias: "",
    ood_software: null,
    trusted_endpoint_status: null,
  };
}

export type AuditLike = {
  createdAt: Date;
  actorLabel: string;
  action: string;
  targetLabel: string | null;
  before: string | null;
  after: string | null;
};

/** Duo names administrator log actions like user_create; ours are user.create. */
export function adminLogObject(e: AuditLike) {
  const description: Record<string, unknown> = {};
  const parse = (s: string | null) => {
    if (s === null) return undefined;
    try {
      return JSON.parse(s) as unknown;
    } catch {
      return s;
    }
  };
  const before = parse(e.before);
  const after = parse(e.after);
  if (before !== undefined) description.before = before;
  if (after !== undefined) description.after = after;
  return {
    timestamp: Math.floor(e.createdAt.getTime() / 1000),
    isotimestamp: e.createdAt.toISOString().replace(/\.\d{3}Z$/, "+00:00"),
    username: e.actorLabel,
    action: e.action.replace(/[.]/g, "_"),
    object: e.targetLabel,
    description: JSON.stringify(description),
  };
}

export const INTEGRATION_TYPES: Record<string, string> = {
  "admin-api": "adminapi",
  "auth-api": "authapi",
};

export type IntegrationLike = {
  key: string;
  name: string;
  template: string;
  notes: string | null;
  userAccess: string;
  permittedGroupIds: string[];
  grants: string[];
};

export function integrationObject(a: IntegrationLike) {
  const flags = Object.fromEntries(
    [
      "adminapi_read_resource",
      "adminapi_write_resource",
      "adminapi_read_log",
      "adminapi_info",
      "adminapi_integrations",
      "adminapi_settings",
      "adminapi_admins",
    ].map((g) => [g, a.grants.includes(g) ? 1 : 0]),
  );
  return {
    integration_key: a.key,
    name: a.name,
    notes: a.notes ?? "",
    // SAML applications are Duo's "Generic SAML Service Provider" (sso-generic) or its presets.
    type: INTEGRATION_TYPES[a.template] ?? "sso-generic",
    enroll_policy: "enroll",
    groups_allowed: a.userAccess === "GROUPS" ? a.permittedGroupIds : [],
    self_service_allowed: true,
    username_normalization_policy: "simple",
    ...flags,
  };
}
