import { describe, expect, it } from "vitest";
import { hashPassword } from "../crypto/password";
import { sealSecret } from "../crypto/secrets";
import { listRecentAuthLogs } from "../db/auth-log";
import { insertAuthenticator, insertBypassCodes, listAuthenticators } from "../db/authenticators";
import { readLockState } from "../db/user-lockout";
import { insertUser } from "../db/users";
import { issueBypassCodes } from "../mfa/bypass-codes";
import { readLockoutSettings } from "../mfa/lockout";
import { totpCode, newTotpSecret, TOTP_PERIOD } from "../mfa/totp";
import { userTotpSealContext } from "../mfa/totp-enrollment";
import { DEFAULT_GLOBAL_POLICY_SETTINGS, effectivePolicy, type GlobalPolicySettings } from "../policy";
import { confirmTotpEnrollment, submitBypassCode, submitPasscode, totpEnrollment } from "./mfa-step";
import { submitIdentifier, submitPassword, type PolicyDeps } from "./password-step";
import { beginLogin, loadLogin } from "./transaction";

const PASSWORD = "correct horse battery staple";
const CTX = { ip: "203.0.113.9", userAgent: "vitest" };
const APP = null;

function deps(over: Partial<GlobalPolicySettings> = {}, threshold = 10): PolicyDeps {
  const settings = { ...structuredClone(DEFAULT_GLOBAL_POLICY_SETTINGS), ...over } as GlobalPolicySettings;
  return {
    policy: async () => effectivePolicy({ id: "g", name: "Global Policy", settings }),
    lockout: async () => readLockoutSettings({ lockoutThreshold: threshold }),
  };
}

let n = 0;
async function user(opts: { totp?: string; status?: string } = {}) {
  const u = await insertUser({
    username: `u${++n}-${Date.now()}`,
    passwordHash: await hashPassword(PASSWORD),
    status: opts.status,
  });
  if (opts.totp)
    await insertAuthenticator(u.id, {
      type: "TOTP",
      name: "App",
      secretSealed: sealSecret(opts.totp, userTotpSealContext(u.id)),
    });
  return u;
}

async function afterPassword(username: string, d: PolicyDeps) {
  const txId = await beginLogin(
    { applicationId: null, requestId: null, acsUrl: null, acsBinding: null, relayState: null, forceAuthn: false },
    CTX,
  );
  await submitIdentifier(txId, username);
  const outcome = await submitPassword((await loadLogin(txId))!, APP, PASSWORD, CTX, d);
  return { txId, outcome };
}

const lastLog = async () => (await listRecentAuthLogs(1))[0]!;

describe("after the password, the policy decides", () => {
  it("an enrolled user is asked for a second factor; an unenrolled one enrolls; New User deny denies", async () => {
    const enrolled = await user({ totp: newTotpSecret() });
    expect((await afterPassword(enrolled.username, deps())).outcome).toEqual({ kind: "mfa" });
    const fresh = await user();
    expect((await afterPassword(fresh.username, deps())).outcome).toEqual({ kind: "enroll" });
    expect((await afterPassword(fresh.username, deps({ newUserPolicy: { action: "deny" } }))).outcome).toEqual({
      kind: "denied",
      reason: "new_user_denied",
    });
    expect(await lastLog()).toMatchObject({ result: "DENIED", reason: "new_user_denied" });
  });

  it("a Bypass user skips the second factor and the log says user_marked_bypass", async () => {
    const u = await user({ status: "BYPASS", totp: newTotpSecret() });
    expect((await afterPassword(u.username, deps())).outcome).toMatchObject({
      kind: "done",
      proofs: { pwd: expect.any(Number) },
    });
    expect(await lastLog()).toMatchObject({ result: "SUCCESS", reason: "user_marked_bypass", userId: u.id });
  });
});

