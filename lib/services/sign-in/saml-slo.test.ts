import { proved } from "../../../test/sign-in";
import { SAML, ValidateInResponseTo, type Profile, type SamlConfig } from "@node-saml/node-saml";
import { beforeAll, describe, expect, it } from "vitest";
import { queryOf, spCertPem, spKeyPem } from "../../../test/fixtures/saml";
import { hashPassword } from "../../crypto/password";
import type { ApplicationRecord, ApplicationWrite } from "../../db/applications";
import { idpUrlsFor, makeApplication } from "../../../test/helpers";
import { listRecentAuthLogs } from "../../db/auth-log";
import { writeSettings } from "../../db/settings";
import { findKeysInState } from "../../db/signing-keys";
import { insertUser } from "../../db/users";
import { submitIdentifier, submitPassword, type PolicyDeps } from "../../login/password-step";
import { readLockoutSettings } from "../../mfa/lockout";
import {
  DEFAULT_GLOBAL_POLICY_SETTINGS,
  effectivePolicy,
  serializePolicySettings,
  type GlobalPolicySettings,
} from "../../policy";
import { ensureGlobalPolicy } from "../../db/policies";
import { invalidatePolicyCache } from "../policies/effective-policy";
import { createSsoSession, resolveSsoSession } from "../../login/session";
import { loadLogin } from "../../login/transaction";
import type { OutboundMessage, RedirectMessage } from "../../saml";
import { findLoginApplication } from "./login-application";
import { receiveLogoutMessage, type SloStep } from "./saml-slo";
import { applicationMetadata, completeSignIn, receiveAuthnRequest } from "./saml-sso";

const BASE = "https://idp.test";
const CTX = { ip: "198.51.100.8", userAgent: "vitest" };
const PASSWORD = "correct horse battery staple";

/** The password alone signs these users in: New User policy "Allow access without 2FA" (they have no authenticator). */
const PASSWORD_ONLY_SETTINGS = {
  ...structuredClone(DEFAULT_GLOBAL_POLICY_SETTINGS),
  newUserPolicy: { action: "allow" },
} as GlobalPolicySettings;
const PASSWORD_ONLY: PolicyDeps = {
  policy: async () => effectivePolicy({ id: "p", name: "Global Policy", settings: PASSWORD_ONLY_SETTINGS }),
  lockout: async () => readLockoutSettings({}),
};

const idp = (app: ApplicationRecord) => idpUrlsFor(BASE, app);

/** A test application with a Single Logout URL at its SP. */
const createApp = (name: string, overrides: Partial<ApplicationWrite> = {}) =>
  makeApplication(name, {
    sloUrl: `https://${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}.sp.test/slo`,
    ...overrides,
  });

let activeCertPem: string;

/** node-saml as the application's SP: its ACS and SLO endpoints, trusting the IdP's active certificate. */
function spFor(app: ApplicationRecord, options: Partial<SamlConfig> = {}): SAML {
  return new SAML({
    entryPoint: idp(app).ssoUrl,
    logoutUrl: idp(app).sloUrl,
    issuer: app.spEntityId!,
    callbackUrl: app.acs[0]!.url,
    logoutCallbackUrl: app.sloUrl ?? undefined,
    audience: app.spEntityId!,
    idpIssuer: idp(app).entityId,
    idpCert: activeCertPem,
    identifierFormat: app.nameIdFormat,
    validateInResponseTo: ValidateInResponseTo.always,
    ...(app.requireSignedRequests
      ? { privateKey: spKeyPem, signatureAlgorithm: "sha256" as const, digestAlgorithm: "sha256" as const }
      : {}),
    ...options,
  });
}

/** A node-saml SP with the session it got from Portcullis. */
type SignedIn = { sp: SAML; profile: Profile };

