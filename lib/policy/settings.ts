// Policy settings, stored as JSON in Policy.settings and validated here. A policy is a set of
// sections (Duo's policy editor): each section is one object that a custom policy either sets
// whole or leaves unset (then it inherits, see effective.ts). The Global Policy sets every
// section of issue 4; its defaults are Duo's Global Policy defaults.
//
// The Policies issue's sections (Trusted Endpoints, Remembered devices, Authorized networks)
// stay optional in the types, also in the Global Policy: a Global Policy stored without them
// reads as DEFAULT_ISSUE6_SECTIONS (all off), which is also what evaluate() does with an
// absent section. The console saves the Global Policy with every section set
// (completeGlobalPolicySettingsSchema).
//
// Bypass codes are not an Authentication method: an administrator issues them to one user,
// for a while, so a usable bypass code always satisfies the second factor (as in Duo).
import { z } from "zod";
import { parseNetwork } from "./networks";

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
  require_enrollment: {
    label: "Require enrollment",
    description: "Prompt unenrolled users to enroll whenever possible.",
  },
  allow: {
    label: "Allow access without 2FA",
    description: "Allow users who have not enrolled to pass through without two-factor authentication.",
  },
  deny: { label: "Deny access", description: "Deny authentication to unenrolled users." },
};

export const AUTHENTICATION_ACTIONS = ["require_2fa", "bypass_2fa", "deny"] as const;
export type AuthenticationAction = (typeof AUTHENTICATION_ACTIONS)[number];
export const AUTHENTICATION_LABELS: Record<AuthenticationAction, { label: string; description: string }> = {
  require_2fa: {
    label: "Require 2FA",
    description:
      "Require two-factor authentication or enrollment when applicable, unless there is a superseding policy configured.",
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

// ------------------------------------------------------------------ issue 6 sections

// Trusted Endpoints (seed 002). "Allow Cisco Secure Endpoint to block compromised endpoints"
// only has an effect with "Require endpoints to be trusted" (seed 002's table: with "Allow
// all endpoints" a compromised endpoint is allowed); the editor disables it otherwise.
export const TRUSTED_ENDPOINT_MODES = ["require_trusted", "allow_all"] as const;
export type TrustedEndpointMode = (typeof TRUSTED_ENDPOINT_MODES)[number];
export const TRUSTED_ENDPOINT_LABELS: Record<TrustedEndpointMode, { label: string; description: string }> = {
  require_trusted: {
    label: "Require endpoints to be trusted",
    description: "Only endpoints identified as trusted by a Trusted Endpoints integration may access the application.",
  },
  allow_all: { label: "Allow all endpoints", description: "Endpoints do not have to be trusted." },
};
export const BLOCK_COMPROMISED_LABEL = {
  label: "Allow Cisco Secure Endpoint to block compromised endpoints",
  description: "Trusted endpoints that Cisco Secure Endpoint reports as compromised are blocked.",
} as const;

const trustedEndpointsSchema = z.object({
  mode: z.enum(TRUSTED_ENDPOINT_MODES, { message: "Choose whether endpoints must be trusted." }),
  blockCompromised: z.boolean({ message: "Choose whether Cisco Secure Endpoint may block compromised endpoints." }),
});

// Remembered devices: after a successful second factor the browser may skip it for this
// application for N hours (Duo's "Remember devices for ..."), per application.
export const REMEMBERED_HOURS_MIN = 1;
export const REMEMBERED_HOURS_MAX = 720; // 30 days
export const REMEMBERED_HOURS_DEFAULT = 12;
export const REMEMBERED_DEVICES_LABELS = {
  enabled: {
    label: "Remember devices for browser-based applications",
    description:
      "After two-factor authentication, users are not asked again on the same browser for this application for the chosen time.",
  },
  hours: {
    label: "Hours to remember a device",
    description: `From ${REMEMBERED_HOURS_MIN} to ${REMEMBERED_HOURS_MAX} hours (30 days).`,
  },
} as const;

const hoursMessage = `Enter a whole number of hours from ${REMEMBERED_HOURS_MIN} to ${REMEMBERED_HOURS_MAX}.`;
const rememberedDevicesSchema = z.object({
  enabled: z.boolean({ message: "Choose whether devices are remembered." }),
  hours: z
    .int({ message: hoursMessage })
    .min(REMEMBERED_HOURS_MIN, hoursMessage)
    .max(REMEMBERED_HOURS_MAX, hoursMessage),
});

// Authorized networks: an allow list of IP networks. From these networks access is allowed
// without 2FA (Duo's "Allow access without 2FA from these networks") unless that box is
// cleared; from other networks: "Require 2FA" (the rest of the policy decides, as without
// this section) or "Deny access".
export const OUTSIDE_NETWORK_ACTIONS = ["require_2fa", "deny"] as const;
export type OutsideNetworkAction = (typeof OUTSIDE_NETWORK_ACTIONS)[number];
export const OUTSIDE_NETWORK_LABELS: Record<OutsideNetworkAction, { label: string; description: string }> = {
  require_2fa: { label: "Require 2FA", description: "Users on other networks sign in as the rest of the policy says." },
  deny: { label: "Deny access", description: "Users on other networks are denied." },
};
export const AUTHORIZED_NETWORKS_LABELS = {
  allowList: {
    label: "Authorized networks",
    description:
      "One network per line (or separated by commas), in CIDR notation like 192.0.2.0/24 or 2001:db8::/32, or a single address.",
  },
  allowWithout2fa: {
    label: "Allow access without 2FA from these networks",
    description: "Users on an authorized network skip two-factor authentication and enrollment.",
  },
  outside: { label: "From other networks", description: "What happens to users who are not on an authorized network." },
} as const;
export const MAX_AUTHORIZED_NETWORKS = 200;

const networkEntry = z.string().transform((v, ctx) => {
  const parsed = parseNetwork(v);
  if (!parsed) {
    ctx.addIssue({
      code: "custom",
      message: `“${v.trim().slice(0, 64)}” is not an IP network. Use CIDR notation like 192.0.2.0/24 or 2001:db8::/32, or a single address.`,
    });
    return z.NEVER;
  }
  return parsed.cidr;
});

const authorizedNetworksSchema = z
  .object({
    allowList: z
      .array(networkEntry)
      .max(MAX_AUTHORIZED_NETWORKS, `At most ${MAX_AUTHORIZED_NETWORKS} networks.`)
      .transform((list) => [...new Set(list)]),
    // Older stored settings lack it: they meant "allow without 2FA" (the only choice then).
    allowWithout2fa: z.boolean().default(true),
    outside: z.enum(OUTSIDE_NETWORK_ACTIONS, { message: "Choose what happens on other networks." }),
  })
  .superRefine((v, ctx) => {
    if (v.outside === "deny" && v.allowList.length === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["allowList"],
        message: "Add at least one authorized network before denying access from other networks.",
      });
    }
  });

