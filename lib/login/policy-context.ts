// The policy context of one sign-in, built in ONE place: the sign-in steps, the SSO-session
// path and the portal all call buildPolicyContext(), so later fields (network, remembered
// device, endpoint posture) are added here once.
import { isBypassCodeUsable } from "../mfa/bypass-codes";
import { FACTORS, type Factor, type PolicyContext, type UserStatus } from "../policy";
import { checkAccess, type AccessUser } from "./access";

export type PolicyInputs = {
  /** Status and groups (a group in Bypass status makes the user a Bypass user). */
  user: AccessUser;
  /** Types of the user's authenticators ("TOTP" | "WEBAUTHN", as stored). */
  authenticatorTypes: readonly string[];
  /** The user's bypass codes as stored (only their usability is read). */
  bypassCodes: readonly { remainingUses: number | null; expiresAt: Date | null }[];
  application: { id: string; name: string } | null;
  now: Date;
};

const asFactor = (type: string): Factor | null => {
  const f = type.toLowerCase();
  return (FACTORS as readonly string[]).includes(f) ? (f as Factor) : null;
};

export function buildPolicyContext(inputs: PolicyInputs): PolicyContext {
  const { user } = inputs;
  const access = checkAccess(user, null);
  let status: UserStatus;
  if (user.status === "DISABLED" || user.status === "LOCKED_OUT") status = user.status;
  else if (!access.allowed) status = access.reason === "locked_out" ? "LOCKED_OUT" : "DISABLED";
  else status = access.bypass ? "BYPASS" : "ACTIVE";
  return {
    user: {
      status,
      enrolledFactors: inputs.authenticatorTypes.map(asFactor).filter((f): f is Factor => f !== null),
      hasUsableBypassCode: inputs.bypassCodes.some((c) => isBypassCodeUsable(c, inputs.now)),
    },
    application: inputs.application ? { id: inputs.application.id, name: inputs.application.name } : null,
  };
}
