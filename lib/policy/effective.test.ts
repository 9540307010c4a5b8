import { describe, expect, it } from "vitest";
import {
  effectivePolicy,
  mergeSections,
  selectPolicies,
  type GroupPolicy,
  type PolicySource,
  type StoredPolicy,
} from "./effective";
import {
  DEFAULT_GLOBAL_POLICY_SETTINGS,
  globalPolicySettingsSchema,
  type CustomPolicySettings,
  type GlobalPolicySettings,
} from "./settings";

const global: StoredPolicy<GlobalPolicySettings> = {
  id: "p-global",
  name: "Global Policy",
  settings: globalPolicySettingsSchema.parse({}),
};
const custom = (id: string, settings: CustomPolicySettings): StoredPolicy<CustomPolicySettings> => ({
  id,
  name: `Policy ${id}`,
  settings,
});
const group = (id: string, groupId: string, settings: CustomPolicySettings): GroupPolicy => ({
  ...custom(id, settings),
  groupId,
});

const G: PolicySource = { policyId: "p-global", policyName: "Global Policy", scope: "global" };
const A = (id: string): PolicySource => ({ policyId: id, policyName: `Policy ${id}`, scope: "application" });
const Gr = (id: string, groupId: string): PolicySource => ({
  policyId: id,
  policyName: `Policy ${id}`,
  scope: "group",
  groupId,
});

const deny = { action: "deny" } as const;
const bypass = { action: "bypass_2fa" } as const;
const allowNew = { action: "allow" } as const;
const totpOnly = { allowed: ["totp" as const] };
const webauthnOnly = { allowed: ["webauthn" as const] };

describe("effectivePolicy (precedence group > application > global, section by section)", () => {
  const cases: {
    name: string;
    app?: StoredPolicy<CustomPolicySettings> | null;
    groups?: GroupPolicy[];
    settings: Partial<GlobalPolicySettings>;
    sources: Partial<Record<keyof GlobalPolicySettings, PolicySource>>;
  }[] = [
    {
      name: "the Global Policy alone",
      settings: {},
      sources: { newUserPolicy: G, authenticationPolicy: G, authenticationMethods: G },
    },
    {
      name: "a null application policy is no policy",
      app: null,
      settings: {},
      sources: { newUserPolicy: G, authenticationPolicy: G, authenticationMethods: G },
    },
    {
      name: "an empty custom policy inherits everything",
      app: custom("a", {}),
      groups: [group("g", "grp-1", {})],
      settings: {},
      sources: { newUserPolicy: G, authenticationPolicy: G, authenticationMethods: G },
    },
    {
      name: "the application policy's sections win over global; unset ones inherit",
      app: custom("a", { authenticationPolicy: bypass }),
      settings: { authenticationPolicy: bypass },
      sources: { newUserPolicy: G, authenticationPolicy: A("a"), authenticationMethods: G },
    },
    {
      name: "a group policy wins over the application policy for the section it sets",
      app: custom("a", { authenticationPolicy: bypass, authenticationMethods: totpOnly }),
      groups: [group("g", "grp-1", { authenticationPolicy: deny })],
      settings: { authenticationPolicy: deny, authenticationMethods: totpOnly },
      sources: { newUserPolicy: G, authenticationPolicy: Gr("g", "grp-1"), authenticationMethods: A("a") },
    },
    {
      name: "a group policy applies without an application policy",
      groups: [group("g", "grp-1", { newUserPolicy: allowNew })],
      settings: { newUserPolicy: allowNew },
      sources: { newUserPolicy: Gr("g", "grp-1"), authenticationPolicy: G, authenticationMethods: G },
    },
    {
      name: "of two group policies, the first listed wins a section both set",
      groups: [
        group("g1", "grp-1", { authenticationMethods: webauthnOnly }),
        group("g2", "grp-2", { authenticationMethods: totpOnly, newUserPolicy: deny }),
      ],
      settings: { authenticationMethods: webauthnOnly, newUserPolicy: deny },
      sources: { newUserPolicy: Gr("g2", "grp-2"), authenticationPolicy: G, authenticationMethods: Gr("g1", "grp-1") },
    },
    {
      name: "every layer sets a different section",
      app: custom("a", { newUserPolicy: deny }),
      groups: [
        group("g1", "grp-1", { authenticationPolicy: bypass }),
        group("g2", "grp-2", { authenticationMethods: totpOnly }),
      ],
      settings: { newUserPolicy: deny, authenticationPolicy: bypass, authenticationMethods: totpOnly },
      sources: {
        newUserPolicy: A("a"),
        authenticationPolicy: Gr("g1", "grp-1"),
        authenticationMethods: Gr("g2", "grp-2"),
      },
    },
    {
      name: "the Policies issue's sections merge the same way",
      app: custom("a", { rememberedDevices: { enabled: true, hours: 8 } }),
      groups: [group("g", "grp-1", { trustedEndpoints: { mode: "require_trusted", blockCompromised: true } })],
      settings: {
        rememberedDevices: { enabled: true, hours: 8 },
        trustedEndpoints: { mode: "require_trusted", blockCompromised: true },
      },
      sources: {
        newUserPolicy: G,
        authenticationPolicy: G,
        authenticationMethods: G,
        rememberedDevices: A("a"),
        trustedEndpoints: Gr("g", "grp-1"),
      },
    },
  ];

  it.each(cases)("$name", ({ app, groups, settings, sources }) => {
    const eff = effectivePolicy(global, app, groups);
    expect(eff.settings).toEqual({ ...DEFAULT_GLOBAL_POLICY_SETTINGS, ...settings });
    expect(eff.sources).toEqual(sources);
  });

  it("does not change its inputs", () => {
    const app = custom("a", { authenticationPolicy: bypass });
    const groups = [group("g1", "grp-1", { newUserPolicy: deny }), group("g2", "grp-2", {})];
    const before = JSON.stringify([global, app, groups]);
    effectivePolicy(global, app, groups);
    expect(JSON.stringify([global, app, groups])).toBe(before);
  });
});

