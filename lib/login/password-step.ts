// Hosted sign-in, first steps: identify the user (username, email or alias), then check
// the password against the built-in directory, the account status and the application's
// user access, then ask the policy what comes next (deny, allow, enroll or a second factor).
// Wrong username and wrong password give one message (no user enumeration). Every ending
// writes one Authentication Log row with a reason code; a password that leads on to a
// second factor or enrollment writes none (the second step's row ends the sign-in).
import { verifyPassword } from "../crypto/password";
import { insertAuthLog } from "../db/auth-log";
import { listAuthenticators, listBypassCodes } from "../db/authenticators";
import { readLockState, unlockUser } from "../db/user-lockout";
import { findUserForLogin, recordUserLogin } from "../db/users";
import { checkLockout, type LockoutSettings } from "../mfa/lockout";
import { evaluate, type DenyReason, type EffectivePolicy } from "../policy";
import { checkAccess } from "./access";
import { countFailure } from "./failures";
import { buildPolicyContext } from "./policy-context";
import { loadLogin, saveLogin, type LoginTx } from "./transaction";

export type LoginContext = { ip?: string | null; userAgent?: string | null };
export type LoginApp = { id: string; name: string; userAccess: string; permittedGroupIds: string[] } | null;

/** What the password step needs from the services: the effective policy and the lockout settings (both cached). */
export type PolicyDeps = {
  policy: (applicationId: string | null, groupIds: readonly string[]) => Promise<EffectivePolicy>;
  lockout: () => Promise<LockoutSettings>;
};

export type DeniedReason = "user_not_in_permitted_group" | DenyReason;

export type StepOutcome =
  | { kind: "password" }
  | { kind: "error"; error: "invalid_credentials" | "expired" | "missing_identifier" | "missing_password" }
  | { kind: "denied"; reason: DeniedReason }
  | { kind: "mfa" }
  | { kind: "enroll" }
  | { kind: "done"; userId: string; factors: string[] };

export async function submitIdentifier(txId: string | undefined, identifier: string): Promise<StepOutcome> {
  const tx = await loadLogin(txId);
  if (!tx) return { kind: "error", error: "expired" };
  const id = identifier.trim().slice(0, 256);
  if (!id) return { kind: "error", error: "missing_identifier" };
  await saveLogin(tx.id, { state: "PASSWORD", userId: null, data: { ...tx.parsed, identifier: id } });
  return { kind: "password" };
}

export async function submitPassword(tx: LoginTx, app: LoginApp, password: string, ctx: LoginContext, deps: PolicyDeps, now = new Date()): Promise<StepOutcome> {
  const identifier = tx.parsed.identifier;
  if (!identifier || tx.state !== "PASSWORD") return { kind: "error", error: tx.state === "PASSWORD" ? "missing_identifier" : "expired" };
  if (!password) return { kind: "error", error: "missing_password" };
  const user = await findUserForLogin(identifier);
  const base = { applicationId: app?.id ?? null, applicationName: app?.name ?? null, ip: ctx.ip, userAgent: ctx.userAgent, factor: "password" };
  if (user?.status === "LOCKED_OUT") {
    // Rare path: the auto-unlock time may have passed.
    const [state, settings] = await Promise.all([readLockState(user.id), deps.lockout()]);
    if (state && checkLockout(state, settings, now).kind === "unlock" && (await unlockUser(user.id))) user.status = "ACTIVE";
  }
  const ok = await verifyPassword(user?.passwordHash, password);
  if (!user || !ok) {
    if (!user) {
      await insertAuthLog({ ...base, userId: null, username: identifier, result: "FAILURE", reason: "unknown_user" });
      return { kind: "error", error: "invalid_credentials" };
    }
    const failure = await countFailure({ ...base, userId: user.id, username: user.username }, "invalid_password", undefined, deps.lockout, now);
    if (failure === "locked") {
      await saveLogin(tx.id, { state: "FAILED", userId: user.id });
      return { kind: "denied", reason: "locked_out" };
    }
    return { kind: "error", error: "invalid_credentials" };
  }
  const access = checkAccess(user, app);
  if (!access.allowed) {
    await insertAuthLog({ ...base, userId: user.id, username: user.username, result: "DENIED", reason: access.reason });
    return { kind: "denied", reason: access.reason };
  }

  // The policy decision: one cached policy read, the user's factors (no secrets) and codes.
  const [policy, authenticators, codes] = await Promise.all([deps.policy(app?.id ?? null, user.groups.map((g) => g.id)), listAuthenticators(user.id), listBypassCodes(user.id)]);
  const context = buildPolicyContext({ user, authenticatorTypes: authenticators.map((a) => a.type), bypassCodes: codes, application: app, now });
  const decision = evaluate(policy, context);
  const data = { ...tx.parsed, username: user.username, factors: ["pwd"], attempts: 0, challenge: null };
  const who = { ...base, userId: user.id, username: user.username };
  switch (decision.kind) {
    case "deny":
      await saveLogin(tx.id, { state: "FAILED", userId: user.id, data });
      await insertAuthLog({ ...who, result: "DENIED", reason: decision.reason, detail: { reasons: decision.reasons } });
      return { kind: "denied", reason: decision.reason };
    case "enroll":
      await saveLogin(tx.id, { state: "ENROLL", userId: user.id, data: { ...data, enroll: { factors: decision.factors } } });
      return { kind: "enroll" };
    case "mfa":
      await saveLogin(tx.id, { state: "MFA", userId: user.id, data: { ...data, mfa: { factors: decision.factors } } });
      return { kind: "mfa" };
    case "allow":
      await saveLogin(tx.id, { state: "DONE", userId: user.id, data });
      await recordUserLogin(user.id);
      await insertAuthLog({ ...who, result: "SUCCESS", reason: decision.reason, detail: { reasons: decision.reasons } });
      return { kind: "done", userId: user.id, factors: ["pwd"] };
  }
}
