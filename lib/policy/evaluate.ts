// The policy decision for one sign-in, after the password: deny, allow without a second
// factor, require enrollment, or require a second factor. Pure: data in, decision out; the
// sign-in flow obeys it and logs `reason` (code) and `reasons` (text, the log's detail).
//
// Order (the first rule that applies decides):
//  1. a DISABLED or LOCKED_OUT account is denied (the access check normally stops it earlier);
//  2. Authentication policy "Deny access" denies everyone, Bypass users included;
//  3. Authorized networks with "From other networks: Deny access": a client address outside
//     every authorized network (or unknown) is denied (network_not_authorized);
//  4. Trusted Endpoints, exactly seed 002's table. With "Require endpoints to be trusted" an
//     endpoint that is not identified as trusted is denied (endpoint_not_trusted) whatever its
//     Cisco Secure Endpoint status; a trusted one that Cisco Secure Endpoint reports
//     compromised is denied (endpoint_compromised) when "Allow Cisco Secure Endpoint to block
//     compromised endpoints" is on; otherwise allowed. With "Allow all endpoints" every
//     endpoint passes, compromised or not;
//  5. a user in Bypass status skips the second factor and enrollment (New User policy too);
//  6. a new user (no authenticator and no usable bypass code) under New User policy
//     "Deny access" is denied, whatever the Authentication policy says (a deny supersedes);
//  7. Authentication policy "Bypass 2FA" allows without a second factor;
//  8. on an authorized network with "Allow access without 2FA from these networks", access
//     is allowed without a second factor or enrollment (authorized_network);
//  9. "Require 2FA": a new user follows the New User policy (enroll, or allow without 2FA);
//     an enrolled user must answer with an enrolled factor that Authentication methods
//     allow, or a usable bypass code; one whose authenticators are all disallowed and who
//     has no bypass code is denied (enrolling anew on a password alone would weaken an
//     account that had a second factor);
// 10. Remembered devices: where rule 9 would ask for a second factor, a browser holding a
//     valid remembered-device token for this user and application is allowed without it
//     (remembered_device). It never turns a deny or an enrollment into an allow.
// "New user" follows Duo's "unenrolled": every user here exists in the directory, so the New
// User policy applies to users who have no authenticator (and no usable bypass code).
//
// Decisions of our own where Duo's documents leave room:
//  - Deny rules (2-4) apply to users in Bypass status too. Duo notes that bypass users "are not
//    subject to these restrictions, as they bypass Duo authentication entirely"; here Bypass
//    status means "no second factor", not "no access control": a Help Desk who puts a user
//    in Bypass after a lost phone must not open a network lock or a device-trust requirement.
//  - "From other networks: Require 2FA" adds no requirement of its own: outside the
//    authorized networks the rest of the policy decides (so an Authentication policy of
//    "Bypass 2FA" still bypasses). Inside, only "Allow access without 2FA" changes anything.
//  - Fail closed where the caller cannot tell: a missing `network` (or a null address) is
//    outside every authorized network; a missing `endpoint` is not identified. An unknown
//    Cisco Secure Endpoint status (`compromised: null`, e.g. the API timed out) does not block
//    a trusted endpoint; the reasons say so, so the log shows it.
//  - Sections that are absent (a Global Policy saved before they existed) are off.
import type { EffectivePolicy, PolicySource } from "./effective";
import { isInAuthorizedNetworks } from "./networks";
import {
  AUTHENTICATION_LABELS,
  BLOCK_COMPROMISED_LABEL,
  OUTSIDE_NETWORK_LABELS,
  TRUSTED_ENDPOINT_LABELS,
  FACTOR_LABELS,
  FACTORS,
  NEW_USER_LABELS,
  SECTION_LABELS,
  type Factor,
  type SecondFactor,
  type SectionKey,
} from "./settings";

export type UserStatus = "ACTIVE" | "BYPASS" | "DISABLED" | "LOCKED_OUT";