describe("TOTP", () => {
  it("accepts a code once (±1 step), refuses a replay and a wrong code", async () => {
    const secret = newTotpSecret();
    const u = await user({ totp: secret });
    const now = Date.now();
    const { txId } = await afterPassword(u.username, deps());
    expect(await submitPasscode(await loadLogin(txId), APP, "123", CTX, deps())).toEqual({
      kind: "retry",
      error: "invalid_passcode",
    });
    const code = totpCode(secret, now - TOTP_PERIOD * 1000); // the previous step is tolerated
    expect(await submitPasscode(await loadLogin(txId), APP, code, CTX, deps(), now)).toMatchObject({
      kind: "done",
      proofs: { pwd: expect.any(Number), totp: expect.any(Number) },
    });
    expect(await lastLog()).toMatchObject({ result: "SUCCESS", reason: "valid_passcode", factor: "totp" });
    const again = await afterPassword(u.username, deps());
    expect(await submitPasscode(await loadLogin(again.txId), APP, code, CTX, deps(), now)).toEqual({
      kind: "retry",
      error: "replayed_passcode",
    });
    expect(await lastLog()).toMatchObject({ result: "FAILURE", reason: "invalid_passcode" });
  });

  it("locks the user out at the threshold (password and passcode failures count together)", async () => {
    const secret = newTotpSecret();
    const u = await user({ totp: secret });
    const d = deps({}, 2);
    const { txId } = await afterPassword(u.username, d);
    expect(
      await submitPasscode(await loadLogin(txId), APP, "000000" === totpCode(secret) ? "111111" : "000000", CTX, d),
    ).toEqual({ kind: "retry", error: "invalid_passcode" });
    expect(
      await submitPasscode(await loadLogin(txId), APP, "999999" === totpCode(secret) ? "888888" : "999999", CTX, d),
    ).toEqual({ kind: "denied", reason: "locked_out" });
    expect(await readLockState(u.id)).toMatchObject({ status: "LOCKED_OUT", failedAttempts: 2 });
    // The lockout row, then the revocation's (the sign-in in progress ended with it).
    const [ended, locked] = await listRecentAuthLogs(2);
    expect(locked).toMatchObject({ result: "DENIED", reason: "locked_out", factor: "totp" });
    expect(ended).toMatchObject({ result: "SUCCESS", reason: "sessions_ended", userId: u.id });
    expect(JSON.parse(ended!.detail!)).toMatchObject({ event: "status_locked_out", pendingSignIns: 1 });
    expect(await submitPasscode(await loadLogin(txId), APP, totpCode(secret), CTX, d)).toEqual({ kind: "expired" });
  });

  it("enrollment: the secret stays in the transaction until the first code confirms it", async () => {
    const u = await user();
    const { txId } = await afterPassword(u.username, deps());
    const shown = (await totpEnrollment(await loadLogin(txId), "Tenant"))!;
    expect((await totpEnrollment(await loadLogin(txId), "Tenant"))!.secret).toBe(shown.secret);
    expect(await confirmTotpEnrollment(await loadLogin(txId), APP, totpCode(shown.secret), CTX, deps())).toMatchObject({
      kind: "done",
      proofs: { pwd: expect.any(Number), totp: expect.any(Number) },
    });
    const [a] = await listAuthenticators(u.id);
    expect(a).toMatchObject({ type: "TOTP" });
    expect(await lastLog()).toMatchObject({ result: "SUCCESS", reason: "new_enrollment" });
  });
});

describe("bypass codes", () => {
  it("a code is used once, then refused", async () => {
    const u = await user({ totp: newTotpSecret() });
    const { codes, rows } = await issueBypassCodes({ count: 1, reuseCount: 1, expiresInMinutes: null }, new Date());
    await insertBypassCodes(u.id, rows, null);
    const first = await afterPassword(u.username, deps());
    expect(await submitBypassCode(await loadLogin(first.txId), APP, codes[0]!, CTX, deps())).toMatchObject({
      kind: "done",
      proofs: { pwd: expect.any(Number), bypass: expect.any(Number) },
    });
    expect(await lastLog()).toMatchObject({ result: "SUCCESS", reason: "bypass_code", factor: "bypass_code" });
    const second = await afterPassword(u.username, deps());
    expect(await submitBypassCode(await loadLogin(second.txId), APP, codes[0]!, CTX, deps())).toEqual({
      kind: "retry",
      error: "invalid_bypass_code",
    });
    expect(await lastLog()).toMatchObject({ result: "FAILURE", reason: "invalid_bypass_code" });
  });
});
