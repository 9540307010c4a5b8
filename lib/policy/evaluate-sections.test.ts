// evaluate() for the Policies issue's sections: Authorized networks, Trusted Endpoints (seed
// 002's decision table, cell by cell), Remembered devices, and their precedence.
import { describe, expect, it } from "vitest";
import { effectivePolicy, type GroupPolicy } from "./effective";
import { evaluate, type Decision, type PolicyContext } from "./evaluate";
import { globalPolicySettingsSchema, type CustomPolicySettings, type Factor } from "./settings";

const GLOBAL = { id: "p-global", name: "Global Policy" };
const policy = (settings: Record<string, unknown> = {}) =>
  effectivePolicy({ ...GLOBAL, settings: globalPolicySettingsSchema.parse(settings) });

type Ctx = Omit<PolicyContext, "user"> & { status?: "ACTIVE" | "BYPASS"; factors?: Factor[]; code?: boolean };
const ctx = ({ status = "ACTIVE", factors = ["totp"], code = false, ...rest }: Ctx = {}): PolicyContext => ({
  user: { status, enrolledFactors: factors, hasUsableBypassCode: code },
  ...rest,
});

const short = (d: Decision) => ({ kind: d.kind, reason: d.reason });
const MFA = { kind: "mfa", reason: "mfa_required" };
const deny = (reason: string) => ({ kind: "deny", reason });
const allow = (reason: string) => ({ kind: "allow", reason });

// ------------------------------------------------------------------ Trusted Endpoints

const requireTrusted = (blockCompromised: boolean) =>
  policy({ trustedEndpoints: { mode: "require_trusted", blockCompromised } });
const allowAll = (blockCompromised: boolean) => policy({ trustedEndpoints: { mode: "allow_all", blockCompromised } });
const TRUSTED_COMPROMISED = { identified: true, trusted: true, compromised: true };
const TRUSTED_CLEAN = { identified: true, trusted: true, compromised: false };
const TRUSTED_UNKNOWN = { identified: true, trusted: true, compromised: null };
const UNTRUSTED_COMPROMISED = { identified: true, trusted: false, compromised: true };
const UNTRUSTED_CLEAN = { identified: true, trusted: false, compromised: false };
const UNIDENTIFIED = { identified: false, trusted: false, compromised: null };

