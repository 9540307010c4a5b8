// Finding 3: portal self-service from a weak session. Adding, renaming or removing an
// authenticator at /sso/portal needs a second factor proved within the last few minutes
// when the user has one; a password-only session is sent to step up first.
import { beforeAll, describe, expect, it } from "vitest";
import { listAuthenticators } from "../../db/authenticators";
import { newTotpSecret, totpCode } from "../../mfa/totp";
import { CTX, PASSWORD, applicationWithPolicy, endUser, setGlobalPolicy } from "../../../test/sign-in";
import { identify, verifyPassword } from "./hosted-login";
import { completeSignIn, startIdpInitiated } from "./saml-sso";
import { confirmTotpForPortal, removeMine, renameMine, sessionFor, startTotpForPortal } from "./portal-authenticators";

beforeAll(async () => {
  await setGlobalPolicy({ newUserPolicy: { action: "allow" } });
});

async function passwordOnlySession(username: string) {
  const wiki = await applicationWithPolicy("Wiki", { authenticationPolicy: { action: "bypass_2fa" } });
  const start = await startIdpInitiated(wiki.key, CTX);
  if (start.kind !== "login") throw new Error("expected a login transaction");
  await identify(start.txId, username, CTX);
  const pw = await verifyPassword(start.txId, PASSWORD, CTX);
  expect(pw.outcome.kind).toBe("done");
  expect((await completeSignIn(wiki.key, start.txId, pw.session!.token, CTX)).kind).toBe("post");
  return pw.session!.token;
}

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
