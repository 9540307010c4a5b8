// Policy settings, stored as JSON in Policy.settings and validated here. A policy is a set of
// sections (Duo's policy editor): each section is one object that a custom policy either sets
// whole or leaves unset (then it inherits, see effective.ts). The Global Policy sets every
// section of issue 4; its defaults are Duo's Global Policy defaults.
//
// Sections evaluated today: New User policy, Authentication policy, Authentication methods.
// Sections typed and stored for the Policies issue (Trusted Endpoints, Remembered devices,
// Authorized networks) are optional, merged like the others, and ignored by evaluate().
//
// Bypass codes are not an Authentication method: an administrator issues them to one user,
// for a while, so a usable bypass code always satisfies the second factor (as in Duo).
import { z } from "zod";

// ------------------------------------------------------------------ factors

/** Second factors a user enrolls (an Authenticator row's type, lower-cased). */
export const FACTORS = ["totp", "webauthn"] as const;
export type Factor = (typeof FACTORS)[number];
/** What may answer a second-factor prompt: an enrolled factor or an administrator's bypass code. */
export type SecondFactor = Factor | "bypass_code";

export const FACTOR_LABELS: Record<Factor, { label: string; description: string }> = {
  totp: {
    label: "Authenticator app passcodes",
    description: "Six-digit passcodes from an authenticator app (TOTP), like Duo Mobile passcodes.",
  },
  webauthn: {
    label: "Passkeys and security keys",
    description: "Passkeys on the user's device (Touch ID, Face ID, Windows Hello) and FIDO2 security keys (WebAuthn).",
  },
};

// ------------------------------------------------------------------ issue 4 sections

export const NEW_USER_ACTIONS = ["require_enrollment", "allow", "deny"] as const;
export type NewUserAction = (typeof NEW_USER_ACTIONS)[number];
export const NEW_USER_LABELS: Record<NewUserAction, { label: string; description: string }> = {
  require_enrollment: { label: "Require enrollment", description: "Prompt unenrolled users to enroll whenever possible." },
  allow: { label: "Allow access without 2FA", description: "Allow users who have not enrolled to pass through without two-factor authentication." },
  deny: { label: "Deny access", description: "Deny authentication to unenrolled users." },
};

export const AUTHENTICATION_ACTIONS = ["require_2fa", "bypass_2fa", "deny"] as const;
export type AuthenticationAction = (typeof AUTHENTICATION_ACTIONS)[number];
export const AUTHENTICATION_LABELS: Record<AuthenticationAction, { label: string; description: string }> = {
  require_2fa: {
    label: "Require 2FA",
    description: "Require two-factor authentication or enrollment when applicable, unless there is a superseding policy configured.",
  },
  bypass_2fa: {
    label: "Bypass 2FA",
    description: "Skip two-factor authentication and enrollment, unless there is a superseding policy configured.",
  },
  deny: { label: "Deny access", description: "Deny authentication to all users." },
};

const newUserPolicySchema = z.object({
  action: z.enum(NEW_USER_ACTIONS, { message: "Choose a New User policy." }),
});

const authenticationPolicySchema = z.object({
  action: z.enum(AUTHENTICATION_ACTIONS, { message: "Choose an Authentication policy." }),
});

const authenticationMethodsSchema = z.object({
  allowed: z
    .array(z.enum(FACTORS, { message: "Choose a known authentication method." }))
    .min(1, "Allow at least one authentication method.")
    .max(FACTORS.length * 2)
    // One entry per factor, in the order of FACTORS, so equal settings serialize equally.
    .transform((list) => FACTORS.filter((f) => list.includes(f))),
});

export type NewUserPolicy = z.infer<typeof newUserPolicySchema>;
export type AuthenticationPolicy = z.infer<typeof authenticationPolicySchema>;
export type AuthenticationMethods = z.infer<typeof authenticationMethodsSchema>;

// ------------------------------------------------------------------ issue 6 sections (typed only)