describe("Trusted Endpoints: seed 002's table (Require endpoints to be trusted / Allow all endpoints x Compromised / Not compromised)", () => {
  const table: {
    name: string;
    p: ReturnType<typeof policy>;
    endpoint?: PolicyContext["endpoint"];
    expected: object;
  }[] = [
    // Column "Require endpoints to be trusted", with "Allow Cisco Secure Endpoint to block compromised endpoints"
    {
      name: "Require + block: Compromised -> Application access blocked",
      p: requireTrusted(true),
      endpoint: TRUSTED_COMPROMISED,
      expected: deny("endpoint_compromised"),
    },
    {
      name: "Require + block: Not compromised -> allowed if device is trusted (trusted: on to 2FA)",
      p: requireTrusted(true),
      endpoint: TRUSTED_CLEAN,
      expected: MFA,
    },
    {
      name: "Require + block: Not compromised but not trusted -> blocked",
      p: requireTrusted(true),
      endpoint: UNTRUSTED_CLEAN,
      expected: deny("endpoint_not_trusted"),
    },
    // ** Devices not identified as trusted are blocked regardless of their Cisco Secure Endpoint status
    {
      name: "** Require + block: not trusted and compromised -> blocked as not trusted",
      p: requireTrusted(true),
      endpoint: UNTRUSTED_COMPROMISED,
      expected: deny("endpoint_not_trusted"),
    },
    {
      name: "** Require + block: not identified -> blocked",
      p: requireTrusted(true),
      endpoint: UNIDENTIFIED,
      expected: deny("endpoint_not_trusted"),
    },
    {
      name: "** Require + block: no endpoint information at all -> blocked",
      p: requireTrusted(true),
      endpoint: undefined,
      expected: deny("endpoint_not_trusted"),
    },
    // Column "Allow all endpoints"
    {
      name: "Allow all + block: Compromised -> Application access allowed",
      p: allowAll(true),
      endpoint: TRUSTED_COMPROMISED,
      expected: MFA,
    },
    {
      name: "Allow all + block: Compromised, not trusted -> allowed",
      p: allowAll(true),
      endpoint: UNTRUSTED_COMPROMISED,
      expected: MFA,
    },
    {
      name: "Allow all + block: Not compromised -> Application access allowed",
      p: allowAll(true),
      endpoint: TRUSTED_CLEAN,
      expected: MFA,
    },
    { name: "Allow all: not identified -> allowed", p: allowAll(false), endpoint: undefined, expected: MFA },
    // Without the Cisco Secure Endpoint box, trust alone decides
    {
      name: "Require without block: trusted but compromised -> allowed",
      p: requireTrusted(false),
      endpoint: TRUSTED_COMPROMISED,
      expected: MFA,
    },
    {
      name: "Require without block: not trusted -> blocked",
      p: requireTrusted(false),
      endpoint: UNTRUSTED_CLEAN,
      expected: deny("endpoint_not_trusted"),
    },
    // Unknown Cisco Secure Endpoint status (API unreachable) does not block a trusted device
    {
      name: "Require + block: trusted, status unknown -> allowed",
      p: requireTrusted(true),
      endpoint: TRUSTED_UNKNOWN,
      expected: MFA,
    },
    // No Trusted Endpoints section at all (a Global Policy saved before it existed): off
    { name: "no section: anything goes", p: policy(), endpoint: UNTRUSTED_COMPROMISED, expected: MFA },
  ];
  it.each(table)("$name", ({ p, endpoint, expected }) => {
    expect(short(evaluate(p, ctx({ endpoint })))).toEqual(expected);
  });

  it("blocks Bypass-status users too (a deny is not a second factor)", () => {
    expect(short(evaluate(requireTrusted(true), ctx({ status: "BYPASS", endpoint: UNTRUSTED_CLEAN })))).toEqual(
      deny("endpoint_not_trusted"),
    );
    expect(short(evaluate(requireTrusted(true), ctx({ status: "BYPASS", endpoint: TRUSTED_COMPROMISED })))).toEqual(
      deny("endpoint_compromised"),
    );
    expect(short(evaluate(requireTrusted(true), ctx({ status: "BYPASS", endpoint: TRUSTED_CLEAN })))).toEqual(
      allow("user_marked_bypass"),
    );
  });

  it("blocks before Authentication policy Bypass 2FA and before enrollment", () => {
    const p = policy({
      trustedEndpoints: { mode: "require_trusted", blockCompromised: true },
      authenticationPolicy: { action: "bypass_2fa" },
    });
    expect(short(evaluate(p, ctx({ endpoint: UNIDENTIFIED })))).toEqual(deny("endpoint_not_trusted"));
    expect(short(evaluate(p, ctx({ endpoint: TRUSTED_CLEAN })))).toEqual(allow("policy_bypass"));
    expect(short(evaluate(requireTrusted(true), ctx({ factors: [], endpoint: TRUSTED_COMPROMISED })))).toEqual(
      deny("endpoint_compromised"),
    );
  });

  it("says why, naming the section's labels", () => {
    expect(evaluate(requireTrusted(true), ctx({ endpoint: TRUSTED_COMPROMISED })).reasons).toEqual([
      "Cisco Secure Endpoint reports the endpoint as compromised.",
      "Trusted Endpoints: Require endpoints to be trusted, Allow Cisco Secure Endpoint to block compromised endpoints (Global Policy).",
    ]);
    expect(evaluate(requireTrusted(false), ctx({ endpoint: UNIDENTIFIED })).reasons[0]).toBe(
      "The endpoint was not identified.",
    );
    expect(evaluate(requireTrusted(true), ctx({ endpoint: TRUSTED_UNKNOWN })).reasons).toContain(
      "The endpoint is trusted; its Cisco Secure Endpoint status is unknown.",
    );
  });
});

// ------------------------------------------------------------------ Authorized networks

const nets = (outside: "require_2fa" | "deny", allowWithout2fa = true, allowList = ["192.0.2.0/24", "2001:db8::/32"]) =>
  policy({ authorizedNetworks: { allowList, outside, allowWithout2fa } });