export type PolicyContext = {
  user: {
    /** Pass "BYPASS" when the user or one of its groups is in Bypass status (checkAccess().bypass). */
    status: UserStatus;
    /** Types of the user's authenticators (duplicates allowed). */
    enrolledFactors: readonly Factor[];
    /** True when the user has a bypass code that is unexpired and not used up. */
    hasUsableBypassCode: boolean;
  };
  /** The application signed in to (absent for the portal). */
  application?: { id: string; name: string } | null;
  /** The client's address (the one logged). Absent or null: outside every authorized network. */
  network?: { ip: string | null };
  /** True when the browser presented a valid remembered-device token for this user and application (checkRememberedDevice). */
  rememberedDevice?: boolean;
  /**
   * The access device as the Trusted Endpoints integrations see it. Absent: not identified.
   * `compromised` is Cisco Secure Endpoint's answer: null when unknown or not asked.
   */
  endpoint?: { identified: boolean; trusted: boolean; compromised: boolean | null };
};

export type DenyReason =
  | "user_disabled"
  | "locked_out"
  | "policy_denied"
  | "new_user_denied"
  | "no_allowed_factor"
  | "network_not_authorized"
  | "endpoint_not_trusted"
  | "endpoint_compromised";
export type AllowReason =
  "user_marked_bypass" | "policy_bypass" | "allow_unenrolled_user" | "authorized_network" | "remembered_device";

export type Decision =
  | { kind: "deny"; reason: DenyReason; reasons: string[] }
  /** Allowed without a second factor. */
  | { kind: "allow"; reason: AllowReason; reasons: string[] }
  /**
   * Enroll one of `factors` (allowed by Authentication methods), then continue.
   * `rememberHours`: Remembered devices is on; after the second factor the flow may offer to
   * remember this browser for this application for that many hours (issueRememberedDevice).
   */
  | { kind: "enroll"; reason: "enrollment_required"; factors: Factor[]; reasons: string[]; rememberHours?: number }
  /** Answer with one of `factors`: the user's allowed authenticators, then any bypass code. `rememberHours` as for enroll. */
  | { kind: "mfa"; reason: "mfa_required"; factors: SecondFactor[]; reasons: string[]; rememberHours?: number };

function from(source: PolicySource | undefined): string {
  if (!source) return "";
  if (source.scope === "global") return ` (${source.policyName})`;
  return ` (policy "${source.policyName}", applied to ${source.scope === "group" ? "a group" : "the application"})`;
}

const factorList = (factors: readonly Factor[]) => factors.map((f) => FACTOR_LABELS[f].label).join(", ");