// Shapes reserved for the Policies issue; evaluate() does not read them yet, and that issue
// adds their validation details (CIDR syntax, hour ranges) and labels.
const trustedEndpointsSchema = z.object({
  mode: z.enum(["require_trusted", "allow_all"]), // "Require endpoints to be trusted" | "Allow all endpoints"
  blockCompromised: z.boolean(), // "Allow Cisco Secure Endpoint to block compromised endpoints"
});
const rememberedDevicesSchema = z.object({
  enabled: z.boolean(),
  hours: z.int().positive(), // skip MFA on this browser for N hours, per application
});
const authorizedNetworksSchema = z.object({
  allowList: z.array(z.string()), // CIDR ranges
  outside: z.enum(["require_2fa", "deny"]),
});

export type TrustedEndpointsPolicy = z.infer<typeof trustedEndpointsSchema>;
export type RememberedDevicesPolicy = z.infer<typeof rememberedDevicesSchema>;
export type AuthorizedNetworksPolicy = z.infer<typeof authorizedNetworksSchema>;

// ------------------------------------------------------------------ whole policies

export const SECTION_LABELS = {
  newUserPolicy: "New User policy",
  authenticationPolicy: "Authentication policy",
  authenticationMethods: "Authentication methods",
  trustedEndpoints: "Trusted Endpoints",
  rememberedDevices: "Remembered devices",
  authorizedNetworks: "Authorized networks",
} as const;
export type SectionKey = keyof typeof SECTION_LABELS;

/** Duo's Global Policy defaults: Require enrollment, Require 2FA, every method allowed. */
export const DEFAULT_GLOBAL_POLICY_SETTINGS = {
  newUserPolicy: { action: "require_enrollment" },
  authenticationPolicy: { action: "require_2fa" },
  authenticationMethods: { allowed: [...FACTORS] },
} as const satisfies { newUserPolicy: NewUserPolicy; authenticationPolicy: AuthenticationPolicy; authenticationMethods: AuthenticationMethods };

/** A custom policy: every section optional; an unset section inherits (application, then global). */
export const customPolicySettingsSchema = z.object({
  newUserPolicy: newUserPolicySchema.optional(),
  authenticationPolicy: authenticationPolicySchema.optional(),
  authenticationMethods: authenticationMethodsSchema.optional(),
  trustedEndpoints: trustedEndpointsSchema.optional(),
  rememberedDevices: rememberedDevicesSchema.optional(),
  authorizedNetworks: authorizedNetworksSchema.optional(),
});

/** The Global Policy: issue 4's sections always present (a missing one reads as Duo's default). */
export const globalPolicySettingsSchema = customPolicySettingsSchema.extend({
  newUserPolicy: newUserPolicySchema.default({ ...DEFAULT_GLOBAL_POLICY_SETTINGS.newUserPolicy }),
  authenticationPolicy: authenticationPolicySchema.default({ ...DEFAULT_GLOBAL_POLICY_SETTINGS.authenticationPolicy }),
  authenticationMethods: authenticationMethodsSchema.default({ allowed: [...FACTORS] }),
});

export type CustomPolicySettings = z.infer<typeof customPolicySettingsSchema>;
export type GlobalPolicySettings = z.infer<typeof globalPolicySettingsSchema>;

/** Parses a Policy.settings JSON string; throws (an internal error) when it is not valid. */
export function parsePolicySettings(json: string, kind: "global"): GlobalPolicySettings;
export function parsePolicySettings(json: string, kind: "custom"): CustomPolicySettings;
export function parsePolicySettings(json: string, kind: "global" | "custom"): GlobalPolicySettings | CustomPolicySettings {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (cause) {
    throw new Error("Policy.settings is not JSON", { cause });
  }
  return (kind === "global" ? globalPolicySettingsSchema : customPolicySettingsSchema).parse(raw);
}

/** Serializes validated settings for Policy.settings (unset sections are left out). */
export function serializePolicySettings(settings: CustomPolicySettings | GlobalPolicySettings): string {
  return JSON.stringify(settings);
}