const at = (ip: string | null) => ({ network: { ip } });

describe("Authorized networks", () => {
  const table: { name: string; p: ReturnType<typeof policy>; c: PolicyContext; expected: object }[] = [
    {
      name: "deny outside: an outside address is denied",
      p: nets("deny"),
      c: ctx(at("198.51.100.7")),
      expected: deny("network_not_authorized"),
    },
    {
      name: "deny outside: an unknown address is denied",
      p: nets("deny"),
      c: ctx(at(null)),
      expected: deny("network_not_authorized"),
    },
    {
      name: "deny outside: no network information is denied (fail closed)",
      p: nets("deny"),
      c: ctx(),
      expected: deny("network_not_authorized"),
    },
    {
      name: "deny outside: inside is allowed without 2FA",
      p: nets("deny"),
      c: ctx(at("192.0.2.10")),
      expected: allow("authorized_network"),
    },
    {
      name: "deny outside: inside over IPv6",
      p: nets("deny"),
      c: ctx(at("2001:db8::10")),
      expected: allow("authorized_network"),
    },
    {
      name: "deny outside: inside as an IPv4-mapped IPv6 address",
      p: nets("deny"),
      c: ctx(at("::ffff:192.0.2.10")),
      expected: allow("authorized_network"),
    },
    {
      name: "deny outside, 2FA inside: inside answers 2FA",
      p: nets("deny", false),
      c: ctx(at("192.0.2.10")),
      expected: MFA,
    },
    {
      name: "deny outside, 2FA inside: outside still denied",
      p: nets("deny", false),
      c: ctx(at("203.0.113.1")),
      expected: deny("network_not_authorized"),
    },
    {
      name: "require 2FA outside: outside answers 2FA",
      p: nets("require_2fa"),
      c: ctx(at("198.51.100.7")),
      expected: MFA,
    },
    {
      name: "require 2FA outside: inside is allowed without 2FA",
      p: nets("require_2fa"),
      c: ctx(at("192.0.2.10")),
      expected: allow("authorized_network"),
    },
    {
      name: "inside: a new user skips enrollment",
      p: nets("require_2fa"),
      c: ctx({ factors: [], ...at("192.0.2.10") }),
      expected: allow("authorized_network"),
    },
    {
      name: "inside: New User Deny access still denies a new user",
      p: policy({
        newUserPolicy: { action: "deny" },
        authorizedNetworks: { allowList: ["192.0.2.0/24"], outside: "require_2fa" },
      }),
      c: ctx({ factors: [], ...at("192.0.2.10") }),
      expected: deny("new_user_denied"),
    },
    {
      name: "inside: Authentication policy Deny access still denies",
      p: policy({
        authenticationPolicy: { action: "deny" },
        authorizedNetworks: { allowList: ["192.0.2.0/24"], outside: "require_2fa" },
      }),
      c: ctx(at("192.0.2.10")),
      expected: deny("policy_denied"),
    },
    {
      name: "inside: a user whose factors are all disallowed needs no factor",
      p: policy({
        authenticationMethods: { allowed: ["webauthn"] },
        authorizedNetworks: { allowList: ["192.0.2.0/24"], outside: "require_2fa" },
      }),
      c: ctx(at("192.0.2.10")),
      expected: allow("authorized_network"),
    },
    {
      name: "outside with Authentication policy Bypass 2FA: bypass still applies",
      p: policy({
        authenticationPolicy: { action: "bypass_2fa" },
        authorizedNetworks: { allowList: ["192.0.2.0/24"], outside: "require_2fa" },
      }),
      c: ctx(at("198.51.100.7")),
      expected: allow("policy_bypass"),
    },
    {
      name: "a Bypass-status user outside a deny list is denied",
      p: nets("deny"),
      c: ctx({ status: "BYPASS", ...at("198.51.100.7") }),
      expected: deny("network_not_authorized"),
    },
    {
      name: "a Bypass-status user outside a require-2FA list skips 2FA",
      p: nets("require_2fa"),
      c: ctx({ status: "BYPASS", ...at("198.51.100.7") }),
      expected: allow("user_marked_bypass"),
    },
    { name: "an empty list does nothing", p: nets("require_2fa", true, []), c: ctx(at("192.0.2.10")), expected: MFA },
    {
      name: "the network is checked before Trusted Endpoints",
      p: policy({
        authorizedNetworks: { allowList: ["192.0.2.0/24"], outside: "deny" },
        trustedEndpoints: { mode: "require_trusted", blockCompromised: true },
      }),
      c: ctx({ ...at("198.51.100.7"), endpoint: UNIDENTIFIED }),
      expected: deny("network_not_authorized"),
    },
    {
      name: "inside does not excuse an untrusted endpoint",
      p: policy({
        authorizedNetworks: { allowList: ["192.0.2.0/24"], outside: "deny" },
        trustedEndpoints: { mode: "require_trusted", blockCompromised: true },
      }),
      c: ctx({ ...at("192.0.2.10"), endpoint: UNIDENTIFIED }),
      expected: deny("endpoint_not_trusted"),
    },
  ];
  it.each(table)("$name", ({ p, c, expected }) => {
    expect(short(evaluate(p, c))).toEqual(expected);
  });

  it("says which address and which networks", () => {
    expect(evaluate(nets("deny"), ctx(at("198.51.100.7"))).reasons).toEqual([
      "The client address 198.51.100.7 is not on an authorized network.",
      "Authorized networks: 192.0.2.0/24, 2001:db8::/32; from other networks: Deny access (Global Policy).",
    ]);
    expect(evaluate(nets("require_2fa"), ctx(at("192.0.2.10"))).reasons).toEqual([
      "The client address 192.0.2.10 is on an authorized network.",
      "Authorized networks: Allow access without 2FA from these networks (192.0.2.0/24, 2001:db8::/32) (Global Policy).",
    ]);
  });
});

