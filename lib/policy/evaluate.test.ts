import { describe, expect, it } from "vitest";
import { effectivePolicy, type GroupPolicy } from "./effective";
import { evaluate, type Decision, type PolicyContext, type UserStatus } from "./evaluate";
import {
  AUTHENTICATION_ACTIONS,
  NEW_USER_ACTIONS,
  globalPolicySettingsSchema,
  type Factor,
  type NewUserAction,
  type AuthenticationAction,
} from "./settings";

const policy = (over: { newUser?: NewUserAction; auth?: AuthenticationAction; methods?: Factor[] } = {}) =>
  effectivePolicy({
    id: "p-global",
    name: "Global Policy",
    settings: globalPolicySettingsSchema.parse({
      newUserPolicy: { action: over.newUser ?? "require_enrollment" },
      authenticationPolicy: { action: over.auth ?? "require_2fa" },
      authenticationMethods: { allowed: over.methods ?? ["totp", "webauthn"] },
    }),
  });

const user = (status: UserStatus, enrolledFactors: Factor[] = [], hasUsableBypassCode = false): PolicyContext => ({
  user: { status, enrolledFactors, hasUsableBypassCode },
});
const NEW = user("ACTIVE");
const TOTP = user("ACTIVE", ["totp"]);
const BOTH = user("ACTIVE", ["webauthn", "totp", "totp"]);
const CODE_ONLY = user("ACTIVE", [], true);
const TOTP_AND_CODE = user("ACTIVE", ["totp"], true);

type Expected = Pick<Decision, "kind" | "reason"> & { factors?: string[] };
const deny = (reason: string): Expected => ({ kind: "deny", reason }) as Expected;
const allow = (reason: string): Expected => ({ kind: "allow", reason }) as Expected;
const enroll = (factors: Factor[]): Expected => ({ kind: "enroll", reason: "enrollment_required", factors });
const mfa = (factors: string[]): Expected => ({ kind: "mfa", reason: "mfa_required", factors });

