// The SSO-session path (a second application in the same browser) obeys the application's
// policy: the session's factors must satisfy it, else the user signs in again; a policy that
// denies access denies.
import { describe, expect, it } from "vitest";
import { makeApplication } from "../../../test/helpers";
import { hashPassword } from "../../crypto/password";
import { listRecentAuthLogs } from "../../db/auth-log";
import { dbReady } from "../../db/client";
import { ensureGlobalPolicy } from "../../db/policies";
import { insertUser } from "../../db/users";
import { createSsoSession } from "../../login/session";
import { DEFAULT_GLOBAL_POLICY_SETTINGS, serializePolicySettings, type GlobalPolicySettings } from "../../policy";
import { invalidatePolicyCache } from "../policies/effective-policy";
import { completeSignIn, startIdpInitiated } from "./saml-sso";

const CTX = { ip: "198.51.100.20", userAgent: "vitest" };

async function setGlobal(over: Partial<GlobalPolicySettings>) {
  const settings = serializePolicySettings({
    ...structuredClone(DEFAULT_GLOBAL_POLICY_SETTINGS),
    ...over,
  } as GlobalPolicySettings);
  const row = await ensureGlobalPolicy(settings);
  await (await dbReady()).policy.update({ where: { id: row.id }, data: { settings } });
  invalidatePolicyCache();
}

async function viaSession(factors: string[]) {
  const app = await makeApplication(`App ${Math.random().toString(36).slice(2, 8)}`);
  const user = await insertUser({
    username: `s-${Math.random().toString(36).slice(2, 10)}`,
    email: "s@example.com",
    passwordHash: await hashPassword("x"),
  });
  const sso = await createSsoSession(user.id, factors);
  const step = await startIdpInitiated(app.key, CTX);
  if (step.kind !== "login") throw new Error("expected a login transaction");
  return completeSignIn(app.key, step.txId, sso.id, CTX);
}

describe("signing in with the SSO session", () => {
  it("a session with a second factor signs in; a password-only one is asked to sign in again when 2FA is required", async () => {
    await setGlobal({});
    expect((await viaSession(["pwd", "totp"])).kind).toBe("post");
    expect((await viaSession(["pwd", "bypass"])).kind).toBe("post");
    expect((await viaSession(["pwd"])).kind).toBe("prompt");
  });

  it("a session's factor that the application's methods do not allow asks to sign in again", async () => {
    await setGlobal({ authenticationMethods: { allowed: ["webauthn"] } });
    expect((await viaSession(["pwd", "totp"])).kind).toBe("prompt");
    expect((await viaSession(["pwd", "webauthn"])).kind).toBe("post");
  });

  it("Authentication policy Deny access denies, logged as policy_denied", async () => {
    await setGlobal({ authenticationPolicy: { action: "deny" } });
    expect(await viaSession(["pwd", "totp"])).toMatchObject({ kind: "denied", reason: "policy_denied" });
    expect((await listRecentAuthLogs(1))[0]).toMatchObject({
      result: "DENIED",
      reason: "policy_denied",
      factor: "sso_session",
    });
  });

  it("outside the authorized networks with Deny access, the session is refused (network_not_authorized); inside it signs in", async () => {
    await setGlobal({ authorizedNetworks: { allowList: ["10.0.0.0/8"], outside: "deny", allowWithout2fa: false } });
    expect(await viaSession(["pwd", "totp"])).toMatchObject({ kind: "denied", reason: "network_not_authorized" });
    expect((await listRecentAuthLogs(1))[0]).toMatchObject({
      result: "DENIED",
      reason: "network_not_authorized",
      ip: CTX.ip,
    });
    await setGlobal({
      authorizedNetworks: { allowList: ["198.51.100.0/24"], outside: "deny", allowWithout2fa: false },
    });
    expect((await viaSession(["pwd", "totp"])).kind).toBe("post");
  });

  it("a policy that needs the endpoint (Trusted Endpoints) asks to sign in again, so the device check runs", async () => {
    await setGlobal({ trustedEndpoints: { mode: "require_trusted", blockCompromised: false } });
    expect((await viaSession(["pwd", "totp"])).kind).toBe("prompt");
    await setGlobal({ trustedEndpoints: { mode: "allow_all", blockCompromised: false } });
    expect((await viaSession(["pwd", "totp"])).kind).toBe("post");
  });
});