// ------------------------------------------------------------------ Remembered devices

const remembered = (enabled: boolean, hours = 8, extra: Record<string, unknown> = {}) =>
  policy({ rememberedDevices: { enabled, hours }, ...extra });

describe("Remembered devices", () => {
  it.each([
    {
      name: "on, remembered browser: allowed without 2FA",
      p: remembered(true),
      c: ctx({ rememberedDevice: true }),
      expected: allow("remembered_device"),
    },
    { name: "on, not remembered: 2FA", p: remembered(true), c: ctx({ rememberedDevice: false }), expected: MFA },
    {
      name: "off, remembered browser (token from before): 2FA",
      p: remembered(false),
      c: ctx({ rememberedDevice: true }),
      expected: MFA,
    },
    { name: "no section, remembered browser: 2FA", p: policy(), c: ctx({ rememberedDevice: true }), expected: MFA },
    {
      name: "on, new user with a token: still enrolls",
      p: remembered(true),
      c: ctx({ factors: [], rememberedDevice: true }),
      expected: { kind: "enroll", reason: "enrollment_required" },
    },
    {
      name: "on, no allowed factor: still denied",
      p: remembered(true, 8, { authenticationMethods: { allowed: ["webauthn"] } }),
      c: ctx({ rememberedDevice: true }),
      expected: deny("no_allowed_factor"),
    },
    {
      name: "on, outside a deny network: still denied",
      p: remembered(true, 8, { authorizedNetworks: { allowList: ["192.0.2.0/24"], outside: "deny" } }),
      c: ctx({ rememberedDevice: true, ...at("203.0.113.9") }),
      expected: deny("network_not_authorized"),
    },
    {
      name: "on, untrusted endpoint: still denied",
      p: remembered(true, 8, { trustedEndpoints: { mode: "require_trusted", blockCompromised: false } }),
      c: ctx({ rememberedDevice: true, endpoint: UNTRUSTED_CLEAN }),
      expected: deny("endpoint_not_trusted"),
    },
    {
      name: "on, Authentication policy Deny access: still denied",
      p: remembered(true, 8, { authenticationPolicy: { action: "deny" } }),
      c: ctx({ rememberedDevice: true }),
      expected: deny("policy_denied"),
    },
  ])("$name", ({ p, c, expected }) => {
    expect(short(evaluate(p, c))).toEqual(expected);
  });

  it("tells the flow how long it may remember the browser after 2FA or enrollment", () => {
    const mfa = evaluate(remembered(true, 36), ctx());
    expect(mfa.kind === "mfa" && mfa.rememberHours).toBe(36);
    const enroll = evaluate(remembered(true, 2), ctx({ factors: [] }));
    expect(enroll.kind === "enroll" && enroll.rememberHours).toBe(2);
    expect(evaluate(remembered(false), ctx())).not.toHaveProperty("rememberHours");
    expect(evaluate(policy(), ctx())).not.toHaveProperty("rememberHours");
  });
});

