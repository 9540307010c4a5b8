// The issue-6 policy sections wired into the password step: Authorized networks (the logged
// client address), Remembered devices (asked only when enabled and a token came) and Trusted
// Endpoints (device check once per transaction, then the endpoint's context and log fields).
import { describe, expect, it, vi } from "vitest";
import { hashPassword } from "../crypto/password";
import { sealSecret } from "../crypto/secrets";
import { listRecentAuthLogs } from "../db/auth-log";
import { insertAuthenticator } from "../db/authenticators";
import { insertUser } from "../db/users";
import { readLockoutSettings } from "../mfa/lockout";
import { newTotpSecret } from "../mfa/totp";
import { userTotpSealContext } from "../mfa/totp-enrollment";
import { DEFAULT_GLOBAL_POLICY_SETTINGS, effectivePolicy, type GlobalPolicySettings } from "../policy";
import {
  DEVICE_RETURN_PATH,
  resumeAfterDeviceCheck,
  submitIdentifier,
  submitPassword,
  type LoginContext,
  type PolicyDeps,
} from "./password-step";
import { beginLogin, loadLogin, type DeviceProofData } from "./transaction";

const PASSWORD = "correct horse battery staple";

function deps(over: Partial<GlobalPolicySettings>, extra: Partial<PolicyDeps> = {}): PolicyDeps {
  const settings = { ...structuredClone(DEFAULT_GLOBAL_POLICY_SETTINGS), ...over } as GlobalPolicySettings;
  return {
    policy: async () => effectivePolicy({ id: "g", name: "Global Policy", settings }),
    lockout: async () => readLockoutSettings({}),
    ...extra,
  };
}

let n = 0;
async function enrolledUser() {
  const u = await insertUser({ username: `w${++n}-${Date.now()}`, passwordHash: await hashPassword(PASSWORD) });
  await insertAuthenticator(u.id, {
    type: "TOTP",
    name: "App",
    secretSealed: sealSecret(newTotpSecret(), userTotpSealContext(u.id)),
  });
  return u;
}

async function signIn(d: PolicyDeps, ctx: LoginContext = { ip: "203.0.113.9", userAgent: "vitest" }) {
  const u = await enrolledUser();
  const txId = await beginLogin(
    { applicationId: null, requestId: null, acsUrl: null, acsBinding: null, relayState: null, forceAuthn: false },
    ctx,
  );
  await submitIdentifier(txId, u.username);
  const outcome = await submitPassword((await loadLogin(txId))!, null, PASSWORD, ctx, d);
  return { u, txId, outcome };
}

const lastLog = async () => (await listRecentAuthLogs(1))[0]!;
const trustedProof: DeviceProofData = { deviceId: "LAPTOP-1", fingerprint: "ab", via: "proxy", reason: null };

describe("Authorized networks", () => {
  const nets = (outside: "deny" | "require_2fa", allowList: string[], allowWithout2fa = false) => ({
    authorizedNetworks: { allowList, outside, allowWithout2fa },
  });

  it("denies a client outside the list with 'Deny access', logging network_not_authorized", async () => {
    const r = await signIn(deps(nets("deny", ["10.0.0.0/8"]) as Partial<GlobalPolicySettings>));
    expect(r.outcome).toEqual({ kind: "denied", reason: "network_not_authorized" });
    expect(await lastLog()).toMatchObject({ reason: "network_not_authorized", result: "DENIED", ip: "203.0.113.9" });
  });

  it("lets a client inside the list continue to the second factor", async () => {
    const r = await signIn(deps(nets("deny", ["203.0.113.0/24"]) as Partial<GlobalPolicySettings>));
    expect(r.outcome).toEqual({ kind: "mfa" });
  });

  it("allows without 2FA inside the list when configured (authorized_network)", async () => {
    const r = await signIn(deps(nets("require_2fa", ["203.0.113.9"], true) as Partial<GlobalPolicySettings>));
    expect(r.outcome.kind).toBe("done");
    expect((await lastLog()).reason).toBe("authorized_network");
  });

  it("treats an unknown client address as outside (fail closed)", async () => {
    const r = await signIn(deps(nets("deny", ["0.0.0.0/0"]) as Partial<GlobalPolicySettings>), { ip: null });
    expect(r.outcome).toEqual({ kind: "denied", reason: "network_not_authorized" });
  });
});

describe("Remembered devices", () => {
  it("skips the second factor for a remembered browser (remembered_device) and keeps rememberHours for the prompt otherwise", async () => {
    const check = vi.fn(async () => true);
    const on = { rememberedDevices: { enabled: true, hours: 12 } } as Partial<GlobalPolicySettings>;
    const r = await signIn(deps(on, { rememberedDevice: check }), {
      ip: "203.0.113.9",
      rememberedDeviceToken: () => "tok",
    });
    expect(r.outcome.kind).toBe("done");
    expect(check).toHaveBeenCalledWith({
      token: "tok",
      userId: r.u.id,
      applicationId: null,
      maxHours: 12,
      issuedAfter: null,
    });
    expect(await lastLog()).toMatchObject({
      reason: "remembered_device",
      factor: "remembered_device",
      result: "SUCCESS",
    });

    const r2 = await signIn(deps(on, { rememberedDevice: async () => false }), {
      ip: "203.0.113.9",
      rememberedDeviceToken: () => "tok",
    });
    expect(r2.outcome).toEqual({ kind: "mfa" });
    expect((await loadLogin(r2.txId))!.parsed.rememberHours).toBe(12);
  });

  it("does not look the token up when the policy has Remembered devices off", async () => {
    const check = vi.fn(async () => true);
    const token = vi.fn(() => "tok");
    const r = await signIn(deps({}, { rememberedDevice: check }), { ip: "203.0.113.9", rememberedDeviceToken: token });
    expect(r.outcome).toEqual({ kind: "mfa" });
    expect(check).not.toHaveBeenCalled();
    expect(token).not.toHaveBeenCalled();
    expect((await loadLogin(r.txId))!.parsed.rememberHours).toBeUndefined();
  });
});