const cases: { name: string; policy: ReturnType<typeof policy>; ctx: PolicyContext; expected: Expected }[] = [
  // Defaults (Duo's Global Policy)
  {
    name: "defaults: a new user must enroll, any method",
    policy: policy(),
    ctx: NEW,
    expected: enroll(["totp", "webauthn"]),
  },
  { name: "defaults: an enrolled user must answer 2FA", policy: policy(), ctx: TOTP, expected: mfa(["totp"]) },
  {
    name: "defaults: both factors are offered, in a fixed order, once each",
    policy: policy(),
    ctx: BOTH,
    expected: mfa(["totp", "webauthn"]),
  },
  {
    name: "defaults: a bypass code is offered after the authenticators",
    policy: policy(),
    ctx: TOTP_AND_CODE,
    expected: mfa(["totp", "bypass_code"]),
  },
  {
    name: "defaults: a user with only a bypass code answers with it (not a new user)",
    policy: policy(),
    ctx: CODE_ONLY,
    expected: mfa(["bypass_code"]),
  },

  // Account status
  {
    name: "a DISABLED user is denied",
    policy: policy({ auth: "bypass_2fa" }),
    ctx: user("DISABLED", ["totp"]),
    expected: deny("user_disabled"),
  },
  {
    name: "a LOCKED_OUT user is denied",
    policy: policy({ auth: "bypass_2fa" }),
    ctx: user("LOCKED_OUT", ["totp"]),
    expected: deny("locked_out"),
  },
  {
    name: "a BYPASS user skips 2FA",
    policy: policy(),
    ctx: user("BYPASS", ["totp"]),
    expected: allow("user_marked_bypass"),
  },
  {
    name: "a BYPASS new user skips enrollment",
    policy: policy(),
    ctx: user("BYPASS"),
    expected: allow("user_marked_bypass"),
  },
  {
    name: "a BYPASS new user is not subject to New User Deny access",
    policy: policy({ newUser: "deny" }),
    ctx: user("BYPASS"),
    expected: allow("user_marked_bypass"),
  },
  {
    name: "a BYPASS user is still denied by Authentication policy Deny access",
    policy: policy({ auth: "deny" }),
    ctx: user("BYPASS"),
    expected: deny("policy_denied"),
  },

  // New User policy (with Require 2FA)
  {
    name: "New User Require enrollment: a new user enrolls",
    policy: policy({ newUser: "require_enrollment" }),
    ctx: NEW,
    expected: enroll(["totp", "webauthn"]),
  },
  {
    name: "New User Allow access without 2FA: a new user passes",
    policy: policy({ newUser: "allow" }),
    ctx: NEW,
    expected: allow("allow_unenrolled_user"),
  },
  {
    name: "New User Deny access: a new user is denied",
    policy: policy({ newUser: "deny" }),
    ctx: NEW,
    expected: deny("new_user_denied"),
  },
  {
    name: "New User Allow access does not excuse an enrolled user",
    policy: policy({ newUser: "allow" }),
    ctx: TOTP,
    expected: mfa(["totp"]),
  },
  {
    name: "New User Deny access does not deny an enrolled user",
    policy: policy({ newUser: "deny" }),
    ctx: TOTP,
    expected: mfa(["totp"]),
  },
  {
    name: "New User Deny access does not deny a user holding a bypass code",
    policy: policy({ newUser: "deny" }),
    ctx: CODE_ONLY,
    expected: mfa(["bypass_code"]),
  },
  {
    name: "New User Allow access: a user holding only a bypass code still answers 2FA",
    policy: policy({ newUser: "allow" }),
    ctx: CODE_ONLY,
    expected: mfa(["bypass_code"]),
  },

  // Authentication policy
  {
    name: "Authentication Require 2FA: enrolled user answers 2FA",
    policy: policy({ auth: "require_2fa" }),
    ctx: TOTP,
    expected: mfa(["totp"]),
  },
  {
    name: "Authentication Bypass 2FA: enrolled user passes",
    policy: policy({ auth: "bypass_2fa" }),
    ctx: TOTP,
    expected: allow("policy_bypass"),
  },
  {
    name: "Authentication Bypass 2FA: a new user skips enrollment",
    policy: policy({ auth: "bypass_2fa" }),
    ctx: NEW,
    expected: allow("policy_bypass"),
  },
  {
    name: "Authentication Bypass 2FA with New User Allow: a new user passes as policy bypass",
    policy: policy({ auth: "bypass_2fa", newUser: "allow" }),
    ctx: NEW,
    expected: allow("policy_bypass"),
  },
  {
    name: "Authentication Bypass 2FA does not supersede New User Deny access",
    policy: policy({ auth: "bypass_2fa", newUser: "deny" }),
    ctx: NEW,
    expected: deny("new_user_denied"),
  },
  {
    name: "Authentication Deny access: enrolled user denied",
    policy: policy({ auth: "deny" }),
    ctx: BOTH,
    expected: deny("policy_denied"),
  },
  {
    name: "Authentication Deny access: new user denied as policy_denied",
    policy: policy({ auth: "deny", newUser: "allow" }),
    ctx: NEW,
    expected: deny("policy_denied"),
  },
  {
    name: "Authentication Deny access wins over New User Deny access",
    policy: policy({ auth: "deny", newUser: "deny" }),
    ctx: NEW,
    expected: deny("policy_denied"),
  },

  // Authentication methods
  {
    name: "methods TOTP only: new user enrolls TOTP",
    policy: policy({ methods: ["totp"] }),
    ctx: NEW,
    expected: enroll(["totp"]),
  },
  {
    name: "methods WebAuthn only: new user enrolls a passkey",
    policy: policy({ methods: ["webauthn"] }),
    ctx: NEW,
    expected: enroll(["webauthn"]),
  },
  {
    name: "methods TOTP only: a user with both is offered TOTP",
    policy: policy({ methods: ["totp"] }),
    ctx: BOTH,
    expected: mfa(["totp"]),
  },
  {
    name: "methods WebAuthn only: a user with both is offered WebAuthn",
    policy: policy({ methods: ["webauthn"] }),
    ctx: BOTH,
    expected: mfa(["webauthn"]),
  },
  {
    name: "methods WebAuthn only: a TOTP-only user is denied",
    policy: policy({ methods: ["webauthn"] }),
    ctx: TOTP,
    expected: deny("no_allowed_factor"),
  },
  {
    name: "methods WebAuthn only: a TOTP-only user with a bypass code uses it",
    policy: policy({ methods: ["webauthn"] }),
    ctx: TOTP_AND_CODE,
    expected: mfa(["bypass_code"]),
  },
  {
    name: "methods TOTP only with New User Deny: a disallowed-only user is denied as no_allowed_factor",
    policy: policy({ methods: ["totp"], newUser: "deny" }),
    ctx: user("ACTIVE", ["webauthn"]),
    expected: deny("no_allowed_factor"),
  },
  {
    name: "methods do not matter when the policy bypasses 2FA",
    policy: policy({ methods: ["webauthn"], auth: "bypass_2fa" }),
    ctx: TOTP,
    expected: allow("policy_bypass"),
  },
];

