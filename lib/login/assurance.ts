// Sign-in assurance: ONE answer to "is this proof enough?". Pure: data in, answer out.
//
// Every door that lets a browser (or an API caller) in asks assess():
//   - the hosted sign-in, after the password (and again after the Trusted Endpoints device check);
//   - SSO-session reuse for another application (SAML /resume);
//   - remembered devices (the caller passes whether this browser's token is valid);
//   - the portal's self-service (adding, renaming, removing authenticators);
//   - later: the Duo-compatible Auth API and sign-in through an upstream SAML IdP.
// No door re-implements the rule; lib/policy's evaluate() (seed 002's table and precedence) is
// the policy part of it and is called here, never beside it.
//
// Inputs: the user as stored NOW (status, groups and their status, enrolled authenticators,
// usable bypass codes, the revocation watermark), the application (null: the portal) and its
// effective policy, the request (client address, endpoint posture when it was checked,
// remembered-device validity), and the proofs this browser holds: the factors its SSO session
// (or this sign-in so far) proved, each with WHEN it was proved.
//
// Answers (the first rule that applies decides):
//  1. deny: the account or a group is Disabled or Locked Out, or the user is not permitted to
//     use the application (user_disabled, locked_out, user_not_in_permitted_group);
//  2. authenticate: no first factor (password or upstream source) was proved, or it was proved
//     before the user's sessions were revoked: the password must be asked (again);
//  3. deny: the policy's deny rules that do not depend on the endpoint (Authentication policy
//     "Deny access" = policy_denied, Authorized networks "Deny access" = network_not_authorized);
//  4. device_check: the policy needs the endpoint (Trusted Endpoints) and this request has not
//     checked it yet (purpose sign_in only, see below);
//  5. the policy's decision for the user as stored now (evaluate()):
//     deny -> deny; allow (Bypass status, Bypass 2FA, unenrolled allowed, authorized network,
//     remembered device) -> allow with that reason;
//     mfa -> allow ("second_factor") when the proofs hold a second factor the policy accepts
//     (a passcode or passkey its Authentication methods allow, or a bypass code), else
//     step_up with the user's usable factors;
//     enroll -> allow ("second_factor") when the proofs hold a bypass code (a second factor the
//     user proved though they have no authenticator), else enroll.
// A second factor proved by the session counts for its whole life (8 hours) when signing in;
// a remembered device counts only for its own application (the caller checks its cookie).
//
// Purpose "manage_authenticators" (the portal's self-service) asks more and less: rules 1-3
// for the portal's policy (application null), then, when the user has any authenticator or a
// usable bypass code, a second factor proved within the last MANAGE_RECENT_MS, else step_up
// with any of the user's factors (proving possession of one is the point, whatever the
// policy's methods). A user with no second factor at all may add one (first enrollment).
// Trusted Endpoints is not re-checked for each portal change (it was for the sign-in).
import { checkAccess } from "./access";
import { buildPolicyContext } from "./policy-context";
import {
  evaluate,
  FACTORS,
  type AllowReason,
  type DenyReason,
  type EffectivePolicy,
  type Factor,
  type PolicyContext,
  type SecondFactor,
} from "../policy";

/** What a browser can have proved. `pwd` and `upstream` are first factors; `remembered_device` is per application. */
export const PROOF_FACTORS = ["pwd", "upstream", "totp", "webauthn", "bypass", "remembered_device"] as const;
export type ProofFactor = (typeof PROOF_FACTORS)[number];
export const FIRST_FACTORS: readonly ProofFactor[] = ["pwd", "upstream"];
export const SECOND_FACTOR_PROOFS: readonly ProofFactor[] = ["totp", "webauthn", "bypass"];

/** The factors proved and when (epoch milliseconds of the latest proof of each). */
export type Proofs = Partial<Record<ProofFactor, number>>;

/** How long a second factor counts for the portal's self-service. */
export const MANAGE_RECENT_MS = 5 * 60_000;

export type AssuranceUser = {
  status: string;
  groups: readonly { id: string; status: string }[];
  /** Types of the user's authenticators as stored ("TOTP" | "WEBAUTHN"). */
  authenticatorTypes: readonly string[];
  /** The user's bypass codes as stored (only their usability is read). */
  bypassCodes: readonly { remainingUses: number | null; expiresAt: Date | null }[];
  /** Proofs made at or before this instant are void (lib/login/revocation.ts). */
  sessionsRevokedAt?: Date | null;
};

export type AssuranceApplication = { id: string; name: string; userAccess: string; permittedGroupIds: string[] };

