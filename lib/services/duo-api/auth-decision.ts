// The Auth API's access decision for one user and one Auth API application.
//
// DESIGN.md: one function decides whether a proof is enough, and every door asks it. Until
// that function (the "assurance" work in lib/login) is on main, this is the Auth API's ONE
// call into today's path: the same account and user-access checks (lib/login/access), the
// same policy context (lib/login/policy-context) and the same decision (lib/policy evaluate)
// as the hosted sign-in's password step, with the same cached effective policy. Replace the
// body of decideApiAccess with the assurance function's call; nothing else in the Auth API
// decides.
import { checkAccess, type AccessApp } from "../../login/access";
import { buildPolicyContext } from "../../login/policy-context";
import { evaluate, type Decision, type PolicyContext } from "../../policy";
import { listAuthenticators, listBypassCodes } from "../../db/authenticators";
import type { LoginUser } from "../../db/users";
import { getEffectivePolicy } from "../policies/effective-policy";

export type ApiDecision = Decision | { kind: "deny"; reason: "user_not_in_permitted_group"; reasons: string[] };

export async function decideApiAccess(
  user: LoginUser,
  app: { id: string; name: string } & AccessApp,
  clientIp: string | null,
  now = new Date(),
): Promise<ApiDecision> {
  const access = checkAccess(user, app);
  if (!access.allowed) return { kind: "deny", reason: access.reason, reasons: [`Access check: ${access.reason}`] };
  const [policy, authenticators, codes] = await Promise.all([
    getEffectivePolicy(
      app.id,
      user.groups.map((g) => g.id),
    ),
    listAuthenticators(user.id),
    listBypassCodes(user.id),
  ]);
  const context: PolicyContext = {
    ...buildPolicyContext({
      user,
      authenticatorTypes: authenticators.map((a) => a.type),
      bypassCodes: codes,
      application: { id: app.id, name: app.name },
      now,
    }),
    network: { ip: clientIp },
  };
  // An API client has no browser to run the Trusted Endpoints device check: when the policy
  // asks about the endpoint, it is "not identified" (fail closed), never assumed trusted.
  const te = policy.settings.trustedEndpoints;
  if (te && (te.mode === "require_trusted" || te.blockCompromised))
    context.endpoint = { identified: false, trusted: false, compromised: null };
  return evaluate(policy, context);
}