describe("evaluate", () => {
  it.each(cases)("$name", ({ policy: p, ctx, expected }) => {
    const d = evaluate(p, ctx);
    expect({ kind: d.kind, reason: d.reason, ...("factors" in d ? { factors: d.factors } : {}) }).toEqual(expected);
    expect(d.reasons.length).toBeGreaterThan(0);
  });

  it("covers every New User and Authentication policy value for every kind of user without throwing", () => {
    const contexts = [NEW, TOTP, BOTH, CODE_ONLY, TOTP_AND_CODE, user("BYPASS"), user("DISABLED"), user("LOCKED_OUT")];
    for (const newUser of NEW_USER_ACTIONS) {
      for (const auth of AUTHENTICATION_ACTIONS) {
        for (const ctx of contexts) {
          const d = evaluate(policy({ newUser, auth }), ctx);
          if (auth === "deny") expect(d.kind).toBe("deny");
          if (d.kind === "mfa") expect(d.factors.length).toBeGreaterThan(0);
          if (d.kind === "enroll") expect(d.factors).toEqual(["totp", "webauthn"]);
        }
      }
    }
  });

  it("writes readable reasons naming the deciding policy", () => {
    const g: GroupPolicy = {
      id: "p-c",
      name: "Contractors",
      groupId: "grp-c",
      settings: { authenticationPolicy: { action: "deny" } },
    };
    const eff = effectivePolicy(
      { id: "p-global", name: "Global Policy", settings: globalPolicySettingsSchema.parse({}) },
      { id: "p-a", name: "Low risk", settings: { authenticationPolicy: { action: "bypass_2fa" } } },
      [g],
    );
    expect(evaluate(eff, TOTP).reasons).toEqual([
      'Authentication policy: Deny access (policy "Contractors", applied to a group).',
    ]);

    const app = effectivePolicy(
      { id: "p-global", name: "Global Policy", settings: globalPolicySettingsSchema.parse({}) },
      { id: "p-a", name: "Low risk", settings: { authenticationPolicy: { action: "bypass_2fa" } } },
    );
    expect(evaluate(app, TOTP).reasons).toEqual([
      'Authentication policy: Bypass 2FA (policy "Low risk", applied to the application).',
    ]);

    expect(evaluate(policy(), NEW).reasons).toEqual([
      "The user has not enrolled an authenticator.",
      "New User policy: Require enrollment (Global Policy).",
      "Authentication methods: Authenticator app passcodes, Passkeys and security keys (Global Policy).",
    ]);
    expect(evaluate(policy(), TOTP_AND_CODE).reasons).toEqual([
      "Authentication policy: Require 2FA (Global Policy).",
      "The user has enrolled: Authenticator app passcodes.",
      "The user holds a usable bypass code.",
      "Authentication methods: Authenticator app passcodes, Passkeys and security keys (Global Policy).",
    ]);
    expect(evaluate(policy(), user("BYPASS")).reasons).toEqual([
      "The user is in Bypass status: two-factor authentication is skipped.",
    ]);
  });

  it("applies precedence end to end: group deny > application bypass > global require", () => {
    const globalRow = { id: "p-global", name: "Global Policy", settings: globalPolicySettingsSchema.parse({}) };
    const appRow = {
      id: "p-a",
      name: "Low risk",
      settings: { authenticationPolicy: { action: "bypass_2fa" as const } },
    };
    const groupRow: GroupPolicy = {
      id: "p-c",
      name: "Contractors",
      groupId: "grp-c",
      settings: { authenticationPolicy: { action: "deny" } },
    };
    expect(evaluate(effectivePolicy(globalRow), TOTP).kind).toBe("mfa");
    expect(evaluate(effectivePolicy(globalRow, appRow), TOTP).kind).toBe("allow");
    expect(evaluate(effectivePolicy(globalRow, appRow, [groupRow]), TOTP).kind).toBe("deny");
  });
});