export type AssuranceRequest = {
  /** The client address (socket, or a trusted proxy's header). Null: unknown (outside every authorized network). */
  ip: string | null;
  /** The endpoint as the device check established it in THIS request; undefined: not checked. */
  endpoint?: NonNullable<PolicyContext["endpoint"]>;
  /** This browser presented a valid remembered-device token for this user and application. */
  rememberedDevice?: boolean;
};

export type AssurancePurpose = "sign_in" | "manage_authenticators";

export type AssuranceInput = {
  user: AssuranceUser;
  /** The application signed in to; null: the application portal. */
  application: AssuranceApplication | null;
  /** The effective policy for this user and application (lib/services/policies/effective-policy). */
  policy: EffectivePolicy;
  request: AssuranceRequest;
  proofs: Proofs;
  purpose?: AssurancePurpose;
  now: Date;
};

export type AssuranceAllowReason = AllowReason | "second_factor" | "no_second_factor_enrolled";
export type AssuranceDenyReason = DenyReason | "user_not_in_permitted_group";

export type Assurance =
  /** Enough: let the browser in. `reason` is what the log records (with `reasons` as detail). */
  | { kind: "allow"; reason: AssuranceAllowReason; reasons: string[] }
  /** The first factor must be proved (again): ask for the password (or the upstream IdP). */
  | { kind: "authenticate"; reason: "no_first_factor" | "proof_revoked"; reasons: string[] }
  /** Run the Trusted Endpoints device check, then ask again with `request.endpoint`. */
  | { kind: "device_check"; reasons: string[] }
  /**
   * Ask for one of `factors` (the password is not asked again). `rememberHours`: Remembered
   * devices is on; a valid remembered-device token of this application would also do.
   */
  | {
      kind: "step_up";
      reason: "mfa_required" | "recent_second_factor_required";
      factors: SecondFactor[];
      rememberHours?: number;
      reasons: string[];
    }
  /** Enroll one of `factors` (allowed by Authentication methods), then continue. */
  | { kind: "enroll"; reason: "enrollment_required"; factors: Factor[]; rememberHours?: number; reasons: string[] }
  | { kind: "deny"; reason: AssuranceDenyReason; reasons: string[] };

/** Deny reasons of evaluate() that do not depend on the endpoint (rules 1-3 of evaluate()). */
const ENDPOINT_INDEPENDENT_DENIALS: ReadonlySet<DenyReason> = new Set([
  "user_disabled",
  "locked_out",
  "policy_denied",
  "network_not_authorized",
]);

/** Whether the Trusted Endpoints section needs to know the endpoint (else: no device check, no query). */
export function needsEndpoint(policy: EffectivePolicy): boolean {
  const te = policy.settings.trustedEndpoints;
  return !!te && (te.mode === "require_trusted" || te.blockCompromised);
}

/** The proofs that still count: made after the revocation watermark (and not in the future). */
export function liveProofs(proofs: Proofs, revokedAt: Date | null | undefined, now: Date): Proofs {
  const out: Proofs = {};
  const after = revokedAt ? revokedAt.getTime() : -Infinity;
  for (const f of PROOF_FACTORS) {
    const at = proofs[f];
    if (typeof at === "number" && Number.isFinite(at) && at > after && at <= now.getTime() + 60_000) out[f] = at;
  }
  return out;
}

/** When the first factor was proved (the earliest first-factor proof), or null. */
export function firstFactorAt(proofs: Proofs): number | null {
  const times = FIRST_FACTORS.map((f) => proofs[f]).filter((t): t is number => typeof t === "number");
  return times.length ? Math.min(...times) : null;
}

const PROOF_LABELS: Record<ProofFactor, string> = {
  pwd: "password",
  upstream: "upstream identity provider",
  totp: "authenticator app passcode",
  webauthn: "passkey or security key",
  bypass: "bypass code",
  remembered_device: "remembered device",
};

