// "Remember me for N hours" after the second factor: the cookie is issued only when the
// policy offered it (rememberHours kept in the transaction) and the user ticked it; the
// issued token is then accepted for the same user and application.
import { describe, expect, it } from "vitest";
import { hashPassword } from "../../crypto/password";
import { sealSecret } from "../../crypto/secrets";
import { insertAuthenticator } from "../../db/authenticators";
import { insertUser } from "../../db/users";
import { readLockoutSettings } from "../../mfa/lockout";
import { newTotpSecret, totpCode } from "../../mfa/totp";
import { userTotpSealContext } from "../../mfa/totp-enrollment";
import { submitIdentifier, submitPassword } from "../../login/password-step";
import { beginLogin, loadLogin } from "../../login/transaction";
import { DEFAULT_GLOBAL_POLICY_SETTINGS, effectivePolicy, type GlobalPolicySettings } from "../../policy";
import { checkRememberedDevice, rememberedDeviceCookieName } from "../policies/remembered-devices";
import { verifyPasscode } from "./second-factor";

const PASSWORD = "correct horse battery staple";
let n = 0;

async function atPasscode(remember: boolean) {
  const settings = {
    ...structuredClone(DEFAULT_GLOBAL_POLICY_SETTINGS),
    ...(remember && { rememberedDevices: { enabled: true, hours: 6 } }),
  } as GlobalPolicySettings;
  const secret = newTotpSecret();
  const u = await insertUser({ username: `rm${++n}-${Date.now()}`, passwordHash: await hashPassword(PASSWORD) });
  await insertAuthenticator(u.id, {
    type: "TOTP",
    name: "App",
    secretSealed: sealSecret(secret, userTotpSealContext(u.id)),
  });
  const txId = await beginLogin(
    { applicationId: null, requestId: null, acsUrl: null, acsBinding: null, relayState: null, forceAuthn: false },
    {},
  );
  await submitIdentifier(txId, u.username);
  const deps = {
    policy: async () => effectivePolicy({ id: "g", name: "Global Policy", settings }),
    lockout: async () => readLockoutSettings({}),
  };
  expect(await submitPassword((await loadLogin(txId))!, null, PASSWORD, {}, deps)).toEqual({ kind: "mfa" });
  return { userId: u.id, txId, code: totpCode(secret) };
}

describe("Remember me after the second factor", () => {
  it("ticked under a policy that remembers devices: a cookie whose token skips the next prompt", async () => {
    const s = await atPasscode(true);
    const r = await verifyPasscode(s.txId, s.code, {}, true);
    if (r.kind !== "next" || !r.remembered) throw new Error(`expected a remembered cookie, got ${JSON.stringify(r)}`);
    expect(r.remembered.name).toBe(rememberedDeviceCookieName(null));
    expect(r.remembered.expiresAt.getTime() - Date.now()).toBeGreaterThan(6 * 3600_000 - 60_000);
    expect(r.remembered.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(6 * 3600_000);
    expect(
      await checkRememberedDevice({ token: r.remembered.value, userId: s.userId, applicationId: null, maxHours: 6 }),
    ).toBe(true);
  });

  it("not ticked: no cookie", async () => {
    const s = await atPasscode(true);
    const r = await verifyPasscode(s.txId, s.code, {}, false);
    expect(r).toMatchObject({ kind: "next" });
    expect(r.kind === "next" && r.remembered).toBeFalsy();
  });

  it("ticked (a crafted form) under a policy that does not remember devices: no cookie", async () => {
    const s = await atPasscode(false);
    const r = await verifyPasscode(s.txId, s.code, {}, true);
    expect(r).toMatchObject({ kind: "next" });
    expect(r.kind === "next" && r.remembered).toBeFalsy();
  });
});
