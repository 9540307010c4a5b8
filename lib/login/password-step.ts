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
import { findUserForLogin, findUserForSession, recordUserLogin, type LoginUser } from "../db/users";
import { checkLockout, type LockoutSettings } from "../mfa/lockout";
import { evaluate, type DenyReason, type EffectivePolicy, type PolicyContext } from "../policy";
import { checkAccess } from "./access";
import { countFailure } from "./failures";
import { buildPolicyContext } from "./policy-context";
import { loadLogin, saveLogin, type DeviceProofData, type LoginTx, type TxData } from "./transaction";

/**
 * The request: client address (logged, and matched against Authorized networks) and the
 * remembered-device cookie of this application, when the browser sent one.
 */
export type LoginContext = {
  ip?: string | null;
  userAgent?: string | null;
  rememberedDeviceToken?: (applicationId: string | null) => string | null | undefined;
};
export type LoginApp = { id: string; name: string; userAccess: string; permittedGroupIds: string[] } | null;

/** What the password step needs from the services: the effective policy and the lockout settings (both cached). */
export type PolicyDeps = {
  policy: (applicationId: string | null, groupIds: readonly string[]) => Promise<EffectivePolicy>;
  lockout: () => Promise<LockoutSettings>;
  /** Remembered devices (lib/services/policies/remembered-devices); asked only when the policy enables them and a token came. */
  rememberedDevice?: (input: {
    token: string;
    userId: string;
    applicationId: string | null;
    maxHours: number;
  }) => Promise<boolean>;
  /** Trusted Endpoints (lib/services/endpoints/sign-in-endpoint); asked only when the policy needs the endpoint. */
  deviceCheckUrl?: (transactionId: string, returnPath: string) => Promise<string | null>;
  endpointContext?: (input: { proof: DeviceProofData | null; blockCompromised: boolean; userId: string }) => Promise<{
    context: NonNullable<PolicyContext["endpoint"]>;
    endpointId: string | null;
    detail: Record<string, unknown>;
  }>;
};

/** Where the device check sends the browser back to (app/(login)/sso/device). */
export const DEVICE_RETURN_PATH = "/sso/device";

export type DeniedReason = "user_not_in_permitted_group" | DenyReason;

export type StepOutcome =
  | { kind: "password" }
  | { kind: "error"; error: "invalid_credentials" | "expired" | "missing_identifier" | "missing_password" }
  | { kind: "denied"; reason: DeniedReason }
  | { kind: "mfa" }
  | { kind: "enroll" }
  /** Send the browser to the Trusted Endpoints device check; it comes back to DEVICE_RETURN_PATH. */
  | { kind: "device_check"; url: string }
  | { kind: "done"; userId: string; factors: string[] };

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
  const access = checkAccess(user, app);
  if (!access.allowed) {
    await insertAuthLog({ ...base, userId: user.id, username: user.username, result: "DENIED", reason: access.reason });
    return { kind: "denied", reason: access.reason };
  }

  const data: TxData = {
    ...tx.parsed,
    username: user.username,
    factors: ["pwd"],
    attempts: 0,
    challenge: null,
    device: undefined,
    deviceCheckSent: undefined,
  };
  return decide(tx, app, user, data, ctx, deps, now);
}

/** Whether the Trusted Endpoints section needs to know the endpoint (else: no device check, no query). */
export function needsEndpoint(policy: EffectivePolicy): boolean {
  const te = policy.settings.trustedEndpoints;
  return !!te && (te.mode === "require_trusted" || te.blockCompromised);
}

/**
 * The policy decision after the primary authentication (and after the device check, when the
 * policy needs the endpoint): deny, allow, enroll, a second factor, or first the device check.
 */
