// The policy decision for one sign-in, after the password: deny, allow without a second
// factor, require enrollment, or require a second factor. Pure: data in, decision out; the
// sign-in flow obeys it and logs `reason` (code) and `reasons` (text, the log's detail).
//
// Order (the first rule that applies decides):
//  1. a DISABLED or LOCKED_OUT account is denied (the access check normally stops it earlier);
//  2. Authentication policy "Deny access" denies everyone, Bypass users included;
//  3. a user in Bypass status skips the second factor and enrollment (New User policy too);
//  4. a new user (no authenticator and no usable bypass code) under New User policy
//     "Deny access" is denied, whatever the Authentication policy says (a deny supersedes);
//  5. Authentication policy "Bypass 2FA" allows without a second factor;
//  6. "Require 2FA": a new user follows the New User policy (enroll, or allow without 2FA);
//     an enrolled user must answer with an enrolled factor that Authentication methods
//     allow, or a usable bypass code; one whose authenticators are all disallowed and who
//     has no bypass code is denied (enrolling anew on a password alone would weaken an
//     account that had a second factor).
// "New user" follows Duo's "unenrolled": every user here exists in the directory, so the New
// User policy applies to users who have no authenticator (and no usable bypass code).
import type { EffectivePolicy, PolicySource } from "./effective";
import {
  AUTHENTICATION_LABELS,
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
  /** The application signed in to (absent for the portal); the Policies issue reads it. */
  application?: { id: string; name: string } | null;
};

export type DenyReason = "user_disabled" | "locked_out" | "policy_denied" | "new_user_denied" | "no_allowed_factor";
export type AllowReason = "user_marked_bypass" | "policy_bypass" | "allow_unenrolled_user";

export type Decision =
  | { kind: "deny"; reason: DenyReason; reasons: string[] }
  /** Allowed without a second factor. */
  | { kind: "allow"; reason: AllowReason; reasons: string[] }
  /** Enroll one of `factors` (allowed by Authentication methods), then continue. */
  | { kind: "enroll"; reason: "enrollment_required"; factors: Factor[]; reasons: string[] }
  /** Answer with one of `factors`: the user's allowed authenticators, then any bypass code. */
  | { kind: "mfa"; reason: "mfa_required"; factors: SecondFactor[]; reasons: string[] };

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
  if (settings.authenticationPolicy.action === "deny") return { kind: "deny", reason: "policy_denied", reasons: [authSays] };
  if (user.status === "BYPASS") {
    return { kind: "allow", reason: "user_marked_bypass", reasons: ["The user is in Bypass status: two-factor authentication is skipped."] };
  }

  const enrolled = FACTORS.filter((f) => user.enrolledFactors.includes(f));
  const isNewUser = enrolled.length === 0 && !user.hasUsableBypassCode;
  const notEnrolled = "The user has not enrolled an authenticator.";

  if (isNewUser && settings.newUserPolicy.action === "deny") return { kind: "deny", reason: "new_user_denied", reasons: [notEnrolled, newUserSays] };
  if (settings.authenticationPolicy.action === "bypass_2fa") return { kind: "allow", reason: "policy_bypass", reasons: [authSays] };

  const allowed = settings.authenticationMethods.allowed;
  const methodsSay = said("authenticationMethods", factorList(allowed));
  if (isNewUser) {
    if (settings.newUserPolicy.action === "allow") return { kind: "allow", reason: "allow_unenrolled_user", reasons: [notEnrolled, newUserSays] };
    return { kind: "enroll", reason: "enrollment_required", factors: [...allowed], reasons: [notEnrolled, newUserSays, methodsSay] };
  }

  const usable: SecondFactor[] = enrolled.filter((f) => allowed.includes(f));
  if (user.hasUsableBypassCode) usable.push("bypass_code");
  const has = [enrolled.length ? `The user has enrolled: ${factorList(enrolled)}.` : "The user has not enrolled an authenticator.", ...(user.hasUsableBypassCode ? ["The user holds a usable bypass code."] : [])];
  if (usable.length === 0) {
    return { kind: "deny", reason: "no_allowed_factor", reasons: [authSays, ...has, methodsSay, "None of the user's authenticators is allowed."] };
  }
  return { kind: "mfa", reason: "mfa_required", factors: usable, reasons: [authSays, ...has, methodsSay] };
}