/** SP-initiated sign-in: with the password when there is no SSO session yet, else with the session. */
async function signIn(app: ApplicationRecord, username: string, ssoId?: string): Promise<SignedIn & { ssoId: string }> {
  const sp = spFor(app);
  const step = await receiveAuthnRequest(
    app.key,
    { binding: "redirect", query: queryOf(await sp.getAuthorizeUrlAsync("", undefined, {})) },
    CTX,
  );
  if (step.kind !== "login") throw new Error(`expected a login transaction, got ${step.kind}`);
  if (!ssoId) {
    await submitIdentifier(step.txId, username);
    const tx = (await loadLogin(step.txId))!;
    const done = await submitPassword(tx, await findLoginApplication(tx.applicationId), PASSWORD, CTX, PASSWORD_ONLY);
    if (done.kind !== "done") throw new Error(`expected done, got ${done.kind}`);
    ssoId = (await createSsoSession(done.userId, proved("pwd"))).token;
  }
  const post = await completeSignIn(app.key, step.txId, ssoId, CTX);
  if (post.kind !== "post") throw new Error(`expected a Response, got ${post.kind}`);
  const { profile } = await sp.validatePostResponseAsync({ SAMLResponse: post.message.fields.SAMLResponse! });
  return { sp, profile: profile!, ssoId };
}

function expectRedirect(
  step: SloStep,
  param: "SAMLRequest" | "SAMLResponse",
  destination: string,
): { message: RedirectMessage; params: Record<string, string> } {
  expect(step.kind).toBe("send");
  const message = (step as { message: OutboundMessage }).message;
  expect(message.binding).toBe("redirect");
  expect(message.url.startsWith(`${destination}?${param}=`)).toBe(true);
  return { message: message as RedirectMessage, params: Object.fromEntries(new URLSearchParams(queryOf(message.url))) };
}

const redirect = (url: string) => ({ binding: "redirect" as const, query: queryOf(url) });

let appA: ApplicationRecord; // requires signed requests: node-saml signs its LogoutRequest
let appB: ApplicationRecord;
let appC: ApplicationRecord; // no Single Logout URL

beforeAll(async () => {
  // The SSO-session path reads the Global Policy from the database: the same one.
  await ensureGlobalPolicy(serializePolicySettings(PASSWORD_ONLY_SETTINGS));
  await invalidatePolicyCache();
  await writeSettings({ publicBaseUrl: BASE });
  const passwordHash = await hashPassword(PASSWORD);
  for (const username of ["alice", "bob", "carol", "dan"])
    await insertUser({ username, email: `${username}@example.com`, passwordHash });
  appA = await createApp("App A", { requireSignedRequests: true, spCertificatePem: spCertPem });
  appB = await createApp("App B");
  appC = await createApp("App C", { sloUrl: null });
  await applicationMetadata(appA.key); // creates the first signing key
  activeCertPem = (await findKeysInState(["ACTIVE"]))[0]!.certificatePem;
});