async function decide(
  tx: LoginTx,
  app: LoginApp,
  user: LoginUser,
  data: TxData,
  ctx: LoginContext,
  deps: PolicyDeps,
  now: Date,
): Promise<StepOutcome> {
  const base = {
    applicationId: app?.id ?? null,
    applicationName: app?.name ?? null,
    ip: ctx.ip,
    userAgent: ctx.userAgent,
    factor: "password",
  };
  // One cached policy read, the user's factors (no secrets) and codes.
  const [policy, authenticators, codes] = await Promise.all([
    deps.policy(
      app?.id ?? null,
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
      application: app,
      now,
    }),
    network: { ip: ctx.ip ?? null },
  };

  // Trusted Endpoints: first the device check (once per transaction), then identify and assess.
  let endpointId: string | null = null;
  let endpointDetail: Record<string, unknown> | undefined;
  if (needsEndpoint(policy) && deps.endpointContext) {
    if (!data.device && !data.deviceCheckSent && deps.deviceCheckUrl) {
      const url = await deps.deviceCheckUrl(tx.id, DEVICE_RETURN_PATH);
      if (url) {
        await saveLogin(tx.id, { state: "DEVICE", userId: user.id, data: { ...data, deviceCheckSent: true } });
        return { kind: "device_check", url };
      }
    }
    const ep = await deps.endpointContext({
      proof: data.device ?? null,
      blockCompromised: !!policy.settings.trustedEndpoints?.blockCompromised,
      userId: user.id,
    });
    context.endpoint = ep.context;
    endpointId = ep.endpointId;
    endpointDetail = ep.detail;
    data.endpoint = { id: endpointId, detail: ep.detail };
  }

  // Remembered devices: only when the policy enables them and the browser sent a token.
  const rd = policy.settings.rememberedDevices;
  const token = rd?.enabled && deps.rememberedDevice ? ctx.rememberedDeviceToken?.(app?.id ?? null) : null;
  if (rd?.enabled && token && deps.rememberedDevice) {
    context.rememberedDevice = await deps.rememberedDevice({
      token,
      userId: user.id,
      applicationId: app?.id ?? null,
      maxHours: rd.hours,
    });
  }

  const decision = evaluate(policy, context);
  const who = { ...base, userId: user.id, username: user.username, endpointId };
  const detail = (reasons: string[]) => ({ reasons, ...(endpointDetail && { endpoint: endpointDetail }) });
  switch (decision.kind) {
    case "deny":
      await saveLogin(tx.id, { state: "FAILED", userId: user.id, data });
      await insertAuthLog({ ...who, result: "DENIED", reason: decision.reason, detail: detail(decision.reasons) });
      return { kind: "denied", reason: decision.reason };
    case "enroll":
      await saveLogin(tx.id, {
        state: "ENROLL",
        userId: user.id,
        data: { ...data, enroll: { factors: decision.factors }, rememberHours: decision.rememberHours },
      });
      return { kind: "enroll" };
    case "mfa":
      await saveLogin(tx.id, {
        state: "MFA",
        userId: user.id,
        data: { ...data, mfa: { factors: decision.factors }, rememberHours: decision.rememberHours },
      });
      return { kind: "mfa" };
    case "allow":
      await saveLogin(tx.id, { state: "DONE", userId: user.id, data });
      await recordUserLogin(user.id);
      await insertAuthLog({
        ...who,
        factor: decision.reason === "remembered_device" ? "remembered_device" : "password",
        result: "SUCCESS",
        reason: decision.reason,
        detail: detail(decision.reasons),
      });
      return { kind: "done", userId: user.id, factors: ["pwd"] };
  }
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
  const access = checkAccess(user, app);
  if (!access.allowed) {
    await saveLogin(tx.id, { state: "FAILED" });
    await insertAuthLog({
      applicationId: app?.id ?? null,
      applicationName: app?.name ?? null,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      factor: "password",
      userId: user.id,
      username: user.username,
      result: "DENIED",
      reason: access.reason,
    });
    return { kind: "denied", reason: access.reason };
  }
  return decide(tx, app, user, { ...tx.parsed, device: redeem(tx.id) }, ctx, deps, now);
}
