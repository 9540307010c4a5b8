// assess(): the one answer to "is this proof enough?", table-tested. Each row is a user as
// stored, a policy, a request and the proofs a browser holds, and the answer expected.
import { describe, expect, it } from "vitest";
import {
  DEFAULT_GLOBAL_POLICY_SETTINGS,
  effectivePolicy,
  type CustomPolicySettings,
  type GlobalPolicySettings,
} from "../policy";
import { assess, liveProofs, MANAGE_RECENT_MS, type AssuranceInput, type Proofs } from "./assurance";

const NOW = new Date("2026-06-01T12:00:00Z");
const T = NOW.getTime();
const MIN = 60_000;
const APP = { id: "app1", name: "Payroll", userAccess: "ALL", permittedGroupIds: [] };

const policy = (over: Partial<GlobalPolicySettings> = {}, app?: CustomPolicySettings) =>
  effectivePolicy(
    { id: "g", name: "Global Policy", settings: { ...structuredClone(DEFAULT_GLOBAL_POLICY_SETTINGS), ...over } },
    app ? { id: "p", name: "App policy", settings: app } : null,
  );

type Row = {
  name: string;
  user?: Partial<AssuranceInput["user"]>;
  application?: AssuranceInput["application"];
  policy?: AssuranceInput["policy"];
  request?: Partial<AssuranceInput["request"]>;
  proofs: Proofs;
  purpose?: AssuranceInput["purpose"];
  expect: Record<string, unknown>;
};

const TOTP_USER = { authenticatorTypes: ["TOTP"] };
const CODE = { remainingUses: 1, expiresAt: null };
const TRUSTED = { identified: true, trusted: true, compromised: false };
const UNTRUSTED = { identified: true, trusted: false, compromised: null };
const REQUIRE_TRUSTED = policy({ trustedEndpoints: { mode: "require_trusted", blockCompromised: false } });
const NETS_DENY = policy({
  authorizedNetworks: { allowList: ["10.0.0.0/8"], outside: "deny", allowWithout2fa: false },
});
const NETS_ALLOW = policy({
  authorizedNetworks: { allowList: ["198.51.100.0/24"], outside: "require_2fa", allowWithout2fa: true },
});

function run(row: Row) {
  return assess({
    user: {
      status: "ACTIVE",
      groups: [],
      authenticatorTypes: [],
      bypassCodes: [],
      sessionsRevokedAt: null,
      ...row.user,
    },
    application: row.application === undefined ? APP : row.application,
    policy: row.policy ?? policy(),
    request: { ip: "198.51.100.7", ...row.request },
    proofs: row.proofs,
    purpose: row.purpose,
    now: NOW,
  });
}

