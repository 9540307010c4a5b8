// Finding 3: portal self-service from a weak session. Adding, renaming or removing an
// authenticator at /sso/portal needs a second factor proved within the last few minutes
// when the user has one; a password-only session is sent to step up first.
import { beforeAll, describe, expect, it } from "vitest";
import { listAuthenticators } from "../../db/authenticators";
import { newTotpSecret, totpCode } from "../../mfa/totp";
import { CTX, endUser, passcode, passwordOnlySession, proved, setGlobalPolicy } from "../../../test/sign-in";
import { listRecentAuthLogs } from "../../db/auth-log";
import { createSsoSession } from "../../login/session";
import {
  confirmTotpForPortal,
  removeMine,
  renameMine,
  sessionFor,
  startPortalStepUp,
  startTotpForPortal,
} from "./portal-authenticators";
import { stepPage, verifyPasscode } from "./second-factor";

beforeAll(async () => {
  await setGlobalPolicy({ newUserPolicy: { action: "allow" } });
});

describe("portal self-service from a password-only session", () => {
  it("cannot plant a new authenticator app, rename or remove one", async () => {
    const victim = await endUser();
    const sso = await passwordOnlySession(victim.username);
    const session = (await sessionFor(sso))!;

    // Plant an authenticator app the attacker controls: no key is handed out, and a confirmation is refused.
    expect(await startTotpForPortal(session, undefined, CTX)).toBeNull();
    const planted = await confirmTotpForPortal(sso, "any-token", totpCode(newTotpSecret()), CTX);
    expect(planted).toEqual({ ok: false, error: "verify" });
    expect(await listAuthenticators(victim.id)).toHaveLength(1);

    expect(await renameMine(sso, victim.authenticatorId!, "Attacker", CTX)).toEqual({ ok: false, error: "verify" });
    expect(await removeMine(sso, victim.authenticatorId!, CTX)).toEqual({ ok: false, error: "verify" });
    const left = await listAuthenticators(victim.id);
    expect(left.map((a) => a.name)).toEqual(["Phone"]);
  });
});

describe("Verify it's you, then the change", () => {
  it("steps the session up on the second-factor page and returns to the portal; the old cookie is void", async () => {
    const user = await endUser();
    const sso = await passwordOnlySession(user.username);
    const start = await startPortalStepUp(sso, CTX);
    expect(start.next).toBe("/sso/verify");
    expect(await stepPage(start.txToken, "MFA")).toMatchObject({ manage: true, factors: ["totp"], app: null });
    const ok = await verifyPasscode(start.txToken, passcode(user), CTX);
    expect(ok).toMatchObject({ kind: "next", next: "/sso/portal", clearTransaction: true });
    if (ok.kind !== "next" || !ok.session) throw new Error("expected the stepped-up session");
    expect(await renameMine(ok.session.token, user.authenticatorId!, "Work phone", CTX)).toEqual({
      ok: true,
      message: "renamed",
    });
    expect(await renameMine(sso, user.authenticatorId!, "Again", CTX)).toEqual({ ok: false, error: "expired" });
  });

  it("a second factor proved more than 5 minutes ago must be proved again (the refusal is logged)", async () => {
    const user = await endUser();
    const stale = (await createSsoSession(user.id, proved("pwd", "totp", 6 * 60_000))).token;
    expect(await renameMine(stale, user.authenticatorId!, "Old", CTX)).toEqual({ ok: false, error: "verify" });
    const row = (await listRecentAuthLogs(1))[0]!;
    expect(row).toMatchObject({ userId: user.id, result: "DENIED", reason: "reauthentication_required" });
    expect(JSON.parse(row.detail!)).toMatchObject({ via: "portal", change: "rename" });
    const recent = (await createSsoSession(user.id, proved("pwd", "totp", 60_000))).token;
    expect(await renameMine(recent, user.authenticatorId!, "New", CTX)).toEqual({ ok: true, message: "renamed" });
  });

  it("a user with no second factor at all may add the first from a password-only session", async () => {
    const user = await endUser({ totp: false });
    const sso = await passwordOnlySession(user.username);
    const enrollment = await startTotpForPortal((await sessionFor(sso))!, undefined, CTX);
    expect(enrollment).not.toBeNull();
    const secret = enrollment!.secretText.replace(/\s+/g, "");
    expect(await confirmTotpForPortal(sso, enrollment!.token, totpCode(secret), CTX)).toEqual({
      ok: true,
      message: "added",
    });
    expect(await listAuthenticators(user.id)).toHaveLength(1);
  });
});
