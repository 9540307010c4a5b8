// The next step of a login transaction once a first factor is proved: the hosted sign-in
// after the password (and after the device check), and SSO-session reuse (a step-up when the
// session's proofs are not enough). It gathers what assess() needs (the effective policy, the
// user as read in this request with its authenticators and bypass codes, the endpoint when
// the policy needs it, the remembered device when it could help), asks assess() (./assurance), and moves the
// transaction: DEVICE (device check), MFA (second factor), ENROLL, DONE or FAILED. Every
// ending writes one Authentication Log row.
import { insertAuthLog } from "../db/auth-log";
import { recordUserLogin, type LoginUser } from "../db/users";
import type { LockoutSettings } from "../mfa/lockout";
import type { EffectivePolicy, PolicyContext } from "../policy";
import { assess, type Assurance, type AssuranceDenyReason, type AssurancePurpose, type Proofs } from "./assurance";
import type { ActiveSession } from "./session";
import { saveLogin, type DeviceProofData, type LoginTx, type TxData } from "./transaction";

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

/** What the sign-in steps need from the services: the effective policy and the lockout settings (both cached). */
export type PolicyDeps = {
  policy: (applicationId: string | null, groupIds: readonly string[]) => Promise<EffectivePolicy>;
  lockout: () => Promise<LockoutSettings>;
  /** Remembered devices (lib/services/policies/remembered-devices); asked only when it could spare a prompt and a token came. */
  rememberedDevice?: (input: {
    token: string;
    userId: string;
    applicationId: string | null;
    maxHours: number;
    /** Tokens issued at or before this instant (a revocation) do not count. */
    issuedAfter?: Date | null;
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

export type DeniedReason = AssuranceDenyReason;

export type StepOutcome =
  | { kind: "password" }
  /** The user signs in at an upstream identity provider (an authentication source): send the browser to `url`. */
  | { kind: "upstream"; url: string }
  | { kind: "error"; error: "invalid_credentials" | "expired" | "missing_identifier" | "missing_password" }
  | { kind: "denied"; reason: DeniedReason }
  /** The first factor must be proved (again): the sign-in page. */
  | { kind: "authenticate" }
  | { kind: "mfa" }
  | { kind: "enroll" }
  /** Send the browser to the Trusted Endpoints device check; it comes back to DEVICE_RETURN_PATH. */
  | { kind: "device_check"; url: string }
  /** Signed in. `assurance`: why (set when asked inline, for the caller's log row). */
  | { kind: "done"; userId: string; proofs: Proofs; assurance?: { reason: string; reasons: string[] } };

export type DecideInput = {
  tx: LoginTx;
  app: LoginApp;
  user: LoginUser;
  /** The transaction's data with this step's changes: `proofs` so far, `device`, `stepUp`, `purpose`. */
  data: TxData;
  ctx: LoginContext;
  deps: PolicyDeps;
  now: Date;
  /** How the first factor was proved: the password or an upstream identity provider in this transaction, or the browser's SSO session. */
  via: "password" | "upstream" | "sso_session";
  /**
   * Asked inline while answering the SP (SSO-session reuse): an allow leaves the transaction
   * as it is, and the caller consumes it and writes the log row.
   */
  inline?: boolean;
};

const NOT_IDENTIFIED = { identified: false, trusted: false, compromised: null } as const;

/**
 * Everything assess() needs for this user and application, and its answer. The device check
 * and the remembered device are consulted only when the first answer asks for them.
 */
export async function gatherAssurance(input: {
  app: LoginApp;
  user: LoginUser;
  proofs: Proofs;
  purpose?: AssurancePurpose;
  device?: DeviceProofData | null;
  /** The device check has been (or cannot be) run: identify the endpoint from `device` (null: not identified). */
  checkEndpoint: boolean;
  ctx: LoginContext;
  deps: PolicyDeps;
  now: Date;
}): Promise<{
  assurance: Assurance;
  endpoint?: { id: string | null; detail: Record<string, unknown> };
}> {
  const { app, user, ctx, deps, now } = input;
  // One cached policy read; the user's second factors came with the user (lib/db/users).
  const policy = await deps.policy(
    app?.id ?? null,
    user.groups.map((g) => g.id),
  );
  const ask = (request: Partial<Parameters<typeof assess>[0]["request"]>) =>
    assess({
      user: {
        status: user.status,
        groups: user.groups,
        authenticatorTypes: user.factors.authenticatorTypes,
        bypassCodes: user.factors.bypassCodes,
        sessionsRevokedAt: user.sessionsRevokedAt,
      },
      application: app,
      policy,
      request: { ip: ctx.ip ?? null, ...request },
      proofs: input.proofs,
      purpose: input.purpose,
      now,
    });

  let assurance = ask({});
  let endpoint: { id: string | null; detail: Record<string, unknown> } | undefined;
  let endpointContext: NonNullable<PolicyContext["endpoint"]> | undefined;
  if (assurance.kind === "device_check" && input.checkEndpoint) {
    if (deps.endpointContext) {
      const ep = await deps.endpointContext({
        proof: input.device ?? null,
        blockCompromised: !!policy.settings.trustedEndpoints?.blockCompromised,
        userId: user.id,
      });
      endpointContext = ep.context;
      endpoint = { id: ep.endpointId, detail: ep.detail };
    } else {
      endpointContext = NOT_IDENTIFIED;
    }
    assurance = ask({ endpoint: endpointContext });
  }

  // Remembered devices: only where it could spare the prompt, and only when a token came.
  if (assurance.kind === "step_up" && assurance.rememberHours !== undefined && deps.rememberedDevice) {
    const token = ctx.rememberedDeviceToken?.(app?.id ?? null);
    if (
      token &&
      (await deps.rememberedDevice({
        token,
        userId: user.id,
        applicationId: app?.id ?? null,
        maxHours: assurance.rememberHours,
        issuedAfter: user.sessionsRevokedAt,
      }))
    )
      assurance = ask({ endpoint: endpointContext, rememberedDevice: true });
  }
  return { assurance, endpoint };
}

/** The policy's answer after the first factor, turned into the transaction's next step. */
export async function decide(input: DecideInput): Promise<StepOutcome> {
  const { tx, app, user, ctx, deps, now, via } = input;
  const data: TxData = { ...input.data, username: user.username };
  const proofs = data.proofs ?? {};

  const wantsDevice = !data.device && !data.deviceCheckSent && !!deps.deviceCheckUrl;
  let { assurance, endpoint } = await gatherAssurance({
    app,
    user,
    proofs,
    purpose: data.purpose,
    device: data.device,
    checkEndpoint: !wantsDevice,
    ctx,
    deps,
    now,
  });
  if (assurance.kind === "device_check") {
    // Trusted Endpoints: the browser goes to the device check (at most once per transaction).
    const url = wantsDevice ? await deps.deviceCheckUrl!(tx.id, DEVICE_RETURN_PATH) : null;
    if (url) {
      await saveLogin(tx.id, { state: "DEVICE", userId: user.id, data: { ...data, deviceCheckSent: true } });
      return { kind: "device_check", url };
    }
    // No device check URL configured: the endpoint is not identified (fail closed).
    ({ assurance, endpoint } = await gatherAssurance({
      app,
      user,
      proofs,
      purpose: data.purpose,
      device: null,
      checkEndpoint: true,
      ctx,
      deps,
      now,
    }));
  }
  if (endpoint) data.endpoint = endpoint;

  const who = {
    applicationId: app?.id ?? null,
    applicationName: app?.name ?? null,
    ip: ctx.ip,
    userAgent: ctx.userAgent,
    userId: user.id,
    username: user.username,
    endpointId: endpoint?.id ?? data.endpoint?.id ?? null,
    factor: via,
  };
  const detail = (a: Assurance) => ({
    reasons: a.reasons,
    ...(via === "sso_session" ? { assurance: "reason" in a ? a.reason : a.kind } : {}),
    ...(data.endpoint && { endpoint: data.endpoint.detail }),
  });

  switch (assurance.kind) {
    case "deny":
      await saveLogin(tx.id, { state: "FAILED", userId: user.id, data });
      await insertAuthLog({ ...who, result: "DENIED", reason: assurance.reason, detail: detail(assurance) });
      return { kind: "denied", reason: assurance.reason };
    case "authenticate":
    case "device_check": // unreachable: handled above
      return { kind: "authenticate" };
    case "enroll":
      await saveLogin(tx.id, {
        state: "ENROLL",
        userId: user.id,
        data: { ...data, enroll: { factors: assurance.factors }, rememberHours: assurance.rememberHours },
      });
      return { kind: "enroll" };
    case "step_up":
      await saveLogin(tx.id, {
        state: "MFA",
        userId: user.id,
        data: { ...data, mfa: { factors: assurance.factors }, rememberHours: assurance.rememberHours },
      });
      return { kind: "mfa" };
    case "allow": {
      const remembered = assurance.reason === "remembered_device";
      const done: Proofs = remembered ? { ...proofs, remembered_device: now.getTime() } : proofs;
      if (input.inline)
        return {
          kind: "done",
          userId: user.id,
          proofs: done,
          assurance: { reason: assurance.reason, reasons: assurance.reasons },
        };
      await saveLogin(tx.id, { state: "DONE", userId: user.id, data: { ...data, proofs: done } });
      if (via !== "sso_session") await recordUserLogin(user.id);
      await insertAuthLog({
        ...who,
        factor: remembered ? "remembered_device" : who.factor,
        result: "SUCCESS",
        reason: via === "sso_session" ? "sso_session" : assurance.reason,
        detail: detail(assurance),
      });
      return { kind: "done", userId: user.id, proofs: done };
    }
  }
}

/**
 * The browser's SSO session as the first factor (SAML reuse, the portal's "Verify it's you"):
 * decide() inline, with the session's proofs. What is not enough becomes a step-up of that
 * session in `tx` (its success elevates the session, then the browser goes to `returnTo` or
 * the application's /resume).
 */
export function decideWithSession(input: {
  tx: LoginTx;
  app: LoginApp;
  session: ActiveSession;
  ctx: LoginContext;
  deps: PolicyDeps;
  purpose?: AssurancePurpose;
  returnTo?: string;
  now?: Date;
}): Promise<StepOutcome> {
  const { tx, session } = input;
  return decide({
    tx,
    app: input.app,
    user: session.user,
    data: {
      ...tx.parsed,
      proofs: session.proofs,
      stepUp: { sessionId: session.id, ...(input.returnTo ? { returnTo: input.returnTo } : {}) },
      ...(input.purpose ? { purpose: input.purpose } : {}),
    },
    ctx: input.ctx,
    deps: input.deps,
    now: input.now ?? new Date(),
    via: "sso_session",
    inline: true,
  });
}
