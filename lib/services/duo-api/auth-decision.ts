// The Auth API's access decision for one user and one Auth API application: the ONE
// assurance function (lib/login/assurance assess()), as every other door asks it.
//
// The Auth API is a second factor in Duo's model: the calling application (login_duo, a PAM
// stack, a script) has done its own primary authentication before it asks preauth/auth, so
// the first factor counts as proved now. What the API adds is what assess() decides from the
// user as stored now, the application's user access and its effective policy: deny, allow
// without a second factor, enroll, or a second factor (mfa, the passcode the auth call checks).
// An API client has no browser to run the Trusted Endpoints device check: when the policy asks
// about the endpoint, the endpoint is "not identified" (fail closed), never assumed trusted.
import { assess, needsEndpoint, type Assurance } from "../../login/assurance";
import type { Decision } from "../../policy";
import type { LoginUser } from "../../db/users";
import { getEffectivePolicy } from "../policies/effective-policy";

export type ApiDecision = Decision | { kind: "deny"; reason: "user_not_in_permitted_group"; reasons: string[] };

const NOT_IDENTIFIED = { identified: false, trusted: false, compromised: null } as const;

export async function decideApiAccess(
  user: LoginUser,
  app: { id: string; name: string; userAccess: string; permittedGroupIds: string[] },
  clientIp: string | null,
  now = new Date(),
): Promise<ApiDecision> {
  const policy = await getEffectivePolicy(
    app.id,
    user.groups.map((g) => g.id),
  );
  const assurance = assess({
    user: {
      status: user.status,
      groups: user.groups,
      authenticatorTypes: user.factors.authenticatorTypes,
      bypassCodes: user.factors.bypassCodes,
      sessionsRevokedAt: user.sessionsRevokedAt,
    },
    application: { id: app.id, name: app.name, userAccess: app.userAccess, permittedGroupIds: app.permittedGroupIds },
    policy,
    request: { ip: clientIp, ...(needsEndpoint(policy) ? { endpoint: NOT_IDENTIFIED } : {}) },
    // The calling application proved the first factor; no second factor is held yet.
    proofs: { pwd: now.getTime() },
    now,
  });
  return apiDecisionOf(assurance);
}

/** The assurance's answer in the Auth API's terms (a step-up is the passcode the auth call asks). */
function apiDecisionOf(a: Assurance): ApiDecision {
  switch (a.kind) {
    case "allow":
      // With only a first factor held, an allow is one of the policy's (never "second_factor").
      if (a.reason === "second_factor" || a.reason === "no_second_factor_enrolled") break;
      return { kind: "allow", reason: a.reason, reasons: a.reasons };
    case "deny":
      return { kind: "deny", reason: a.reason, reasons: a.reasons };
    case "enroll":
      return { kind: "enroll", reason: a.reason, factors: a.factors, reasons: a.reasons };
    case "step_up":
      return { kind: "mfa", reason: "mfa_required", factors: a.factors, reasons: a.reasons };
    case "authenticate":
    case "device_check":
      break;
  }
  // Cannot happen with the proofs and endpoint given above; refuse rather than guess.
  return { kind: "deny", reason: "policy_denied", reasons: [`Unexpected assurance answer: ${a.kind}.`] };
}
