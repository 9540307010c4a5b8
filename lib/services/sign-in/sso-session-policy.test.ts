// The SSO-session path (a second application in the same browser) asks the assurance: the
// user as stored now, the application's policy, and what the session proved and when. Enough:
// the Response; not enough: a step-up on the hosted pages (second factor, enrollment or the
// device check), never the password again; a policy that denies: denied.
import { describe, expect, it } from "vitest";
import { CTX, endUser, proved, setGlobalPolicy } from "../../../test/sign-in";
import { makeApplication } from "../../../test/helpers";
import { insertAuthenticator } from "../../db/authenticators";
import { listRecentAuthLogs } from "../../db/auth-log";
import type { ProofFactor } from "../../login/assurance";
import { endUserSessions } from "../../login/revocation";
import { createSsoSession } from "../../login/session";
import { loadLogin } from "../../login/transaction";
import { issueRememberedDevice } from "../policies/remembered-devices";
import { completeSignIn, startIdpInitiated } from "./saml-sso";

type User = Awaited<ReturnType<typeof endUser>>;

async function viaSession(
  factors: ProofFactor[],
  opts: { user?: User; ctx?: typeof CTX & { rememberedDeviceToken?: (a: string | null) => string | null } } = {},
) {
  const app = await makeApplication(`App ${Math.random().toString(36).slice(2, 8)}`);
  const user = opts.user ?? (await endUser());
  const sso = await createSsoSession(user.id, proved(...factors));
  const step = await startIdpInitiated(app.key, CTX);
  if (step.kind !== "login") throw new Error("expected a login transaction");
  const result = await completeSignIn(app.key, step.txId, sso.token, opts.ctx ?? CTX);
  return { result, app, user, txId: step.txId, sso };
}

describe("signing in with the SSO session", () => {
  it("a session with a second factor signs in; a password-only one steps up to the second factor", async () => {
    await setGlobalPolicy({});
    expect((await viaSession(["pwd", "totp"])).result.kind).toBe("post");
    expect((await viaSession(["pwd", "bypass"])).result.kind).toBe("post");
    const weak = await viaSession(["pwd"]);
    expect(weak.result).toEqual({ kind: "step_up", next: "/sso/verify" });
    const tx = (await loadLogin(weak.txId))!;
    expect(tx).toMatchObject({ state: "MFA", userId: weak.user.id });
    expect(tx.parsed).toMatchObject({ mfa: { factors: ["totp"] }, stepUp: { sessionId: weak.sso.id } });
  });

  it("the logged success says what the session proved", async () => {
    await setGlobalPolicy({});
    const { user } = await viaSession(["pwd", "totp"]);
    const row = (await listRecentAuthLogs(1))[0]!;
    expect(row).toMatchObject({ userId: user.id, result: "SUCCESS", reason: "sso_session", factor: "sso_session" });
    expect(JSON.parse(row.detail!)).toMatchObject({ assurance: "second_factor" });
  });

  it("a proved factor that the application's methods do not allow does not count: step up to an allowed one", async () => {
    await setGlobalPolicy({ authenticationMethods: { allowed: ["webauthn"] } });
    const user = await endUser();
    await insertAuthenticator(user.id, {
      type: "WEBAUTHN",
      name: "Key",
      credentialId: `cred-${user.id}`,
      publicKey: "pk",
      counter: 0n,
      transports: null,
    });
    expect((await viaSession(["pwd", "totp"], { user })).result).toEqual({ kind: "step_up", next: "/sso/verify" });
    expect((await viaSession(["pwd", "webauthn"], { user })).result.kind).toBe("post");
    // A user whose only authenticator is not allowed is denied, as at a fresh sign-in.
    expect((await viaSession(["pwd", "totp"])).result).toMatchObject({ kind: "denied", reason: "no_allowed_factor" });
  });

  it("a user without an authenticator steps up to enrollment (Require enrollment), not to the password", async () => {
    await setGlobalPolicy({});
    const user = await endUser({ totp: false });
    expect((await viaSession(["pwd"], { user })).result).toEqual({ kind: "step_up", next: "/sso/enroll" });
  });

  it("a remembered device of this application spares the step-up", async () => {
    await setGlobalPolicy({ rememberedDevices: { enabled: true, hours: 12 } });
    const user = await endUser();
    const app = await makeApplication(`Remembered ${Math.random().toString(36).slice(2, 8)}`);
    const rd = await issueRememberedDevice({ userId: user.id, applicationId: app.id, hours: 12 });
    const sso = await createSsoSession(user.id, proved("pwd"));
    const ctx = { ...CTX, rememberedDeviceToken: (a: string | null) => (a === app.id ? rd.value : null) };
    const step = await startIdpInitiated(app.key, CTX);
    if (step.kind !== "login") throw new Error("expected a login transaction");
    expect((await completeSignIn(app.key, step.txId, sso.token, ctx)).kind).toBe("post");
    expect((await listRecentAuthLogs(1))[0]).toMatchObject({ reason: "sso_session", factor: "remembered_device" });
    // Another application's cookie does not count.
    expect((await viaSession(["pwd"], { user, ctx })).result).toEqual({ kind: "step_up", next: "/sso/verify" });
  });

  it("Authentication policy Deny access denies, logged as policy_denied", async () => {
    await setGlobalPolicy({ authenticationPolicy: { action: "deny" } });
    expect((await viaSession(["pwd", "totp"])).result).toMatchObject({ kind: "denied", reason: "policy_denied" });
    expect((await listRecentAuthLogs(1))[0]).toMatchObject({
      result: "DENIED",
      reason: "policy_denied",
      factor: "sso_session",
    });
  });

  it("outside the authorized networks with Deny access, the session is refused (network_not_authorized); inside it signs in", async () => {
    await setGlobalPolicy({
      authorizedNetworks: { allowList: ["10.0.0.0/8"], outside: "deny", allowWithout2fa: false },
    });
    expect((await viaSession(["pwd", "totp"])).result).toMatchObject({
      kind: "denied",
      reason: "network_not_authorized",
    });
    expect((await listRecentAuthLogs(1))[0]).toMatchObject({
      result: "DENIED",
      reason: "network_not_authorized",
      ip: CTX.ip,
    });
    await setGlobalPolicy({
      authorizedNetworks: { allowList: ["198.51.100.0/24"], outside: "deny", allowWithout2fa: false },
    });
    expect((await viaSession(["pwd", "totp"])).result.kind).toBe("post");
  });

  it("a policy that needs the endpoint checks it for this request: without a device check URL it is not identified (denied)", async () => {
    await setGlobalPolicy({ trustedEndpoints: { mode: "require_trusted", blockCompromised: false } });
    expect((await viaSession(["pwd", "totp"])).result).toMatchObject({
      kind: "denied",
      reason: "endpoint_not_trusted",
    });
    await setGlobalPolicy({ trustedEndpoints: { mode: "allow_all", blockCompromised: false } });
    expect((await viaSession(["pwd", "totp"])).result.kind).toBe("post");
  });

  it("a session from before a revocation asks for the password again", async () => {
    await setGlobalPolicy({});
    const user = await endUser();
    const sso = await createSsoSession(user.id, proved("pwd", "totp"));
    await endUserSessions(user, "password_reset");
    const app = await makeApplication(`After reset ${Math.random().toString(36).slice(2, 8)}`);
    const step = await startIdpInitiated(app.key, CTX);
    if (step.kind !== "login") throw new Error("expected a login transaction");
    expect(await completeSignIn(app.key, step.txId, sso.token, CTX)).toEqual({ kind: "prompt" });
  });
});