describe("Trusted Endpoints", () => {
  const require = (blockCompromised: boolean) =>
    ({ trustedEndpoints: { mode: "require_trusted", blockCompromised } }) as Partial<GlobalPolicySettings>;
  const allowAll = (blockCompromised: boolean) =>
    ({ trustedEndpoints: { mode: "allow_all", blockCompromised } }) as Partial<GlobalPolicySettings>;
  const endpoint = (ctx: { identified: boolean; trusted: boolean; compromised: boolean | null }) =>
    vi.fn(async () => ({
      context: ctx,
      endpointId: ctx.identified ? null : null,
      detail: { deviceId: ctx.identified ? "LAPTOP-1" : null, checkedVia: "cisco_secure_endpoint" },
    }));

  it("sends the browser to the device check once, then decides with the proof", async () => {
    const url = vi.fn(async (txId: string, r: string) => `https://device.example/device-check?b=${txId.length}&r=${r}`);
    const ep = endpoint({ identified: true, trusted: true, compromised: false });
    const d = deps(require(true), { deviceCheckUrl: url, endpointContext: ep });
    const r = await signIn(d);
    expect(r.outcome.kind).toBe("device_check");
    const tx = (await loadLogin(r.txId))!;
    // The device check is bound to the transaction's stored id (the cookie value never leaves the browser's cookie).
    expect(url).toHaveBeenCalledWith(tx.id, DEVICE_RETURN_PATH);
    expect(tx.state).toBe("DEVICE");
    expect(tx.parsed.deviceCheckSent).toBe(true);
    expect(ep).not.toHaveBeenCalled();

    const redeem = vi.fn(() => trustedProof);
    const back = await resumeAfterDeviceCheck(tx, null, redeem, { ip: "203.0.113.9" }, d);
    expect(back).toEqual({ kind: "mfa" });
    expect(redeem).toHaveBeenCalledWith(tx.id);
    expect(ep).toHaveBeenCalledWith({ proof: trustedProof, blockCompromised: true, userId: r.u.id });
    expect(url).toHaveBeenCalledTimes(1);
    // A second return (replayed URL) finds the transaction past DEVICE.
    expect(await resumeAfterDeviceCheck(await loadLogin(r.txId), null, redeem, {}, d)).toEqual({
      kind: "error",
      error: "expired",
    });
  });

  it("denies a compromised trusted device (endpoint_compromised) and records the endpoint detail", async () => {
    const d = deps(require(true), {
      deviceCheckUrl: async () => "https://device.example/device-check",
      endpointContext: endpoint({ identified: true, trusted: true, compromised: true }),
    });
    const r = await signIn(d);
    const out = await resumeAfterDeviceCheck(await loadLogin(r.txId), null, () => trustedProof, {}, d);
    expect(out).toEqual({ kind: "denied", reason: "endpoint_compromised" });
    const log = await lastLog();
    expect(log.reason).toBe("endpoint_compromised");
    expect(JSON.parse(log.detail!)).toMatchObject({ endpoint: { deviceId: "LAPTOP-1" } });
  });

  it("denies a device not identified as trusted regardless of its EDR status (endpoint_not_trusted)", async () => {
    for (const compromised of [true, false, null]) {
      const d = deps(require(true), {
        deviceCheckUrl: async () => "https://device.example/device-check",
        endpointContext: endpoint({ identified: true, trusted: false, compromised }),
      });
      const r = await signIn(d);
      expect(await resumeAfterDeviceCheck(await loadLogin(r.txId), null, () => trustedProof, {}, d)).toEqual({
        kind: "denied",
        reason: "endpoint_not_trusted",
      });
    }
  });

  it("with Allow all endpoints lets a compromised device through", async () => {
    const d = deps(allowAll(true), {
      deviceCheckUrl: async () => "https://device.example/device-check",
      endpointContext: endpoint({ identified: true, trusted: true, compromised: true }),
    });
    const r = await signIn(d);
    expect(await resumeAfterDeviceCheck(await loadLogin(r.txId), null, () => trustedProof, {}, d)).toEqual({
      kind: "mfa",
    });
  });

  it("without a device check URL decides at once: not identified", async () => {
    const ep = endpoint({ identified: false, trusted: false, compromised: null });
    const r = await signIn(deps(require(false), { deviceCheckUrl: async () => null, endpointContext: ep }));
    expect(r.outcome).toEqual({ kind: "denied", reason: "endpoint_not_trusted" });
    expect(ep).toHaveBeenCalledWith({ proof: null, blockCompromised: false, userId: r.u.id });
  });

  it("makes no device check and no endpoint query when the policy does not need the endpoint", async () => {
    const url = vi.fn(async () => "https://device.example/device-check");
    const ep = endpoint({ identified: false, trusted: false, compromised: null });
    const r = await signIn(deps(allowAll(false), { deviceCheckUrl: url, endpointContext: ep }));
    expect(r.outcome).toEqual({ kind: "mfa" });
    expect(url).not.toHaveBeenCalled();
    expect(ep).not.toHaveBeenCalled();
  });
});