// ------------------------------------------------------------------ precedence, section by section

describe("precedence of the new sections: group > application > global", () => {
  const global = {
    ...GLOBAL,
    settings: globalPolicySettingsSchema.parse({
      trustedEndpoints: { mode: "allow_all", blockCompromised: false },
      rememberedDevices: { enabled: false, hours: 12 },
      authorizedNetworks: { allowList: [], outside: "require_2fa" },
    }),
  };
  const app = (settings: CustomPolicySettings) => ({ id: "p-app", name: "App", settings });
  const grp = (settings: CustomPolicySettings): GroupPolicy => ({ id: "p-grp", name: "Grp", groupId: "g1", settings });
  const strict: CustomPolicySettings = { trustedEndpoints: { mode: "require_trusted", blockCompromised: true } };
  const relaxed: CustomPolicySettings = { trustedEndpoints: { mode: "allow_all", blockCompromised: false } };
  const office: CustomPolicySettings = {
    authorizedNetworks: { allowList: ["192.0.2.0/24"], allowWithout2fa: true, outside: "deny" },
  };
  const anywhere: CustomPolicySettings = {
    authorizedNetworks: { allowList: ["0.0.0.0/0"], allowWithout2fa: false, outside: "require_2fa" },
  };

  it.each([
    { name: "Trusted Endpoints: global allows all", eff: effectivePolicy(global), expected: MFA },
    {
      name: "Trusted Endpoints: the application requires trust",
      eff: effectivePolicy(global, app(strict)),
      expected: deny("endpoint_not_trusted"),
    },
    {
      name: "Trusted Endpoints: a group relaxes the application's requirement",
      eff: effectivePolicy(global, app(strict), [grp(relaxed)]),
      expected: MFA,
    },
    {
      name: "Trusted Endpoints: a group requires trust under a relaxed application",
      eff: effectivePolicy(global, app(relaxed), [grp(strict)]),
      expected: deny("endpoint_not_trusted"),
    },
    {
      name: "Trusted Endpoints: a group that sets another section inherits the application's",
      eff: effectivePolicy(global, app(strict), [grp({ rememberedDevices: { enabled: true, hours: 1 } })]),
      expected: deny("endpoint_not_trusted"),
    },
    {
      name: "Authorized networks: the application locks to the office",
      eff: effectivePolicy(global, app(office)),
      expected: deny("network_not_authorized"),
    },
    {
      name: "Authorized networks: a group opens it again",
      eff: effectivePolicy(global, app(office), [grp(anywhere)]),
      expected: MFA,
    },
    {
      name: "Remembered devices: the group turns it on",
      eff: effectivePolicy(global, app(relaxed), [grp({ rememberedDevices: { enabled: true, hours: 4 } })]),
      expected: allow("remembered_device"),
    },
    {
      name: "Remembered devices: the application turns it on, the group off",
      eff: effectivePolicy(global, app({ rememberedDevices: { enabled: true, hours: 4 } }), [
        grp({ rememberedDevices: { enabled: false, hours: 4 } }),
      ]),
      expected: MFA,
    },
  ])("$name", ({ eff, expected }) => {
    expect(
      short(evaluate(eff, ctx({ endpoint: UNTRUSTED_CLEAN, rememberedDevice: true, ...at("198.51.100.7") }))),
    ).toEqual(expected);
  });

  it("names the group policy that decided", () => {
    const d = evaluate(effectivePolicy(global, app(relaxed), [grp(strict)]), ctx({ endpoint: UNIDENTIFIED }));
    expect(d.reasons[1]).toBe(
      'Trusted Endpoints: Require endpoints to be trusted, Allow Cisco Secure Endpoint to block compromised endpoints (policy "Grp", applied to a group).',
    );
  });
});