describe("mergeSections (generic)", () => {
  it("lets the last layer that sets a key win and records its source", () => {
    type T = { a: number; b?: string; c?: boolean };
    const r = mergeSections<T, string>({ settings: { a: 1 }, source: "base" }, [
      { settings: { b: "x", c: undefined }, source: "one" },
      { settings: { a: 2 }, source: "two" },
      { settings: {}, source: "three" },
    ]);
    expect(r).toEqual({ settings: { a: 2, b: "x" }, sources: { a: "two", b: "one" } });
  });
});

describe("selectPolicies", () => {
  const app = custom("a", { authenticationPolicy: bypass });
  const g1 = custom("g1", { newUserPolicy: deny });
  const g2 = custom("g2", { newUserPolicy: allowNew });
  const assignments = [
    { groupId: "grp-2", policy: g2 },
    { groupId: null, policy: app },
    { groupId: "grp-1", policy: g1 },
  ];

  it("keeps the application policy and the user's groups' policies in the given order", () => {
    expect(selectPolicies(assignments, ["grp-1", "grp-2", "grp-x"])).toEqual({
      appPolicy: app,
      groupPolicies: [
        { ...g2, groupId: "grp-2" },
        { ...g1, groupId: "grp-1" },
      ],
    });
  });

  it("leaves out group policies of groups the user is not in", () => {
    expect(selectPolicies(assignments, ["grp-1"])).toEqual({
      appPolicy: app,
      groupPolicies: [{ ...g1, groupId: "grp-1" }],
    });
    expect(selectPolicies(assignments, [])).toEqual({ appPolicy: app, groupPolicies: [] });
  });

  it("returns no policy for an application without assignments", () => {
    expect(selectPolicies([], ["grp-1"])).toEqual({ appPolicy: null, groupPolicies: [] });
  });
});
