import { describe, expect, it } from "vitest";
import {
  AUTHENTICATION_LABELS,
  customPolicySettingsSchema,
  DEFAULT_GLOBAL_POLICY_SETTINGS,
  globalPolicySettingsSchema,
  NEW_USER_LABELS,
  parsePolicySettings,
  SECTION_LABELS,
  serializePolicySettings,
} from "./settings";

describe("policy settings", () => {
  it("defaults the Global Policy to Duo's: Require enrollment, Require 2FA, every method", () => {
    expect(parsePolicySettings("{}", "global")).toEqual({
      newUserPolicy: { action: "require_enrollment" },
      authenticationPolicy: { action: "require_2fa" },
      authenticationMethods: { allowed: ["totp", "webauthn"] },
    });
    expect(globalPolicySettingsSchema.parse({})).toEqual(DEFAULT_GLOBAL_POLICY_SETTINGS);
  });

  it("keeps a custom policy's unset sections unset (they inherit)", () => {
    expect(parsePolicySettings("{}", "custom")).toEqual({});
    expect(parsePolicySettings('{"authenticationPolicy":{"action":"bypass_2fa"}}', "custom")).toEqual({
      authenticationPolicy: { action: "bypass_2fa" },
    });
  });

  it.each([["require_enrollment"], ["allow"], ["deny"]])("accepts New User policy %s", (action) => {
    expect(customPolicySettingsSchema.parse({ newUserPolicy: { action } })).toEqual({ newUserPolicy: { action } });
  });

  it.each([["require_2fa"], ["bypass_2fa"], ["deny"]])("accepts Authentication policy %s", (action) => {
    expect(customPolicySettingsSchema.parse({ authenticationPolicy: { action } })).toEqual({
      authenticationPolicy: { action },
    });
  });

  it.each([
    [["totp"], ["totp"]],
    [["webauthn"], ["webauthn"]],
    [
      ["webauthn", "totp"],
      ["totp", "webauthn"],
    ],
    [
      ["totp", "totp", "webauthn"],
      ["totp", "webauthn"],
    ],
  ])("normalizes Authentication methods %j to %j", (allowed, expected) => {
    expect(customPolicySettingsSchema.parse({ authenticationMethods: { allowed } })).toEqual({
      authenticationMethods: { allowed: expected },
    });
  });

  it.each([
    [{ newUserPolicy: { action: "maybe" } }, "newUserPolicy.action", "Choose a New User policy."],
    [
      { authenticationPolicy: { action: "require" } },
      "authenticationPolicy.action",
      "Choose an Authentication policy.",
    ],
    [
      { authenticationMethods: { allowed: [] } },
      "authenticationMethods.allowed",
      "Allow at least one authentication method.",
    ],
    [
      { authenticationMethods: { allowed: ["sms"] } },
      "authenticationMethods.allowed.0",
      "Choose a known authentication method.",
    ],
  ])("refuses %j with a message at %s", (input, path, message) => {
    const r = customPolicySettingsSchema.safeParse(input);
    expect(r.success).toBe(false);
    const issue = r.error!.issues[0]!;
    expect(issue.path.join(".")).toBe(path);
    expect(issue.message).toBe(message);
  });

  it("throws on stored settings that are not JSON or not valid", () => {
    expect(() => parsePolicySettings("{not json", "global")).toThrow(/not JSON/);
    expect(() => parsePolicySettings('{"newUserPolicy":{"action":"x"}}', "global")).toThrow();
  });

  it("round-trips through serialize/parse, the Policies issue's sections included", () => {
    const settings = customPolicySettingsSchema.parse({
      newUserPolicy: { action: "deny" },
      trustedEndpoints: { mode: "require_trusted", blockCompromised: true },
      rememberedDevices: { enabled: true, hours: 12 },
      authorizedNetworks: { allowList: ["192.0.2.0/24"], outside: "deny" },
      somethingElse: 1,
    });
    expect(settings).not.toHaveProperty("somethingElse");
    expect(parsePolicySettings(serializePolicySettings(settings), "custom")).toEqual(settings);
  });

  it("shows Duo's labels", () => {
    expect(SECTION_LABELS.newUserPolicy).toBe("New User policy");
    expect(SECTION_LABELS.authenticationPolicy).toBe("Authentication policy");
    expect(SECTION_LABELS.authenticationMethods).toBe("Authentication methods");
    expect(Object.values(NEW_USER_LABELS).map((l) => l.label)).toEqual([
      "Require enrollment",
      "Allow access without 2FA",
      "Deny access",
    ]);
    expect(Object.values(AUTHENTICATION_LABELS).map((l) => l.label)).toEqual([
      "Require 2FA",
      "Bypass 2FA",
      "Deny access",
    ]);
  });
});