describe("Single Logout across the session's applications", () => {
  it("A's LogoutRequest logs the user out of B, then A gets its LogoutResponse with its RelayState; the session ends", async () => {
    const a = await signIn(appA, "alice");
    const b = await signIn(appB, "alice", a.ssoId);
    await signIn(appC, "alice", a.ssoId); // in the session, but without SLO URL: skipped
    expect(await resolveSsoSession(a.ssoId)).not.toBeNull();

    // 1. A sends a signed LogoutRequest (Redirect) with its RelayState.
    const logoutUrl = await a.sp.getLogoutUrlAsync(a.profile, "a-state/after-logout", {});
    expect(logoutUrl.startsWith(`${idp(appA).sloUrl}?SAMLRequest=`)).toBe(true);
    const toB = expectRedirect(
      await receiveLogoutMessage(appA.key, redirect(logoutUrl), a.ssoId, CTX),
      "SAMLRequest",
      appB.sloUrl!,
    );
    expect((await receiveLogoutMessage(appA.key, redirect(logoutUrl), a.ssoId, CTX)).kind).toBe("error"); // replayed
    expect(await resolveSsoSession(a.ssoId)).toBeNull();
    expect(toB.params.RelayState).toMatch(/^[A-Za-z0-9_-]{20,80}$/);
    expect(toB.params.Signature).toBeDefined();

    // 2. B (node-saml) validates our signed LogoutRequest for its user and session.
    const atB = await b.sp.validateRedirectAsync(toB.params, queryOf(toB.message.url));
    expect(atB.loggedOut).toBe(true);
    expect(atB.profile).toMatchObject({
      nameID: "alice@example.com",
      sessionIndex: b.profile.sessionIndex,
      issuer: idp(appB).entityId,
    });

    // 3. B answers with a LogoutResponse carrying our RelayState.
    const responseUrl = await b.sp.getLogoutResponseUrlAsync(atB.profile!, toB.params.RelayState!, {}, true);
    const toA = expectRedirect(
      await receiveLogoutMessage(appB.key, redirect(responseUrl), undefined, CTX),
      "SAMLResponse",
      appA.sloUrl!,
    );
    expect(toA.params.RelayState).toBe("a-state/after-logout");

    // 4. A (node-saml) validates the LogoutResponse to its own request.
    const atA = await a.sp.validateRedirectAsync(toA.params, queryOf(toA.message.url));
    expect(atA).toEqual({ profile: null, loggedOut: true });
    // node-saml really checked our signature: an SP trusting another certificate refuses it.
    await expect(
      spFor(appA, { idpCert: spCertPem }).validateRedirectAsync(toA.params, queryOf(toA.message.url)),
    ).rejects.toThrow();

    // One row, written when the chain ended (B answered Success), for the user (not the NameID's text).
    const log = (await listRecentAuthLogs(50)).find((r) => r.reason === "logout" && r.username === "alice");
    expect(log).toMatchObject({ result: "SUCCESS", applicationId: appA.id });
    expect(JSON.parse(log!.detail!)).toEqual({ sessions: 1, via: "signature" });
    // The chain answered once: the same LogoutResponse again is unexpected.
    expect(await receiveLogoutMessage(appB.key, redirect(responseUrl), undefined, CTX)).toEqual({
      kind: "error",
      status: 400,
    });
  });

  it("with no other application in the session, A gets its LogoutResponse at once", async () => {
    const a = await signIn(appA, "bob");
    const logoutUrl = await a.sp.getLogoutUrlAsync(a.profile, "just-a", {});
    const toA = expectRedirect(
      await receiveLogoutMessage(appA.key, redirect(logoutUrl), undefined, CTX),
      "SAMLResponse",
      appA.sloUrl!,
    );
    expect(toA.params.RelayState).toBe("just-a");
    expect((await a.sp.validateRedirectAsync(toA.params, queryOf(toA.message.url))).loggedOut).toBe(true);
    expect(await resolveSsoSession(a.ssoId)).toBeNull();
  });

  it("a LogoutResponse with the wrong InResponseTo is refused and logged; the chain still waits for the right one", async () => {
    const a = await signIn(appA, "carol");
    const b = await signIn(appB, "carol", a.ssoId);
    const logoutUrl = await a.sp.getLogoutUrlAsync(a.profile, "carol-state", {});
    const toB = expectRedirect(
      await receiveLogoutMessage(appA.key, redirect(logoutUrl), a.ssoId, CTX),
      "SAMLRequest",
      appB.sloUrl!,
    );
    const atB = await b.sp.validateRedirectAsync(toB.params, queryOf(toB.message.url));

    const forged = await b.sp.getLogoutResponseUrlAsync(
      { ...atB.profile!, ID: "_not-our-request" },
      toB.params.RelayState!,
      {},
      true,
    );
    expect(await receiveLogoutMessage(appB.key, redirect(forged), undefined, CTX)).toEqual({
      kind: "error",
      status: 400,
    });
    expect((await listRecentAuthLogs(20)).find((r) => r.reason === "unexpected_logout_response")).toMatchObject({
      result: "FAILURE",
      applicationId: appB.id,
    });

    // Nor is the right response accepted at another application's SLO endpoint.
    const genuine = await b.sp.getLogoutResponseUrlAsync(atB.profile!, toB.params.RelayState!, {}, true);
    expect((await receiveLogoutMessage(appC.key, redirect(genuine), undefined, CTX)).kind).toBe("error");

    const toA = expectRedirect(
      await receiveLogoutMessage(appB.key, redirect(genuine), undefined, CTX),
      "SAMLResponse",
      appA.sloUrl!,
    );
    expect(toA.params.RelayState).toBe("carol-state");
  });

  it("refuses an unsigned LogoutRequest from an application that requires signed requests, keeping the session", async () => {
    const a = await signIn(appA, "dan");
    const unsigned = spFor(appA, { privateKey: undefined });
    const url = await unsigned.getLogoutUrlAsync(a.profile, "x", {});
    expect(await receiveLogoutMessage(appA.key, redirect(url), a.ssoId, CTX)).toEqual({ kind: "error", status: 400 });
    expect(await resolveSsoSession(a.ssoId)).not.toBeNull();
    expect(
      (await listRecentAuthLogs(20)).find((r) => r.reason === "unsigned_request" && r.applicationId === appA.id),
    ).toBeDefined();
  });

  it("answers 404 for an unknown application", async () => {
    expect(
      await receiveLogoutMessage(
        "DINOSUCHAPPLICATION0",
        { binding: "redirect", query: "SAMLRequest=x" },
        undefined,
        CTX,
      ),
    ).toEqual({ kind: "error", status: 404 });
  });
});