/** The answer for one request; see the rules above. */
export function assess(input: AssuranceInput): Assurance {
  const { user, application, policy, request, now } = input;
  const purpose = input.purpose ?? "sign_in";

  // 1. Account status, groups and the application's user access, as stored now.
  const access = checkAccess(user, purpose === "sign_in" ? application : null);
  if (!access.allowed) return { kind: "deny", reason: access.reason, reasons: [ACCESS_REASONS[access.reason]] };

  // 2. A first factor, proved after the last revocation.
  const proofs = liveProofs(input.proofs, user.sessionsRevokedAt, now);
  if (firstFactorAt(proofs) === null) {
    const revoked = firstFactorAt(input.proofs) !== null;
    return revoked
      ? {
          kind: "authenticate",
          reason: "proof_revoked",
          reasons: ["The sign-in was proved before the user's sessions were ended; sign in again."],
        }
      : { kind: "authenticate", reason: "no_first_factor", reasons: ["No password has been proved."] };
  }

  const base: PolicyContext = {
    ...buildPolicyContext({
      user,
      authenticatorTypes: user.authenticatorTypes,
      bypassCodes: user.bypassCodes,
      application: purpose === "sign_in" ? application : null,
      now,
    }),
    network: { ip: request.ip },
  };

  // 3. Deny rules that do not need the endpoint.
  const first = evaluate(policy, { ...base, endpoint: request.endpoint });
  if (first.kind === "deny" && ENDPOINT_INDEPENDENT_DENIALS.has(first.reason))
    return { kind: "deny", reason: first.reason, reasons: first.reasons };

  if (purpose === "manage_authenticators") return assessManage(input, base, proofs);

  // 4. Trusted Endpoints: the device check first.
  if (needsEndpoint(policy) && request.endpoint === undefined)
    return { kind: "device_check", reasons: ["The policy needs the endpoint (Trusted Endpoints)."] };

  // 5. The policy, for the user as stored now, with this request's remembered device.
  const decision = evaluate(policy, {
    ...base,
    endpoint: request.endpoint,
    rememberedDevice: request.rememberedDevice,
  });
  switch (decision.kind) {
    case "deny":
      return { kind: "deny", reason: decision.reason, reasons: decision.reasons };
    case "allow":
      return { kind: "allow", reason: decision.reason, reasons: decision.reasons };
    case "enroll": {
      if (proofs.bypass !== undefined)
        return {
          kind: "allow",
          reason: "second_factor",
          reasons: [...decision.reasons, proved(proofs, "bypass", now)],
        };
      return {
        kind: "enroll",
        reason: "enrollment_required",
        factors: decision.factors,
        reasons: decision.reasons,
        ...(decision.rememberHours !== undefined ? { rememberHours: decision.rememberHours } : {}),
      };
    }
    case "mfa": {
      const allowed = policy.settings.authenticationMethods.allowed;
      const accepted = SECOND_FACTOR_PROOFS.find(
        (f) => proofs[f] !== undefined && (f === "bypass" || allowed.includes(f as Factor)),
      );
      if (accepted) return { kind: "allow", reason: "second_factor", reasons: [proved(proofs, accepted, now)] };
      return {
        kind: "step_up",
        reason: "mfa_required",
        factors: decision.factors,
        reasons: [...decision.reasons, ...stillNeeded(proofs, now)],
        ...(decision.rememberHours !== undefined ? { rememberHours: decision.rememberHours } : {}),
      };
    }
  }
}

/** The portal's self-service: a recent second factor when the user has one. */
function assessManage(input: AssuranceInput, base: PolicyContext, proofs: Proofs): Assurance {
  const { now } = input;
  const enrolled = FACTORS.filter((f) => base.user.enrolledFactors.includes(f));
  const factors: SecondFactor[] = [...enrolled, ...(base.user.hasUsableBypassCode ? ["bypass_code" as const] : [])];
  if (factors.length === 0)
    return {
      kind: "allow",
      reason: "no_second_factor_enrolled",
      reasons: ["The user has no authenticator and no usable bypass code yet."],
    };
  const since = now.getTime() - MANAGE_RECENT_MS;
  const recent = SECOND_FACTOR_PROOFS.find((f) => (proofs[f] ?? -Infinity) >= since);
  if (recent) return { kind: "allow", reason: "second_factor", reasons: [proved(proofs, recent, now)] };
  return {
    kind: "step_up",
    reason: "recent_second_factor_required",
    factors,
    reasons: [
      `Changing authenticators needs a second factor proved within the last ${MANAGE_RECENT_MS / 60_000} minutes.`,
      ...stillNeeded(proofs, now),
    ],
  };
}

function ago(at: number, now: Date): string {
  const s = Math.max(0, Math.round((now.getTime() - at) / 1000));
  return s < 120 ? `${s} s ago` : `${Math.round(s / 60)} min ago`;
}

const proved = (proofs: Proofs, f: ProofFactor, now: Date) =>
  `The session proved a ${PROOF_LABELS[f]} ${ago(proofs[f]!, now)}.`;

function stillNeeded(proofs: Proofs, now: Date): string[] {
  const held = PROOF_FACTORS.filter((f) => proofs[f] !== undefined).map(
    (f) => `${PROOF_LABELS[f]} (${ago(proofs[f]!, now)})`,
  );
  return [`The session has proved: ${held.join(", ")}.`];
}

const ACCESS_REASONS = {
  user_disabled: "The user or one of its groups is disabled.",
  locked_out: "The user is locked out.",
  user_not_in_permitted_group: "The user is not in a group this application permits.",
} as const;
