// Finding 4: sessions must not outlive what they proved. Each event that weakens what a
// session proved (password reset, an authenticator removed in the console or the portal,
// status Disabled, an automatic lockout, deletion, restore) ends the user's SSO sessions,
// remembered devices and pending sign-ins, with one Authentication Log row.
import { describe, expect, it } from "vitest";
import { makeAdmin } from "../../../test/helpers";
import {
  CTX,
  PASSWORD,
  addAuthenticatorApp,
  endUser,
  setGlobalPolicy,
  type EndUser,
  proved,
} from "../../../test/sign-in";
import { listRecentAuthLogs } from "../../db/auth-log";
import { submitIdentifier, submitPassword, type PolicyDeps } from "../../login/password-step";
import { createSsoSession, resolveSsoSession } from "../../login/session";
import { beginLogin, loadLogin, saveLogin } from "../../login/transaction";
import { readLockoutSettings } from "../../mfa/lockout";
import { DEFAULT_GLOBAL_POLICY_SETTINGS, effectivePolicy, type GlobalPolicySettings } from "../../policy";
import { checkRememberedDevice, issueRememberedDevice } from "../policies/remembered-devices";
import { removeMine } from "../sign-in/portal-authenticators";
import { createResetLink, deleteUser, removeAuthenticator, restoreDeletedUser, updateUser } from "./manage-users";
import { resetPasswordWithLink } from "./password-reset";

/** What a signed-in browser holds: an SSO session (passcode proved now), a remembered device and a sign-in in progress. */
async function signedIn(user: EndUser) {
  const sso = await createSsoSession(user.id, proved("pwd", "totp"));
  const remembered = await issueRememberedDevice({ userId: user.id, applicationId: null, hours: 24 });
  const txId = await beginLogin(
    { applicationId: null, requestId: null, acsUrl: null, acsBinding: null, relayState: null, forceAuthn: false },
    CTX,
  );
  await saveLogin((await loadLogin(txId))!.id, {
    state: "MFA",
    userId: user.id,
    data: { username: user.username, mfa: { factors: ["totp"] } },
  });
  return { sso: sso.token, remembered: remembered.value, txId };
}

async function expectEnded(user: EndUser, held: Awaited<ReturnType<typeof signedIn>>, event: string) {
  expect(await resolveSsoSession(held.sso)).toBeNull();
  expect(
    await checkRememberedDevice({ token: held.remembered, userId: user.id, applicationId: null, maxHours: 24 }),
  ).toBe(false);
  expect(await loadLogin(held.txId)).toBeNull();
  const row = (await listRecentAuthLogs(20)).find((r) => r.userId === user.id && r.reason === "sessions_ended");
  expect(row).toBeDefined();
  expect(JSON.parse(row!.detail!)).toMatchObject({ event, sessions: 1, rememberedDevices: 1, pendingSignIns: 1 });
}

describe("revocation ends sessions, remembered devices and pending sign-ins", () => {
  it("on a password reset by one-time link", async () => {
    const user = await endUser();
    const held = await signedIn(user);
    const owner = await makeAdmin("OWNER");
    const { url } = await createResetLink(owner, user.id);
    const token = url.slice(url.lastIndexOf("/") + 1);
    const newPassword = "a brand new password 2026";
    expect(await resetPasswordWithLink(token, { password: newPassword, confirm: newPassword })).toMatchObject({
      ok: true,
    });
    await expectEnded(user, held, "password_reset");
  });

  it("on the removal of an authenticator in the console", async () => {
    const user = await endUser();
    const held = await signedIn(user);
    await removeAuthenticator(await makeAdmin("OWNER"), user.id, user.authenticatorId!);
    await expectEnded(user, held, "authenticator_removed");
  });

  it("on the removal of an authenticator in the portal (by the user, after a fresh second factor)", async () => {
    const user = await endUser();
    await addAuthenticatorApp(user);
    const held = await signedIn(user);
    expect(await removeMine(held.sso, user.authenticatorId!, CTX)).toEqual({
      ok: true,
      message: "removed",
      signedOut: true,
    });
    await expectEnded(user, held, "authenticator_removed");
  });

  it("on a status change to Disabled", async () => {
    const user = await endUser();
    const held = await signedIn(user);
    await updateUser(await makeAdmin("OWNER"), user.id, {
      email: `${user.username}@example.com`,
      realName: "",
      status: "DISABLED",
      aliases: "",
    });
    await expectEnded(user, held, "status_disabled");
  });

  it("on an automatic lockout after failed passwords", async () => {
    await setGlobalPolicy();
    const user = await endUser();
    const held = await signedIn(user);
    const deps: PolicyDeps = {
      policy: async () =>
        effectivePolicy({
          id: "g",
          name: "Global Policy",
          settings: structuredClone(DEFAULT_GLOBAL_POLICY_SETTINGS) as GlobalPolicySettings,
        }),
      lockout: async () => readLockoutSettings({ lockoutThreshold: 2 }),
    };
    for (let i = 0; i < 2; i++) {
      const txId = await beginLogin(
        { applicationId: null, requestId: null, acsUrl: null, acsBinding: null, relayState: null, forceAuthn: false },
        CTX,
      );
      await submitIdentifier(txId, user.username);
      await submitPassword((await loadLogin(txId))!, null, `${PASSWORD} wrong`, CTX, deps);
    }
    await expectEnded(user, held, "status_locked_out");
  });

  it("on deletion to the trash, and they stay ended after a restore", async () => {
    const user = await endUser();
    const held = await signedIn(user);
    const owner = await makeAdmin("OWNER");
    await deleteUser(owner, user.id);
    await expectEnded(user, held, "user_deleted");
    const after = await signedIn(user); // anything issued in between (it cannot be used while deleted)
    await restoreDeletedUser(owner, user.id);
    expect(await resolveSsoSession(held.sso)).toBeNull();
    expect(await resolveSsoSession(after.sso)).toBeNull();
    const rows = (await listRecentAuthLogs(20)).filter((r) => r.userId === user.id && r.reason === "sessions_ended");
    expect(rows.map((r) => JSON.parse(r.detail!).event)).toEqual(["user_restored", "user_deleted"]);
  });
});