describe("Logout started at the IdP (portal Sign out)", () => {
  it("ends the session, sends each SP with a Single Logout URL a signed LogoutRequest, and names the SP that did not answer", async () => {
    const { startPortalLogout, logoutRunView, finishLogoutRun } = await import("./idp-logout");
    const { listTraceEntries } = await import("../../db/saml-trace");
    const a = await signIn(appA, "carol");
    await signIn(appB, "carol", a.ssoId);
    await signIn(appC, "carol", a.ssoId); // no Single Logout URL: nothing to tell

    const runId = await startPortalLogout(a.ssoId, CTX);
    expect(runId).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await resolveSsoSession(a.ssoId)).toBeNull(); // fail closed: ended before any SP answers
    const view = (await logoutRunView(runId!))!;
    expect(view.hops.map((h) => [h.appName, h.status])).toEqual([
      ["App A", "pending"],
      ["App B", "pending"],
    ]);

    // A (node-saml) validates our signed LogoutRequest for its session and answers.
    const hop = view.hops[0]!;
    const params = Object.fromEntries(new URLSearchParams(queryOf(hop.url)));
    expect(hop.url.startsWith(`${appA.sloUrl}?SAMLRequest=`)).toBe(true);
    const atA = await a.sp.validateRedirectAsync(params, queryOf(hop.url));
    expect(atA.profile).toMatchObject({ nameID: "carol@example.com", sessionIndex: a.profile.sessionIndex });
    const answer = await a.sp.getLogoutResponseUrlAsync(atA.profile!, params.RelayState!, {}, true);
    expect(await receiveLogoutMessage(appA.key, redirect(answer), undefined, CTX)).toEqual({
      kind: "hop",
      relayState: `${runId}.0`,
    });
    // The same answer again, or one sent to another application's endpoint, is refused.
    expect((await receiveLogoutMessage(appA.key, redirect(answer), undefined, CTX)).kind).toBe("error");

    // B never answers: the browser gives up after the timeout and the result names it.
    const result = (await finishLogoutRun(runId!, CTX))!;
    expect(result.signedOut).toEqual(["App A"]);
    expect(result.failed).toEqual([{ appName: "App B", detail: "no answer within 5 seconds" }]);
    expect(await finishLogoutRun(runId!, CTX)).toEqual(result); // the same result, logged once
    const rows = (await listRecentAuthLogs(50)).filter((r) => r.username === "carol" && r.reason === "logout_partial");
    expect(rows).toHaveLength(1);
    expect(rows[0]!.result).toBe("FAILURE");
    expect(JSON.parse(rows[0]!.detail!).failed).toEqual([{ application: "App B", why: "no answer within 5 seconds" }]);

    // The SAML trace of A shows the request sent and the response accepted.
    const trace = await listTraceEntries(appA.id);
    expect(trace.find((t) => t.messageType === "LogoutRequest" && t.verdict === "SENT")).toBeDefined();
    expect(trace.find((t) => t.messageType === "LogoutResponse" && t.verdict === "ACCEPTED")).toBeDefined();
  });

  it("with no SP to tell, the session simply ends", async () => {
    const { startPortalLogout } = await import("./idp-logout");
    const c = await signIn(appC, "dan");
    expect(await startPortalLogout(c.ssoId, CTX)).toBeNull();
    expect(await resolveSsoSession(c.ssoId)).toBeNull();
    expect((await listRecentAuthLogs(50)).find((r) => r.username === "dan" && r.reason === "logout")).toBeDefined();
  });
});
