import { proved } from "../../../test/sign-in";
import { inflateRawSync } from "node:zlib";
import { SAML, ValidateInResponseTo, type SamlConfig } from "@node-saml/node-saml";
import * as samlify from "samlify";
import { beforeAll, describe, expect, it } from "vitest";
import { fromBase64, queryOf, spCertPem, spKeyPem } from "../../../test/fixtures/saml";
import { idpUrlsFor, makeAdmin, makeApplication } from "../../../test/helpers";
import { hashPassword } from "../../crypto/password";
import type { ApplicationRecord, ApplicationWrite } from "../../db/applications";
import { listRecentAuthLogs } from "../../db/auth-log";
import { dbReady } from "../../db/client";
import { writeSettings } from "../../db/settings";
import { findKeysInState } from "../../db/signing-keys";
import { insertGroup, insertUser } from "../../db/users";
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
import { createSsoSession } from "../../login/session";
import { loadLogin } from "../../login/transaction";
import type { InboundMessage, PostMessage } from "../../saml";
import { BINDING_POST, NAMEID_FORMATS } from "../applications/saml-options";
import { applicationTrace } from "../saml-trace/view-trace";
import { createNextKey } from "../signing-keys/signing-keys";
import { findLoginApplication } from "./login-application";
import { applicationMetadata, completeSignIn, receiveAuthnRequest, startIdpInitiated, type SsoStep } from "./saml-sso";

const BASE = "https://idp.test";
const CTX = { ip: "198.51.100.7", userAgent: "vitest" };
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

/** A test application; SSO tests map the username to "uid" unless overridden. */
const createApp = (name: string, overrides: Partial<ApplicationWrite> = {}) =>
  makeApplication(name, { attributes: [{ source: "username", samlName: "uid" }], ...overrides });

let activeCertPem: string;