export type TrustedEndpointsPolicy = z.infer<typeof trustedEndpointsSchema>;
export type RememberedDevicesPolicy = z.infer<typeof rememberedDevicesSchema>;
export type AuthorizedNetworksPolicy = z.infer<typeof authorizedNetworksSchema>;

/** The Global Policy's values for the issue 6 sections (all off); a stored Global Policy without them reads as these. */
export const DEFAULT_ISSUE6_SECTIONS = {
  trustedEndpoints: { mode: "allow_all", blockCompromised: false },
  rememberedDevices: { enabled: false, hours: REMEMBERED_HOURS_DEFAULT },
  authorizedNetworks: { allowList: [], allowWithout2fa: true, outside: "require_2fa" },
} as const satisfies {
  trustedEndpoints: TrustedEndpointsPolicy;
  rememberedDevices: RememberedDevicesPolicy;
  authorizedNetworks: AuthorizedNetworksPolicy;
};

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
} as const satisfies {
  newUserPolicy: NewUserPolicy;
  authenticationPolicy: AuthenticationPolicy;
  authenticationMethods: AuthenticationMethods;
};

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

/** What the console saves for the Global Policy: every section set. */
export const completeGlobalPolicySettingsSchema = z.object({
  newUserPolicy: newUserPolicySchema,
  authenticationPolicy: authenticationPolicySchema,
  authenticationMethods: authenticationMethodsSchema,
  trustedEndpoints: trustedEndpointsSchema,
  rememberedDevices: rememberedDevicesSchema,
  authorizedNetworks: authorizedNetworksSchema,
});
export type CompletePolicySettings = z.infer<typeof completeGlobalPolicySettingsSchema>;

/** Every section of a Global Policy, the ones it lacks read as DEFAULT_ISSUE6_SECTIONS. */
export function completeSettings(settings: GlobalPolicySettings): CompletePolicySettings {
  return structuredClone({ ...DEFAULT_ISSUE6_SECTIONS, ...stripUndefined(settings) }) as CompletePolicySettings;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export const SECTION_KEYS = Object.keys(SECTION_LABELS) as SectionKey[];

/** Parses a Policy.settings JSON string; throws (an internal error) when it is not valid. */
export function parsePolicySettings(json: string, kind: "global"): GlobalPolicySettings;
export function parsePolicySettings(json: string, kind: "custom"): CustomPolicySettings;
export function parsePolicySettings(
  json: string,
  kind: "global" | "custom",
): GlobalPolicySettings | CustomPolicySettings {
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