const SIGN_IN: Row[] = [
  // 1. account, groups, user access
  {
    name: "a disabled user is denied whatever was proved",
    user: { ...TOTP_USER, status: "DISABLED" },
    proofs: { pwd: T, totp: T },
    expect: { kind: "deny", reason: "user_disabled" },
  },
  {
    name: "a user in a disabled group is denied",
    user: { ...TOTP_USER, groups: [{ id: "g1", status: "DISABLED" }] },
    proofs: { pwd: T, totp: T },
    expect: { kind: "deny", reason: "user_disabled" },
  },
  {
    name: "a locked-out user is denied",
    user: { ...TOTP_USER, status: "LOCKED_OUT" },
    proofs: { pwd: T, totp: T },
    expect: { kind: "deny", reason: "locked_out" },
  },
  {
    name: "a user outside the application's permitted groups is denied",
    user: { ...TOTP_USER, groups: [{ id: "g1", status: "ACTIVE" }] },
    application: { ...APP, userAccess: "GROUPS", permittedGroupIds: ["g2"] },
    proofs: { pwd: T, totp: T },
    expect: { kind: "deny", reason: "user_not_in_permitted_group" },
  },
  // 2. the first factor
  {
    name: "no first factor: authenticate",
    user: TOTP_USER,
    proofs: { totp: T },
    expect: { kind: "authenticate", reason: "no_first_factor" },
  },
  {
    name: "an upstream IdP is a first factor",
    user: TOTP_USER,
    proofs: { upstream: T, totp: T },
    expect: { kind: "allow", reason: "second_factor" },
  },
  {
    name: "a password proved before a revocation: authenticate again",
    user: { ...TOTP_USER, sessionsRevokedAt: new Date(T - MIN) },
    proofs: { pwd: T - 2 * MIN, totp: T - 2 * MIN },
    expect: { kind: "authenticate", reason: "proof_revoked" },
  },
  {
    name: "a second factor proved before a revocation no longer counts (the password after it does)",
    user: { ...TOTP_USER, sessionsRevokedAt: new Date(T - 2 * MIN) },
    proofs: { pwd: T - MIN, totp: T - 3 * MIN },
    expect: { kind: "step_up", reason: "mfa_required", factors: ["totp"] },
  },
  {
    name: "a proof dated in the future does not count",
    user: TOTP_USER,
    proofs: { pwd: T, totp: T + 10 * MIN },
    expect: { kind: "step_up", factors: ["totp"] },
  },
  // 3. deny rules that do not need the endpoint come first
  {
    name: "Authentication policy Deny access denies (no device check first)",
    policy: policy({
      authenticationPolicy: { action: "deny" },
      trustedEndpoints: { mode: "require_trusted", blockCompromised: false },
    }),
    user: TOTP_USER,
    proofs: { pwd: T, totp: T },
    expect: { kind: "deny", reason: "policy_denied" },
  },
  {
    name: "outside the authorized networks with Deny access: denied",
    policy: NETS_DENY,
    user: TOTP_USER,
    proofs: { pwd: T, totp: T },
    expect: { kind: "deny", reason: "network_not_authorized" },
  },
  {
    name: "an unknown client address is outside every network",
    policy: NETS_DENY,
    user: TOTP_USER,
    request: { ip: null },
    proofs: { pwd: T, totp: T },
    expect: { kind: "deny", reason: "network_not_authorized" },
  },
  // 4. Trusted Endpoints
  {
    name: "the policy needs the endpoint and this request has not checked it: device check",
    policy: REQUIRE_TRUSTED,
    user: TOTP_USER,
    proofs: { pwd: T, totp: T },
    expect: { kind: "device_check" },
  },
  {
    name: "a checked endpoint that is not trusted is denied (seed 002)",
    policy: REQUIRE_TRUSTED,
    user: TOTP_USER,
    request: { endpoint: UNTRUSTED },
    proofs: { pwd: T, totp: T },
    expect: { kind: "deny", reason: "endpoint_not_trusted" },
  },
  {
    name: "a trusted endpoint goes on to the second factor",
    policy: REQUIRE_TRUSTED,
    user: TOTP_USER,
    request: { endpoint: TRUSTED },
    proofs: { pwd: T },
    expect: { kind: "step_up", factors: ["totp"] },
  },
  // 5. the policy for the user as stored now
  {
    name: "finding 2: a password-only session of a user with an authenticator steps up, even where unenrolled users may pass",
    policy: policy({ newUserPolicy: { action: "allow" } }),
    user: TOTP_USER,
    proofs: { pwd: T },
    expect: { kind: "step_up", reason: "mfa_required", factors: ["totp"] },
  },
  {
    name: "a passcode proved by the session is enough, however long ago within the session",
    user: TOTP_USER,
    proofs: { pwd: T - 7 * 60 * MIN, totp: T - 7 * 60 * MIN },
    expect: { kind: "allow", reason: "second_factor" },
  },
  {
    name: "a bypass code proved by the session is enough",
    user: TOTP_USER,
    proofs: { pwd: T, bypass: T },
    expect: { kind: "allow", reason: "second_factor" },
  },
  {
    name: "a passcode does not count where Authentication methods allow only passkeys",
    policy: policy({ authenticationMethods: { allowed: ["webauthn"] } }),
    user: { authenticatorTypes: ["TOTP", "WEBAUTHN"] },
    proofs: { pwd: T, totp: T },
    expect: { kind: "step_up", factors: ["webauthn"] },
  },
  {
    name: "a user whose only authenticators are not allowed is denied, whatever the session proved",
    policy: policy({ authenticationMethods: { allowed: ["webauthn"] } }),
    user: TOTP_USER,
    proofs: { pwd: T, totp: T },
    expect: { kind: "deny", reason: "no_allowed_factor" },
  },
  {
    name: "the step-up offers a usable bypass code too",
    user: { ...TOTP_USER, bypassCodes: [CODE] },
    proofs: { pwd: T },
    expect: { kind: "step_up", factors: ["totp", "bypass_code"] },
  },
  {
    name: "a remembered device of this application spares the step-up",
    policy: policy({ rememberedDevices: { enabled: true, hours: 12 } }),
    user: TOTP_USER,
    request: { rememberedDevice: true },
    proofs: { pwd: T },
    expect: { kind: "allow", reason: "remembered_device" },
  },
  {
    name: "with Remembered devices on, the step-up says how long a device may be remembered",
    policy: policy({ rememberedDevices: { enabled: true, hours: 12 } }),
    user: TOTP_USER,
    proofs: { pwd: T },
    expect: { kind: "step_up", rememberHours: 12 },
  },
  {
    name: "a remembered-device proof from another application is not a second factor here",
    user: TOTP_USER,
    proofs: { pwd: T, remembered_device: T },
    expect: { kind: "step_up", factors: ["totp"] },
  },
  {
    name: "Bypass status: allowed with the password",
    user: { ...TOTP_USER, status: "BYPASS" },
    proofs: { pwd: T },
    expect: { kind: "allow", reason: "user_marked_bypass" },
  },
  {
    name: "an application policy of Bypass 2FA: allowed with the password",
    policy: policy({}, { authenticationPolicy: { action: "bypass_2fa" } }),
    user: TOTP_USER,
    proofs: { pwd: T },
    expect: { kind: "allow", reason: "policy_bypass" },
  },
  {
    name: "on an authorized network with Allow access without 2FA: allowed with the password",
    policy: NETS_ALLOW,
    user: TOTP_USER,
    proofs: { pwd: T },
    expect: { kind: "allow", reason: "authorized_network" },
  },
  {
    name: "an unenrolled user under Require enrollment enrolls",
    proofs: { pwd: T },
    expect: { kind: "enroll", reason: "enrollment_required", factors: ["totp", "webauthn"] },
  },
  {
    name: "an unenrolled user who proved a bypass code needs no enrollment for another application",
    proofs: { pwd: T, bypass: T },
    expect: { kind: "allow", reason: "second_factor" },
  },
  {
    name: "an unenrolled user where unenrolled users may pass",
    policy: policy({ newUserPolicy: { action: "allow" } }),
    proofs: { pwd: T },
    expect: { kind: "allow", reason: "allow_unenrolled_user" },
  },
  {
    name: "an unenrolled user where New User policy denies",
    policy: policy({ newUserPolicy: { action: "deny" } }),
    proofs: { pwd: T, bypass: T },
    expect: { kind: "deny", reason: "new_user_denied" },
  },
];

