import { describe, expect, it } from "vitest";
import {
  BLOCK_COMPROMISED_LABEL,
  completeGlobalPolicySettingsSchema,
  completeSettings,
  customPolicySettingsSchema,
  DEFAULT_ISSUE6_SECTIONS,
  globalPolicySettingsSchema,
  OUTSIDE_NETWORK_LABELS,
  REMEMBERED_HOURS_MAX,
  SECTION_KEYS,
  SECTION_LABELS,
  TRUSTED_ENDPOINT_LABELS,
} from "./settings";

const issues = (input: unknown) => {
  const r = customPolicySettingsSchema.safeParse(input);
  expect(r.success).toBe(false);
  return r.error!.issues.map((i) => [i.path.join("."), i.message]);
};

describe("Policies issue sections", () => {
  it("use Duo's labels", () => {
    expect(TRUSTED_ENDPOINT_LABELS.require_trusted.label).toBe("Require endpoints to be trusted");
    expect(TRUSTED_ENDPOINT_LABELS.allow_all.label).toBe("Allow all endpoints");
    expect(BLOCK_COMPROMISED_LABEL.label).toBe("Allow Cisco Secure Endpoint to block compromised endpoints");
    expect(Object.values(OUTSIDE_NETWORK_LABELS).map((l) => l.label)).toEqual(["Require 2FA", "Deny access"]);
    expect(SECTION_KEYS.map((k) => SECTION_LABELS[k])).toEqual([
      "New User policy",
      "Authentication policy",
      "Authentication methods",
      "Trusted Endpoints",
      "Remembered devices",
      "Authorized networks",
    ]);
  });

  it("normalizes authorized networks (network address, compact IPv6, duplicates dropped)", () => {
    const s = customPolicySettingsSchema.parse({
      authorizedNetworks: {
        allowList: ["192.0.2.77/24", "2001:DB8::/32", "192.0.2.0/24", "198.51.100.7"],
        outside: "deny",
      },
    });
    expect(s.authorizedNetworks).toEqual({
      allowList: ["192.0.2.0/24", "2001:db8::/32", "198.51.100.7/32"],
      allowWithout2fa: true,
      outside: "deny",
    });
  });

  it.each([
    [
      { authorizedNetworks: { allowList: ["10.0.0.0/8", "10.0.0.300/8"], outside: "require_2fa" } },
      "authorizedNetworks.allowList.1",
      "“10.0.0.300/8” is not an IP network. Use CIDR notation like 192.0.2.0/24 or 2001:db8::/32, or a single address.",
    ],
    [
      { authorizedNetworks: { allowList: [], outside: "deny" } },
      "authorizedNetworks.allowList",
      "Add at least one authorized network before denying access from other networks.",
    ],
    [
      { authorizedNetworks: { allowList: ["10.0.0.0/8"], outside: "block" } },
      "authorizedNetworks.outside",
      "Choose what happens on other networks.",
    ],
    [
      { rememberedDevices: { enabled: true, hours: 0 } },
      "rememberedDevices.hours",
      `Enter a whole number of hours from 1 to ${REMEMBERED_HOURS_MAX}.`,
    ],
    [
      { rememberedDevices: { enabled: true, hours: 721 } },
      "rememberedDevices.hours",
      "Enter a whole number of hours from 1 to 720.",
    ],
    [
      { rememberedDevices: { enabled: true, hours: 1.5 } },
      "rememberedDevices.hours",
      "Enter a whole number of hours from 1 to 720.",
    ],
    [
      { trustedEndpoints: { mode: "some", blockCompromised: false } },
      "trustedEndpoints.mode",
      "Choose whether endpoints must be trusted.",
    ],
  ])("refuses %j", (input, path, message) => {
    expect(issues(input)).toContainEqual([path, message]);
  });

  it("accepts the bounds of Remembered devices", () => {
    expect(
      customPolicySettingsSchema.parse({ rememberedDevices: { enabled: true, hours: 1 } }).rememberedDevices?.hours,
    ).toBe(1);
    expect(
      customPolicySettingsSchema.parse({ rememberedDevices: { enabled: true, hours: 720 } }).rememberedDevices?.hours,
    ).toBe(720);
  });

  it("refuses more than 200 networks", () => {
    const many = Array.from({ length: 201 }, (_, i) => `10.0.${Math.floor(i / 256)}.${i % 256}`);
    expect(issues({ authorizedNetworks: { allowList: many, outside: "require_2fa" } })[0]).toEqual([
      "authorizedNetworks.allowList",
      "At most 200 networks.",
    ]);
  });

  it("completes a Global Policy stored without the new sections with their defaults (all off)", () => {
    const g = globalPolicySettingsSchema.parse({});
    expect(completeSettings(g)).toEqual({ ...g, ...DEFAULT_ISSUE6_SECTIONS });
    expect(completeGlobalPolicySettingsSchema.parse(completeSettings(g))).toEqual(completeSettings(g));
    const set = globalPolicySettingsSchema.parse({ rememberedDevices: { enabled: true, hours: 3 } });
    expect(completeSettings(set).rememberedDevices).toEqual({ enabled: true, hours: 3 });
  });

  it("requires every section when saving the Global Policy", () => {
    const r = completeGlobalPolicySettingsSchema.safeParse({ newUserPolicy: { action: "allow" } });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path[0])).toEqual(
      expect.arrayContaining(["authenticationPolicy", "trustedEndpoints", "rememberedDevices", "authorizedNetworks"]),
    );
  });
});
