// Finding 2: a password-only SSO session (from an application whose policy let the password
// alone through) must not pass another application whose policy needs a second factor, for
// a user who has an authenticator. The session steps up: the user is asked for the second
// factor on the hosted pages (not for the password again), then the application signs in.
import { beforeAll, describe, expect, it } from "vitest";
import { listRecentAuthLogs } from "../../db/auth-log";
import { loadLogin } from "../../login/transaction";
import {
  CTX,
  applicationWithPolicy,
  endUser,
  passcode,
  passwordOnlySession,
  setGlobalPolicy,
} from "../../../test/sign-in";
import { completeSignIn, startIdpInitiated } from "./saml-sso";
import { stepPage, verifyPasscode } from "./second-factor";

beforeAll(async () => {
  // A rollout: users without an authenticator may still sign in; everyone else needs 2FA.
  await setGlobalPolicy({ newUserPolicy: { action: "allow" } });
});

describe("SSO-session reuse asks for the second factor the application's policy needs", () => {
  it("a password-only session does not pass an application that requires 2FA; the passcode (not the password) steps it up", async () => {
    const victim = await endUser();
    const sso = await passwordOnlySession(victim.username);
    const payroll = await applicationWithPolicy("Payroll");

    const start = await startIdpInitiated(payroll.key, CTX);
    if (start.kind !== "login") throw new Error("expected a login transaction");
    const step = await completeSignIn(payroll.key, start.txId, sso, CTX);
    expect(step.kind).not.toBe("post");
    expect(step).toEqual({ kind: "step_up", next: "/sso/verify" });

    // The hosted second-factor page asks this user for a passcode; the password is not asked again.
    const view = await stepPage(start.txId, "MFA");
    expect(view).toMatchObject({ username: victim.username, factors: ["totp"] });
    expect((await loadLogin(start.txId))?.state).toBe("MFA");

    const wrong = await verifyPasscode(start.txId, "000000", CTX);
    expect(wrong).toEqual({ kind: "retry", error: "invalid_passcode" });
    const ok = await verifyPasscode(start.txId, passcode(victim), CTX);
    expect(ok).toMatchObject({ kind: "next", next: `/saml2/idp/${payroll.key}/resume` });
    if (ok.kind !== "next" || !ok.session) throw new Error("expected the stepped-up session");
    expect(ok.session.token).not.toBe(sso); // the session identifier changes with its strength

    const post = await completeSignIn(payroll.key, start.txId, ok.session.token, CTX);
    expect(post.kind).toBe("post");
    // The old, weaker cookie no longer signs anything in.
    const again = await startIdpInitiated(payroll.key, CTX);
    if (again.kind !== "login") throw new Error("expected a login transaction");
    expect((await completeSignIn(payroll.key, again.txId, sso, CTX)).kind).toBe("prompt");

    const rows = (await listRecentAuthLogs(10)).filter((r) => r.userId === victim.id && r.applicationId === payroll.id);
    expect(rows.map((r) => [r.result, r.reason, r.factor])).toEqual([
      ["SUCCESS", "valid_passcode", "totp"],
      ["FAILURE", "invalid_passcode", "totp"],
    ]);
  });
});