const MANAGE: Row[] = [
  {
    name: "finding 3: a password-only session of a user with an authenticator must verify first",
    application: null,
    purpose: "manage_authenticators",
    user: TOTP_USER,
    proofs: { pwd: T },
    expect: { kind: "step_up", reason: "recent_second_factor_required", factors: ["totp"] },
  },
  {
    name: "a passcode proved a minute ago lets the user change authenticators",
    application: null,
    purpose: "manage_authenticators",
    user: TOTP_USER,
    proofs: { pwd: T - 10 * MIN, totp: T - MIN },
    expect: { kind: "allow", reason: "second_factor" },
  },
  {
    name: "a passcode proved longer ago than the window does not",
    application: null,
    purpose: "manage_authenticators",
    user: TOTP_USER,
    proofs: { pwd: T - 60 * MIN, totp: T - MANAGE_RECENT_MS - 1 },
    expect: { kind: "step_up", reason: "recent_second_factor_required" },
  },
  {
    name: "the step-up offers every factor the user holds, whatever the methods allow",
    application: null,
    purpose: "manage_authenticators",
    policy: policy({ authenticationMethods: { allowed: ["webauthn"] } }),
    user: { authenticatorTypes: ["TOTP", "WEBAUTHN"], bypassCodes: [CODE] },
    proofs: { pwd: T },
    expect: { kind: "step_up", factors: ["totp", "webauthn", "bypass_code"] },
  },
  {
    name: "a user with only a bypass code must prove it first",
    application: null,
    purpose: "manage_authenticators",
    user: { bypassCodes: [CODE] },
    proofs: { pwd: T },
    expect: { kind: "step_up", factors: ["bypass_code"] },
  },
  {
    name: "a user with no second factor at all may add the first",
    application: null,
    purpose: "manage_authenticators",
    proofs: { pwd: T },
    expect: { kind: "allow", reason: "no_second_factor_enrolled" },
  },
  {
    name: "Bypass status does not spare the recent second factor",
    application: null,
    purpose: "manage_authenticators",
    user: { ...TOTP_USER, status: "BYPASS" },
    proofs: { pwd: T },
    expect: { kind: "step_up", reason: "recent_second_factor_required" },
  },
  {
    name: "the portal policy's network deny applies",
    application: null,
    purpose: "manage_authenticators",
    policy: NETS_DENY,
    user: TOTP_USER,
    proofs: { pwd: T, totp: T },
    expect: { kind: "deny", reason: "network_not_authorized" },
  },
  {
    name: "Trusted Endpoints is not re-checked for a change (no device check)",
    application: null,
    purpose: "manage_authenticators",
    policy: REQUIRE_TRUSTED,
    user: TOTP_USER,
    proofs: { pwd: T, totp: T },
    expect: { kind: "allow", reason: "second_factor" },
  },
  {
    name: "a disabled user changes nothing",
    application: null,
    purpose: "manage_authenticators",
    user: { ...TOTP_USER, status: "DISABLED" },
    proofs: { pwd: T, totp: T },
    expect: { kind: "deny", reason: "user_disabled" },
  },
];

describe("assess() for a sign-in", () => {
  it.each(SIGN_IN.map((r) => [r.name, r] as const))("%s", (_name, row) => {
    const a = run(row);
    expect(a).toMatchObject(row.expect);
    expect(a.reasons.length).toBeGreaterThan(0);
  });
});

describe("assess() for the portal's self-service", () => {
  it.each(MANAGE.map((r) => [r.name, r] as const))("%s", (_name, row) => {
    expect(run(row)).toMatchObject(row.expect);
  });
});

describe("liveProofs()", () => {
  it("keeps proofs made after the watermark and not in the future", () => {
    expect(liveProofs({ pwd: T - 3, totp: T - 1, bypass: T + 2 * MIN }, new Date(T - 2), NOW)).toEqual({ totp: T - 1 });
    expect(liveProofs({ pwd: T }, null, NOW)).toEqual({ pwd: T });
  });
});