/** node-saml as the application's SP, trusting the IdP's active certificate. */
function spFor(app: ApplicationRecord, options: Partial<SamlConfig> = {}): SAML {
  const acs = app.acs.find((a) => a.isDefault)!.url;
  return new SAML({
    entryPoint: idp(app).ssoUrl,
    issuer: app.spEntityId!,
    callbackUrl: acs,
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

async function authnRequest(sp: SAML, relayState = ""): Promise<InboundMessage> {
  return { binding: "redirect", query: queryOf(await sp.getAuthorizeUrlAsync(relayState, undefined, {})) };
}

/** The hosted sign-in pages' password step: identifier, then password. */
async function passwordStep(txId: string, identifier: string, password: string) {
  expect(await submitIdentifier(txId, identifier)).toEqual({ kind: "password" });
  const tx = (await loadLogin(txId))!;
  return submitPassword(tx, await findLoginApplication(tx.applicationId), password, CTX, PASSWORD_ONLY);
}

/** The XML of a Redirect-binding message. */
function inflated(message: InboundMessage): string {
  if (message.binding !== "redirect") throw new Error("redirect only");
  return inflateRawSync(Buffer.from(new URLSearchParams(message.query).get("SAMLRequest")!, "base64")).toString("utf8");
}

function expectLogin(step: SsoStep | { kind: "prompt" }): string {
  expect(step.kind).toBe("login");
  return (step as { txId: string }).txId;
}

function expectPost(step: SsoStep | { kind: "prompt" }): PostMessage {
  expect(step.kind).toBe("post");
  return (step as { message: PostMessage }).message;
}

/** Signs `username` in to `app` through an SP-initiated request and the password step; returns the SSO session id. */
async function signIn(app: ApplicationRecord, username: string, sp = spFor(app)) {
  const txId = expectLogin(await receiveAuthnRequest(app.key, await authnRequest(sp, "rs"), CTX));
  const done = await passwordStep(txId, username, PASSWORD);
  expect(done.kind).toBe("done");
  const sso = await createSsoSession((done as { userId: string }).userId, proved("pwd"));
  const message = expectPost(await completeSignIn(app.key, txId, sso.token, CTX));
  const { profile } = await sp.validatePostResponseAsync({ SAMLResponse: message.fields.SAMLResponse! });
  return { ssoId: sso.token, profile };
}

/** The newest Authentication Log row matching `where`. */
async function lastAuthLog(where: { reason?: string; username?: string; applicationId?: string | null }) {
  const rows = await listRecentAuthLogs(200);
  return rows.find((r) => Object.entries(where).every(([k, v]) => (r as Record<string, unknown>)[k] === v));
}

let appA: ApplicationRecord; // requires signed AuthnRequests
let appB: ApplicationRecord;
let salesApp: ApplicationRecord; // permitted group: Sales
let users: Record<"alice" | "dora" | "gus" | "sam" | "vic", { id: string }>;

beforeAll(async () => {
  // The SSO-session path reads the Global Policy from the database: the same one.
  await ensureGlobalPolicy(serializePolicySettings(PASSWORD_ONLY_SETTINGS));
  await invalidatePolicyCache();
  // Tenant settings are cached for 5 s: set the public base URL before anything reads it.
  await writeSettings({ publicBaseUrl: BASE });
  const passwordHash = await hashPassword(PASSWORD);
  const sales = await insertGroup({ name: "Sales" });
  users = {
    alice: await insertUser({
      username: "alice",
      email: "alice@example.com",
      realName: "Alice Example",
      passwordHash,
      aliases: ["ally"],
    }),
    dora: await insertUser({ username: "dora", email: "dora@example.com", status: "DISABLED", passwordHash }),
    gus: await insertUser({ username: "gus", email: "gus@example.com", passwordHash }),
    sam: await insertUser({ username: "sam", email: "sam@example.com", passwordHash, groupIds: [sales.id] }),
    vic: await insertUser({ username: "vic", email: "vic@example.com", passwordHash }),
  };
  appA = await createApp("App A", {
    requireSignedRequests: true,
    spCertificatePem: spCertPem,
    attributes: [
      { source: "email", samlName: "uid" },
      { source: "realName", samlName: "displayName" },
    ],
  });
  appB = await createApp("App B");
  salesApp = await createApp("Sales App", { userAccess: "GROUPS", permittedGroupIds: [sales.id] });
  // The certificate node-saml trusts, as an administrator copies it from the console.
  await applicationMetadata(appA.key); // creates the first signing key
  activeCertPem = (await findKeysInState(["ACTIVE"]))[0]!.certificatePem;
});

describe("receiveAuthnRequest", () => {
  it("accepts node-saml's signed Redirect AuthnRequest and opens a login transaction", async () => {
    const txId = expectLogin(await receiveAuthnRequest(appA.key, await authnRequest(spFor(appA), "/home"), CTX));
    const tx = await loadLogin(txId);
    expect(tx).toMatchObject({
      applicationId: appA.id,
      acsUrl: appA.acs[0]!.url,
      acsBinding: BINDING_POST,
      relayState: "/home",
      forceAuthn: false,
      state: "IDENTIFY",
    });
    expect(tx!.requestId).toMatch(/^_/);
  });

  it("refuses the same request a second time (replayed_request) and logs it", async () => {
    const message = await authnRequest(spFor(appA));
    expectLogin(await receiveAuthnRequest(appA.key, message, CTX));
    const again = await receiveAuthnRequest(appA.key, message, CTX);
    expect(again).toMatchObject({ kind: "error", status: 400 });
    const row = await lastAuthLog({ reason: "replayed_request", applicationId: appA.id });
    expect(row).toMatchObject({ result: "FAILURE", ip: CTX.ip });
    expect(JSON.parse(row!.detail!).reference).toBe((again as { reference: string }).reference);
  });

  it("answers 404 for an unknown application key, and logs it", async () => {
    const message = await authnRequest(spFor(appB));
    expect(await receiveAuthnRequest("DINOSUCHAPPLICATION0", message, CTX)).toMatchObject({
      kind: "error",
      status: 404,
    });
    expect(await lastAuthLog({ reason: "unknown_application" })).toMatchObject({
      result: "FAILURE",
      applicationId: null,
    });
  });

  it("refuses an unsigned request when the application requires signed requests", async () => {
    const unsigned = spFor(appA, { privateKey: undefined });
    expect(await receiveAuthnRequest(appA.key, await authnRequest(unsigned), CTX)).toMatchObject({
      kind: "error",
      status: 400,
    });
    expect(await lastAuthLog({ reason: "unsigned_request", applicationId: appA.id })).toBeDefined();
  });

  it("answers a NameIDPolicy the application cannot meet with a signed error Response to the ACS", async () => {
    const sp = spFor(appB, { identifierFormat: NAMEID_FORMATS.persistent });
    const step = await receiveAuthnRequest(appB.key, await authnRequest(sp, "keep-me"), CTX);
    const message = expectPost(step);
    expect(message.url).toBe(appB.acs[0]!.url);
    expect(message.fields.RelayState).toBe("keep-me");
    expect(fromBase64(message.fields.SAMLResponse)).toContain("InvalidNameIDPolicy");
    await expect(sp.validatePostResponseAsync({ SAMLResponse: message.fields.SAMLResponse! })).rejects.toThrow(
      /InvalidNameIDPolicy/,
    );
  });
});

describe("password step", () => {
  it("a wrong password and an unknown user give the same answer, logged as invalid_password and unknown_user", async () => {
    const sp = spFor(appB);
    const tx1 = expectLogin(await receiveAuthnRequest(appB.key, await authnRequest(sp), CTX));
    const wrong = await passwordStep(tx1, "alice", "not the password at all");
    const tx2 = expectLogin(await receiveAuthnRequest(appB.key, await authnRequest(sp), CTX));
    const unknown = await passwordStep(tx2, "mallory", PASSWORD);
    expect(wrong).toEqual({ kind: "error", error: "invalid_credentials" });
    expect(unknown).toEqual(wrong);

    expect(await lastAuthLog({ reason: "invalid_password", username: "alice" })).toMatchObject({
      result: "FAILURE",
      userId: users.alice.id,
      applicationId: appB.id,
      factor: "password",
    });
    expect(await lastAuthLog({ reason: "unknown_user", username: "mallory" })).toMatchObject({
      result: "FAILURE",
      userId: null,
      applicationId: appB.id,
    });
    // The transaction is not signed in: without a session no Response can be had from it.
    expect((await loadLogin(tx1))?.state).toBe("PASSWORD");
    expect(await completeSignIn(appB.key, tx1, undefined, CTX)).toEqual({ kind: "prompt" });
  });

  it("signs in with the right password: the Response validates in node-saml with InResponseTo, and RelayState comes back unchanged", async () => {
    const sp = spFor(appA);
    // No space or !'()~*: node-saml signs those octets encoded differently from the URL it sends.
    const relayState = '/after?a=1&b=<x>"q"#ü';
    const message = await authnRequest(sp, relayState);
    const requestId = /ID="([^"]+)"/.exec(inflated(message))![1];
    const txId = expectLogin(await receiveAuthnRequest(appA.key, message, CTX));

    const done = await passwordStep(txId, "ALLY", PASSWORD); // alias, any case
    expect(done).toEqual({ kind: "done", userId: users.alice.id, proofs: { pwd: expect.any(Number) } });
    expect(await lastAuthLog({ reason: "allow_unenrolled_user", username: "alice" })).toMatchObject({
      result: "SUCCESS",
      applicationId: appA.id,
    });

    const sso = await createSsoSession(users.alice.id, proved("pwd"));
    const post = expectPost(await completeSignIn(appA.key, txId, sso.token, CTX));
    expect(post.url).toBe(appA.acs[0]!.url);
    expect(post.fields.RelayState).toBe(relayState);
    const { profile } = await sp.validatePostResponseAsync({ SAMLResponse: post.fields.SAMLResponse! });
    expect(profile).toMatchObject({
      issuer: idp(appA).entityId,
      nameID: "alice@example.com",
      nameIDFormat: NAMEID_FORMATS.emailAddress,
      inResponseTo: requestId,
      uid: "alice@example.com",
      displayName: "Alice Example",
    });

    // Each transaction answers once.
    expect(await completeSignIn(appA.key, txId, sso.token, CTX)).toMatchObject({ kind: "error", status: 400 });
    expect(await lastAuthLog({ reason: "no_login_transaction", applicationId: appA.id })).toBeDefined();
  });

  it("two concurrent completions of one transaction yield one Response", async () => {
    const sp = spFor(appB);
    const txId = expectLogin(await receiveAuthnRequest(appB.key, await authnRequest(sp), CTX));
    await passwordStep(txId, "alice", PASSWORD);
    const sso = await createSsoSession(users.alice.id, proved("pwd"));
    const steps = await Promise.all([
      completeSignIn(appB.key, txId, sso.token, CTX),
      completeSignIn(appB.key, txId, sso.token, CTX),
    ]);
    expect(steps.map((s) => s.kind).sort()).toEqual(["error", "post"]);
  });

  it("denies a DISABLED user (user_disabled)", async () => {
    const txId = expectLogin(await receiveAuthnRequest(appB.key, await authnRequest(spFor(appB)), CTX));
    expect(await passwordStep(txId, "dora", PASSWORD)).toEqual({ kind: "denied", reason: "user_disabled" });
    expect(await lastAuthLog({ reason: "user_disabled", username: "dora" })).toMatchObject({
      result: "DENIED",
      userId: users.dora.id,
    });
  });

  it("denies a user outside the permitted groups (user_not_in_permitted_group) and lets a member in", async () => {
    const sp = spFor(salesApp);
    const txId = expectLogin(await receiveAuthnRequest(salesApp.key, await authnRequest(sp), CTX));
    expect(await passwordStep(txId, "gus", PASSWORD)).toEqual({
      kind: "denied",
      reason: "user_not_in_permitted_group",
    });
    expect(await lastAuthLog({ reason: "user_not_in_permitted_group", username: "gus" })).toMatchObject({
      result: "DENIED",
      applicationId: salesApp.id,
    });

    const { profile } = await signIn(salesApp, "sam", sp);
    expect(profile?.nameID).toBe("sam@example.com");
  });
});

describe("SSO session", () => {
  it("a second application signs in with the session only, logged as sso_session", async () => {
    const { ssoId } = await signIn(appA, "vic");
    const sp = spFor(appB);
    const txId = expectLogin(await receiveAuthnRequest(appB.key, await authnRequest(sp, "b-state"), CTX));
    const post = expectPost(await completeSignIn(appB.key, txId, ssoId, CTX));
    expect(post.fields.RelayState).toBe("b-state");
    const { profile } = await sp.validatePostResponseAsync({ SAMLResponse: post.fields.SAMLResponse! });
    expect(profile).toMatchObject({ nameID: "vic@example.com", uid: "vic" });
    expect(await lastAuthLog({ reason: "sso_session", username: "vic" })).toMatchObject({
      result: "SUCCESS",
      applicationId: appB.id,
      factor: "sso_session",
    });
  });

  it("with the session cookie, a Redirect AuthnRequest is answered in the same request: no login transaction, writes in one transaction", async () => {
    const { ssoId } = await signIn(appA, "alice");
    const sp = spFor(appB);
    const db = await dbReady();
    const [txBefore, participantsBefore] = await Promise.all([db.loginTransaction.count(), db.ssoParticipant.count()]);
    const request = await authnRequest(sp, "one-hop");
    const post = expectPost(await receiveAuthnRequest(appB.key, request, CTX, ssoId));
    expect(post.fields.RelayState).toBe("one-hop");
    const { profile } = await sp.validatePostResponseAsync({ SAMLResponse: post.fields.SAMLResponse! });
    expect(profile).toMatchObject({ nameID: "alice@example.com" });
    expect(await db.loginTransaction.count()).toBe(txBefore); // no /resume hop, nothing left behind
    expect(await db.ssoParticipant.count()).toBe(participantsBefore + 1);
    expect(await lastAuthLog({ reason: "sso_session", username: "alice", applicationId: appB.id })).toMatchObject({
      result: "SUCCESS",
      factor: "sso_session",
    });
    const trace = await db.samlTraceEntry.findMany({
      where: { applicationId: appB.id },
      orderBy: { createdAt: "desc" },
      take: 2,
    });
    expect(trace.map((t) => `${t.direction} ${t.messageType} ${t.verdict}`).sort()).toEqual([
      "IN AuthnRequest ACCEPTED",
      "OUT Response SENT",
    ]);
    // Stored as sent, decoded only when the console shows the trace: pretty-printed, signature
    // values shortened, with what the SP will check.
    expect(trace.find((t) => t.direction === "OUT")!.xml).toMatch(/^<samlp:Response [^\n]*><saml:Issuer[ >]/);
    const shown = (await applicationTrace(await makeAdmin("READ_ONLY"), appB.id)).entries.slice(0, 2);
    const response = shown.find((e) => e.direction === "OUT")!;
    expect(response.xml).toMatch(/^<samlp:Response [^\n]*>\n {2}<saml:Issuer[ >]/);
    expect(response.xml).toMatch(/<ds:SignatureValue>[^<]{16}…<\/ds:SignatureValue>/);
    expect(response.summary).toMatchObject({
      signed: true,
      inResponseTo: shown.find((e) => e.direction === "IN")!.messageId,
      response: { status: "Success", nameId: "alice@example.com", responseSigned: true, assertionSigned: true },
    });
    expect(response.summary).not.toHaveProperty("decodePending");
    expect(shown.find((e) => e.direction === "IN")).toMatchObject({
      binding: "redirect",
      summary: { issuer: appB.spEntityId, signed: false },
    });
    // The same request again: the replay entry was written with the rest; refused, nothing else written.
    const logRows = await db.authLog.count();
    const again = await receiveAuthnRequest(appB.key, request, CTX, ssoId);
    expect(again.kind).toBe("error");
    expect(await db.ssoParticipant.count()).toBe(participantsBefore + 1);
    expect(await lastAuthLog({ reason: "replayed_request", applicationId: appB.id })).toMatchObject({
      result: "FAILURE",
    });
    expect(await db.authLog.count()).toBe(logRows + 1);
  });

  it("with the session cookie but a step the session cannot answer (denied, ForceAuthn, unknown session), the usual path is taken", async () => {
    const { ssoId } = await signIn(appB, "gus");
    // Not in the permitted group: /resume decides (and logs) the denial.
    const txId = expectLogin(await receiveAuthnRequest(salesApp.key, await authnRequest(spFor(salesApp)), CTX, ssoId));
    expect((await completeSignIn(salesApp.key, txId, ssoId, CTX)).kind).toBe("denied");
    const forced = spFor(appA, { forceAuthn: true });
    expectLogin(await receiveAuthnRequest(appA.key, await authnRequest(forced), CTX, ssoId));
    expectLogin(await receiveAuthnRequest(appB.key, await authnRequest(spFor(appB)), CTX, "no-such-session"));
  });

  it("without a session the user is prompted", async () => {
    const txId = expectLogin(await receiveAuthnRequest(appB.key, await authnRequest(spFor(appB)), CTX));
    expect(await completeSignIn(appB.key, txId, undefined, CTX)).toEqual({ kind: "prompt" });
    expect(await completeSignIn(appB.key, txId, "no-such-session", CTX)).toEqual({ kind: "prompt" });
  });

  it("still applies the access checks: a user outside the permitted groups is denied", async () => {
    const { ssoId } = await signIn(appB, "gus");
    const txId = expectLogin(await receiveAuthnRequest(salesApp.key, await authnRequest(spFor(salesApp)), CTX));
    expect(await completeSignIn(salesApp.key, txId, ssoId, CTX)).toEqual({
      kind: "denied",
      reason: "user_not_in_permitted_group",
      appKey: salesApp.key,
    });
    expect(
      await lastAuthLog({ reason: "user_not_in_permitted_group", username: "gus", applicationId: salesApp.id }),
    ).toMatchObject({ result: "DENIED", factor: "sso_session" });
  });

  it("still applies the access checks: a user disabled since signing in is denied", async () => {
    const user = await insertUser({
      username: "erin",
      email: "erin@example.com",
      passwordHash: await hashPassword(PASSWORD),
    });
    const { ssoId } = await signIn(appA, "erin");
    await (await dbReady()).user.update({ where: { id: user.id }, data: { status: "DISABLED" } });
    const txId = expectLogin(await receiveAuthnRequest(appB.key, await authnRequest(spFor(appB)), CTX));
    expect(await completeSignIn(appB.key, txId, ssoId, CTX)).toEqual({
      kind: "denied",
      reason: "user_disabled",
      appKey: appB.key,
    });
    expect(await lastAuthLog({ reason: "user_disabled", username: "erin" })).toMatchObject({
      result: "DENIED",
      factor: "sso_session",
    });
  });

  it("ForceAuthn=true prompts despite the session; after the password the Response is sent", async () => {
    const { ssoId } = await signIn(appA, "alice");
    const sp = spFor(appB, { forceAuthn: true });
    const txId = expectLogin(await receiveAuthnRequest(appB.key, await authnRequest(sp), CTX));
    expect((await loadLogin(txId))?.forceAuthn).toBe(true);
    expect(await completeSignIn(appB.key, txId, ssoId, CTX)).toEqual({ kind: "prompt" });

    expect((await passwordStep(txId, "alice", PASSWORD)).kind).toBe("done");
    const fresh = await createSsoSession(users.alice.id, proved("pwd"));
    const post = expectPost(await completeSignIn(appB.key, txId, fresh.token, CTX));
    expect((await sp.validatePostResponseAsync({ SAMLResponse: post.fields.SAMLResponse! })).profile?.nameID).toBe(
      "alice@example.com",
    );
  });
});

describe("IsPassive", () => {
  it("answers NoPassive instead of prompting when there is no session, and signs in passively with one", async () => {
    const sp = spFor(appB, { passive: true });
    const txId = expectLogin(await receiveAuthnRequest(appB.key, await authnRequest(sp), CTX));
    const post = expectPost(await completeSignIn(appB.key, txId, undefined, CTX));
    // node-saml reads a NoPassive status as "not signed in" rather than as an error.
    expect(await sp.validatePostResponseAsync({ SAMLResponse: post.fields.SAMLResponse! })).toEqual({
      profile: null,
      loggedOut: false,
    });
    expect(Buffer.from(post.fields.SAMLResponse!, "base64").toString()).toContain(
      'StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:NoPassive"',
    );
    expect(await lastAuthLog({ reason: "no_passive" })).toMatchObject({ result: "FAILURE" });

    const { ssoId } = await signIn(appA, "alice");
    const txId2 = expectLogin(await receiveAuthnRequest(appB.key, await authnRequest(sp), CTX));
    const ok = expectPost(await completeSignIn(appB.key, txId2, ssoId, CTX));
    expect((await sp.validatePostResponseAsync({ SAMLResponse: ok.fields.SAMLResponse! })).profile?.nameID).toBe(
      "alice@example.com",
    );
  });
});

describe("IdP-initiated sign-in", () => {
  it("posts a Response without InResponseTo to the default ACS with the default relay state", async () => {
    const app = await createApp("Portal App", {
      acs: [
        { index: 0, url: "https://portal-app.sp.test/acs-other", binding: BINDING_POST, isDefault: false },
        { index: 1, url: "https://portal-app.sp.test/acs", binding: BINDING_POST, isDefault: true },
      ],
      defaultRelayState: "/welcome",
    });
    const { ssoId } = await signIn(appB, "alice");
    const txId = expectLogin(await startIdpInitiated(app.key, CTX));
    const post = expectPost(await completeSignIn(app.key, txId, ssoId, CTX));
    expect(post.url).toBe("https://portal-app.sp.test/acs");
    expect(post.fields.RelayState).toBe("/welcome");
    const xml = fromBase64(post.fields.SAMLResponse);
    expect(xml).not.toContain("InResponseTo");
    const sp = spFor(app, { validateInResponseTo: ValidateInResponseTo.ifPresent });
    const { profile } = await sp.validatePostResponseAsync({ SAMLResponse: post.fields.SAMLResponse! });
    expect(profile).toMatchObject({ nameID: "alice@example.com", issuer: idp(app).entityId });
    expect(profile?.inResponseTo).toBeUndefined();
  });

  it("answers 404 for an unknown or unconfigured application", async () => {
    const unconfigured = await createApp("Unconfigured", { spEntityId: null, acs: [] });
    expect(await startIdpInitiated(unconfigured.key, CTX)).toMatchObject({ kind: "error", status: 404 });
    expect(await lastAuthLog({ reason: "application_not_configured", applicationId: unconfigured.id })).toBeDefined();
    expect(await startIdpInitiated("DINOSUCHAPPLICATION0", CTX)).toMatchObject({ kind: "error", status: 404 });
  });
});

describe("applicationMetadata", () => {
  it("is read by samlify, whose certificate node-saml then trusts; the ETag changes when a NEXT key is created", async () => {
    expect(await applicationMetadata("DINOSUCHAPPLICATION0")).toBeNull();
    const first = (await applicationMetadata(appB.key))!;
    expect(first.name).toBe("App B");
    expect(first.etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect((await applicationMetadata(appB.key))!.etag).toBe(first.etag);

    const reader = samlify.IdentityProvider({ metadata: first.xml });
    expect(reader.entityMeta.getEntityID()).toBe(idp(appB).entityId);
    expect(reader.entityMeta.getSingleSignOnService("redirect")).toBe(idp(appB).ssoUrl);
    expect(reader.entityMeta.getSingleSignOnService("post")).toBe(idp(appB).ssoUrl);
    expect(reader.entityMeta.getSingleLogoutService("redirect")).toBe(idp(appB).sloUrl);
    const cert = reader.entityMeta.getX509Certificate("signing") as string | string[];
    const metadataCert = (Array.isArray(cert) ? cert[0]! : cert).replace(/\s+/g, "");

    // An SP configured from the metadata alone signs in through Portcullis.
    const sp = spFor(appB, { idpCert: metadataCert });
    const { ssoId } = await signIn(appA, "alice");
    const txId = expectLogin(await receiveAuthnRequest(appB.key, await authnRequest(sp), CTX));
    const post = expectPost(await completeSignIn(appB.key, txId, ssoId, CTX));
    expect((await sp.validatePostResponseAsync({ SAMLResponse: post.fields.SAMLResponse! })).profile?.nameID).toBe(
      "alice@example.com",
    );

    await createNextKey(await makeAdmin("OWNER"));
    const second = (await applicationMetadata(appB.key))!;
    expect(second.etag).not.toBe(first.etag);
    const certs = samlify
      .IdentityProvider({ metadata: second.xml })
      .entityMeta.getX509Certificate("signing") as string[];
    expect(certs).toHaveLength(2);
    expect(certs[0]!.replace(/\s+/g, "")).toBe(metadataCert);
  });
});

describe("NameID as the specification means it", () => {
  /** SP-initiated sign-in of `username` to `app` asking for `format` (undefined: no NameIDPolicy Format). */
  async function nameIdAt(app: ApplicationRecord, username: string, format?: string, ssoId?: string) {
    const sp = spFor(app, { identifierFormat: format ?? null });
    if (!ssoId) return (await signIn(app, username, sp)).profile!;
    const txId = expectLogin(await receiveAuthnRequest(app.key, await authnRequest(sp), CTX));
    const post = expectPost(await completeSignIn(app.key, txId, ssoId, CTX));
    return (await sp.validatePostResponseAsync({ SAMLResponse: post.fields.SAMLResponse! })).profile!;
  }

  it("transient: a fresh opaque value for every SP session, stored on the session participant", async () => {
    const app = await createApp("Transient App", { nameIdFormat: NAMEID_FORMATS.transient });
    const first = await nameIdAt(app, "gus");
    const second = await nameIdAt(app, "gus");
    expect(first.nameIDFormat).toBe(NAMEID_FORMATS.transient);
    for (const v of [first.nameID, second.nameID]) {
      expect(v).toMatch(/^_[0-9a-f]{40}$/);
      expect(v).not.toContain("gus");
    }
    expect(second.nameID).not.toBe(first.nameID);
    // Logout names the SP session by the value it was given.
    const db = await dbReady();
    const stored = await db.ssoParticipant.findMany({ where: { applicationId: app.id }, select: { nameId: true } });
    expect(stored.map((p) => p.nameId).sort()).toEqual([first.nameID, second.nameID].sort());
  });

  it("persistent: one stable opaque value per (user, SP), different across SPs and users", async () => {
    const one = await createApp("Persistent One", { nameIdFormat: NAMEID_FORMATS.persistent });
    const two = await createApp("Persistent Two", { nameIdFormat: NAMEID_FORMATS.persistent });
    const a1 = await nameIdAt(one, "gus");
    const a1again = await nameIdAt(one, "gus");
    const a2 = await nameIdAt(two, "gus");
    const b1 = await nameIdAt(one, "vic");
    expect(a1.nameIDFormat).toBe(NAMEID_FORMATS.persistent);
    expect(a1again.nameID).toBe(a1.nameID);
    expect(a2.nameID).not.toBe(a1.nameID);
    expect(b1.nameID).not.toBe(a1.nameID);
    for (const v of [a1.nameID, a2.nameID, b1.nameID]) {
      expect(v).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(v).not.toContain("gus");
    }
    const stored = await (await dbReady()).pairwiseNameId.findMany({ where: { userId: users.gus.id } });
    expect(stored.map((s) => s.value).sort()).toEqual([a1.nameID, a2.nameID].sort());
  });

  it("emailAddress and unspecified carry the configured user property, as today", async () => {
    const app = await createApp("Email App", {
      nameIdFormat: NAMEID_FORMATS.unspecified,
      nameIdFormatsAccepted: [NAMEID_FORMATS.emailAddress],
      nameIdAttribute: "email",
    });
    const unspecified = await nameIdAt(app, "gus");
    expect(unspecified).toMatchObject({ nameID: "gus@example.com", nameIDFormat: NAMEID_FORMATS.unspecified });
    const email = await nameIdAt(app, "gus", NAMEID_FORMATS.emailAddress);
    expect(email).toMatchObject({ nameID: "gus@example.com", nameIDFormat: NAMEID_FORMATS.emailAddress });
  });

  it("negotiates with NameIDPolicy: an accepted format is answered, none or unspecified gets the default, another is refused", async () => {
    const app = await createApp("Negotiating App", {
      nameIdFormat: NAMEID_FORMATS.emailAddress,
      nameIdFormatsAccepted: [NAMEID_FORMATS.transient],
    });
    const { ssoId } = await signIn(app, "vic");
    expect((await nameIdAt(app, "vic", NAMEID_FORMATS.transient, ssoId)).nameIDFormat).toBe(NAMEID_FORMATS.transient);
    expect((await nameIdAt(app, "vic", NAMEID_FORMATS.unspecified, ssoId)).nameIDFormat).toBe(
      NAMEID_FORMATS.emailAddress,
    );
    expect((await nameIdAt(app, "vic", undefined, ssoId)).nameIDFormat).toBe(NAMEID_FORMATS.emailAddress);

    const persistent = spFor(app, { identifierFormat: NAMEID_FORMATS.persistent });
    const refused = expectPost(await receiveAuthnRequest(app.key, await authnRequest(persistent), CTX));
    expect(fromBase64(refused.fields.SAMLResponse)).toContain("InvalidNameIDPolicy");
    const log = await lastAuthLog({ reason: "invalid_nameid_policy", applicationId: app.id });
    expect(JSON.stringify(log?.detail)).toContain(
      "The SP asked for NameID format persistent; this application answers emailAddress, transient.",
    );
  });

  it("metadata lists only the formats the application answers with, the default first", async () => {
    const app = await createApp("Metadata Formats", {
      nameIdFormat: NAMEID_FORMATS.transient,
      nameIdFormatsAccepted: [NAMEID_FORMATS.persistent],
    });
    const { xml } = (await applicationMetadata(app.key))!;
    expect([...xml.matchAll(/<md:NameIDFormat>([^<]+)<\/md:NameIDFormat>/g)].map((m) => m[1])).toEqual([
      NAMEID_FORMATS.transient,
      NAMEID_FORMATS.persistent,
    ]);
  });
});

describe("SP key rollover", () => {
  it("an application storing two SP certificates accepts requests signed with either, refuses a third key", async () => {
    const { generateKeyPair } = await import("../../crypto/keys");
    const previous = generateKeyPair("Previous SP key");
    const app = await createApp("Rollover App", {
      requireSignedRequests: true,
      spCertificatePem: previous.certificatePem + spCertPem,
    });
    // Signed with the SP's new key (the second certificate stored).
    expectLogin(await receiveAuthnRequest(app.key, await authnRequest(spFor(app)), CTX));
    // Signed with the previous key (the first).
    const old = spFor(app, { privateKey: previous.privateKeyPem });
    expectLogin(await receiveAuthnRequest(app.key, await authnRequest(old), CTX));
    // Signed with a key the application does not know.
    const stranger = spFor(app, { privateKey: generateKeyPair("Stranger").privateKeyPem });
    expect(await receiveAuthnRequest(app.key, await authnRequest(stranger), CTX)).toMatchObject({ kind: "error" });
    expect(await lastAuthLog({ reason: "bad_signature", applicationId: app.id })).toBeDefined();
  });
});
