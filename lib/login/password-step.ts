// Hosted sign-in, first steps: identify the user (username, email or alias), then check
// the password against the built-in directory, the account status and the application's
// user access, then ask the policy what comes next (deny, allow, enroll or a second factor).
// Wrong username and wrong password give one message (no user enumeration). Every ending
// writes one Authentication Log row with a reason code; a password that leads on to a
// second factor or enrollment writes none (the second step's row ends the sign-in).
import { verifyPassword } from "../crypto/password";
import { insertAuthLog } from "../db/auth-log";
import { readLockState, unlockUser } from "../db/user-lockout";
import { findUserForLogin, findUserForSession } from "../db/users";
import { checkLockout } from "../mfa/lockout";
import { decide, type LoginApp, type LoginContext, type PolicyDeps, type StepOutcome } from "./decide";
import { countFailure } from "./failures";
import { loadLogin, saveLogin, type DeviceProofData, type LoginTx, type TxData } from "./transaction";

export {
  DEVICE_RETURN_PATH,
  type DeniedReason,
  type LoginApp,
  type LoginContext,
  type PolicyDeps,
  type StepOutcome,
} from "./decide";
export { needsEndpoint } from "./assurance";

export async function submitIdentifier(txId: string | undefined, identifier: string): Promise<StepOutcome> {
  const tx = await loadLogin(txId);
  if (!tx) return { kind: "error", error: "expired" };
  const id = identifier.trim().slice(0, 256);
  if (!id) return { kind: "error", error: "missing_identifier" };
  await saveLogin(tx.id, { state: "PASSWORD", userId: null, data: { ...tx.parsed, identifier: id } });
  return { kind: "password" };
}

export async function submitPassword(
  tx: LoginTx,
  app: LoginApp,
  password: string,
  ctx: LoginContext,
  deps: PolicyDeps,
  now = new Date(),
): Promise<StepOutcome> {
  const identifier = tx.parsed.identifier;
  if (!identifier || tx.state !== "PASSWORD")
    return { kind: "error", error: tx.state === "PASSWORD" ? "missing_identifier" : "expired" };
  if (!password) return { kind: "error", error: "missing_password" };
  const user = await findUserForLogin(identifier);
  const base = {
    applicationId: app?.id ?? null,
    applicationName: app?.name ?? null,
    ip: ctx.ip,
    userAgent: ctx.userAgent,
    factor: "password",
  };
  if (user?.status === "LOCKED_OUT") {
    // Rare path: the auto-unlock time may have passed.
    const [state, settings] = await Promise.all([readLockState(user.id), deps.lockout()]);
    if (state && checkLockout(state, settings, now).kind === "unlock" && (await unlockUser(user.id)))
      user.status = "ACTIVE";
  }
  const ok = await verifyPassword(user?.passwordHash, password);
  if (!user || !ok) {
    if (!user) {
      await insertAuthLog({ ...base, userId: null, username: identifier, result: "FAILURE", reason: "unknown_user" });
      return { kind: "error", error: "invalid_credentials" };
    }
    const failure = await countFailure(
      { ...base, userId: user.id, username: user.username },
      "invalid_password",
      undefined,
      deps.lockout,
      now,
    );
    if (failure === "locked") {
      await saveLogin(tx.id, { state: "FAILED", userId: user.id });
      return { kind: "denied", reason: "locked_out" };
    }
    return { kind: "error", error: "invalid_credentials" };
  }
  // Account status, access and policy: the assurance decides (./assurance via ./decide).
  const data: TxData = {
    ...tx.parsed,
    username: user.username,
    proofs: { pwd: now.getTime() },
    attempts: 0,
    challenge: null,
    device: undefined,
    deviceCheckSent: undefined,
    stepUp: undefined,
    purpose: undefined,
  };
  return decide({ tx, app, user, data, ctx, deps, now, via: "password" });
}

/**
 * Back from the device check (state DEVICE): the assertion is verified by `redeem` (bound to
 * this transaction), kept in the transaction, and the policy decides with it. The account and
 * access checks run again (time has passed).
 */
export async function resumeAfterDeviceCheck(
  tx: LoginTx | null,
  app: LoginApp,
  redeem: (transactionId: string) => DeviceProofData,
  ctx: LoginContext,
  deps: PolicyDeps,
  now = new Date(),
): Promise<StepOutcome> {
  if (!tx || tx.state !== "DEVICE" || !tx.userId) return { kind: "error", error: "expired" };
  const user = await findUserForSession(tx.userId);
  if (!user) return { kind: "error", error: "expired" };
  return decide({
    tx,
    app,
    user,
    data: { ...tx.parsed, device: redeem(tx.id) },
    ctx,
    deps,
    now,
    via: tx.parsed.stepUp ? "sso_session" : "password",
  });
}