/** Decides what the sign-in must do next under the effective policy; see the order above. */
export function evaluate(policy: EffectivePolicy, context: PolicyContext): Decision {
  const { settings, sources } = policy;
  const { user } = context;
  const said = (key: SectionKey, label: string) => `${SECTION_LABELS[key]}: ${label}${from(sources[key])}.`;
  const newUserSays = said("newUserPolicy", NEW_USER_LABELS[settings.newUserPolicy.action].label);
  const authSays = said("authenticationPolicy", AUTHENTICATION_LABELS[settings.authenticationPolicy.action].label);

  if (user.status === "DISABLED") return { kind: "deny", reason: "user_disabled", reasons: ["The user is disabled."] };
  if (user.status === "LOCKED_OUT") return { kind: "deny", reason: "locked_out", reasons: ["The user is locked out."] };
  if (settings.authenticationPolicy.action === "deny")
    return { kind: "deny", reason: "policy_denied", reasons: [authSays] };

  // Authorized networks (active when the list has a network).
  const nets = settings.authorizedNetworks;
  const netsActive = !!nets && nets.allowList.length > 0;
  const ip = context.network?.ip ?? null;
  const inside = netsActive && isInAuthorizedNetworks(ip, nets.allowList);
  const netSays = nets
    ? said(
        "authorizedNetworks",
        `${nets.allowList.join(", ") || "none"}; from other networks: ${OUTSIDE_NETWORK_LABELS[nets.outside].label}`,
      )
    : "";
  const where = ip
    ? `The client address ${ip} is ${inside ? "on" : "not on"} an authorized network.`
    : "The client address is unknown.";
  if (netsActive && !inside && nets.outside === "deny")
    return { kind: "deny", reason: "network_not_authorized", reasons: [where, netSays] };

  // Trusted Endpoints (seed 002).
  const te = settings.trustedEndpoints;
  const endpointReasons: string[] = [];
  if (te && te.mode === "require_trusted") {
    const teSays = said(
      "trustedEndpoints",
      TRUSTED_ENDPOINT_LABELS.require_trusted.label + (te.blockCompromised ? `, ${BLOCK_COMPROMISED_LABEL.label}` : ""),
    );
    const ep = context.endpoint;
    if (!ep || !ep.identified || !ep.trusted) {
      const what = !ep || !ep.identified ? "The endpoint was not identified." : "The endpoint is not trusted.";
      return { kind: "deny", reason: "endpoint_not_trusted", reasons: [what, teSays] };
    }
    if (te.blockCompromised && ep.compromised === true) {
      return {
        kind: "deny",
        reason: "endpoint_compromised",
        reasons: ["Cisco Secure Endpoint reports the endpoint as compromised.", teSays],
      };
    }
    endpointReasons.push(
      te.blockCompromised && ep.compromised === null
        ? "The endpoint is trusted; its Cisco Secure Endpoint status is unknown."
        : "The endpoint is trusted.",
      teSays,
    );
  }

  if (user.status === "BYPASS") {
    return {
      kind: "allow",
      reason: "user_marked_bypass",
      reasons: ["The user is in Bypass status: two-factor authentication is skipped."],
    };
  }

  const enrolled = FACTORS.filter((f) => user.enrolledFactors.includes(f));
  const isNewUser = enrolled.length === 0 && !user.hasUsableBypassCode;
  const notEnrolled = "The user has not enrolled an authenticator.";

  if (isNewUser && settings.newUserPolicy.action === "deny")
    return { kind: "deny", reason: "new_user_denied", reasons: [notEnrolled, newUserSays] };
  if (settings.authenticationPolicy.action === "bypass_2fa")
    return { kind: "allow", reason: "policy_bypass", reasons: [authSays] };
  if (inside && nets.allowWithout2fa) {
    return {
      kind: "allow",
      reason: "authorized_network",
      reasons: [where, said("authorizedNetworks", `${AUTHORIZED_WITHOUT_2FA} (${nets.allowList.join(", ")})`)],
    };
  }

  const allowed = settings.authenticationMethods.allowed;
  const methodsSay = said("authenticationMethods", factorList(allowed));
  const remember = settings.rememberedDevices?.enabled ? settings.rememberedDevices.hours : undefined;
  const rememberSays =
    remember !== undefined ? [said("rememberedDevices", `remember devices for ${remember} hours`)] : [];
  if (isNewUser) {
    if (settings.newUserPolicy.action === "allow")
      return { kind: "allow", reason: "allow_unenrolled_user", reasons: [notEnrolled, newUserSays] };
    return {
      kind: "enroll",
      reason: "enrollment_required",
      factors: [...allowed],
      reasons: [notEnrolled, newUserSays, methodsSay, ...endpointReasons],
      ...(remember !== undefined ? { rememberHours: remember } : {}),
    };
  }

  const usable: SecondFactor[] = enrolled.filter((f) => allowed.includes(f));
  if (user.hasUsableBypassCode) usable.push("bypass_code");
  const has = [
    enrolled.length ? `The user has enrolled: ${factorList(enrolled)}.` : "The user has not enrolled an authenticator.",
    ...(user.hasUsableBypassCode ? ["The user holds a usable bypass code."] : []),
  ];
  if (usable.length === 0) {
    return {
      kind: "deny",
      reason: "no_allowed_factor",
      reasons: [authSays, ...has, methodsSay, "None of the user's authenticators is allowed."],
    };
  }
  if (remember !== undefined && context.rememberedDevice === true) {
    return {
      kind: "allow",
      reason: "remembered_device",
      reasons: [
        "This browser is remembered for this application after an earlier two-factor authentication.",
        ...rememberSays,
      ],
    };
  }
  return {
    kind: "mfa",
    reason: "mfa_required",
    factors: usable,
    reasons: [authSays, ...has, methodsSay, ...(netsActive ? [where] : []), ...endpointReasons],
    ...(remember !== undefined ? { rememberHours: remember } : {}),
  };
}

const AUTHORIZED_WITHOUT_2FA = "Allow access without 2FA from these networks";
