// Finding 5: only the right party can log a session out. A LogoutRequest is honoured when it
// is signed with the SP's registered certificate, or when it arrives in the browser that holds
// the SSO session it names; otherwise it is refused and logged as refused, the session keeps
// working and nothing is signed for the caller. Logout rows say what happened: Success only
// when every SP answered Success, Partial with the failed SPs named.
import { SAML, ValidateInResponseTo, type Profile } from "@node-saml/node-saml";
import { beforeAll, describe, expect, it } from "vitest";
import { queryOf } from "../../../test/fixtures/saml";
import { idpUrlsFor, makeApplication } from "../../../test/helpers";
import { CTX, endUser, setGlobalPolicy, type EndUser, proved } from "../../../test/sign-in";
import type { ApplicationRecord } from "../../db/applications";
import { listRecentAuthLogs } from "../../db/auth-log";
import { writeSettings } from "../../db/settings";
import { findKeysInState } from "../../db/signing-keys";
import { createSsoSession, resolveSsoSession } from "../../login/session";
import type { OutboundMessage } from "../../saml";
import { closeAbandonedLogoutChains, receiveLogoutMessage, type SloStep } from "./saml-slo";
import { applicationMetadata, completeSignIn, receiveAuthnRequest } from "./saml-sso";

const BASE = "https://idp.test";
let cert: string;
let open: ApplicationRecord; // accepts unsigned requests, no SP certificate
let other: ApplicationRecord;

const spFor = (app: ApplicationRecord) =>
  new SAML({
    entryPoint: idpUrlsFor(BASE, app).ssoUrl,
    logoutUrl: idpUrlsFor(BASE, app).sloUrl,
    issuer: app.spEntityId!,
    callbackUrl: app.acs[0]!.url,
    logoutCallbackUrl: app.sloUrl!,
    audience: app.spEntityId!,
    idpIssuer: idpUrlsFor(BASE, app).entityId,
    idpCert: cert,
    identifierFormat: app.nameIdFormat,
    validateInResponseTo: ValidateInResponseTo.always,
  });

const redirect = (url: string) => ({ binding: "redirect" as const, query: queryOf(url) });

beforeAll(async () => {
  await setGlobalPolicy();
  await writeSettings({ publicBaseUrl: BASE });
  open = await makeApplication("Open SP", { sloUrl: "https://open-sp.sp.test/slo" });
  other = await makeApplication("Other SP", { sloUrl: "https://other-sp.sp.test/slo" });
  await applicationMetadata(open.key);
  cert = (await findKeysInState(["ACTIVE"]))[0]!.certificatePem;
});

/** The user signed in (password and passcode) to both SPs in one browser. */
async function signedInToBoth(user: EndUser) {
  const sso = (await createSsoSession(user.id, proved("pwd", "totp"))).token;
  const profiles: Record<string, Profile> = {};
  for (const app of [open, other]) {
    const sp = spFor(app);
    const start = await receiveAuthnRequest(app.key, redirect(await sp.getAuthorizeUrlAsync("", undefined, {})), CTX);
    if (start.kind !== "login") throw new Error("expected a login transaction");
    const post = await completeSignIn(app.key, start.txId, sso, CTX);
    if (post.kind !== "post") throw new Error(`expected a Response, got ${post.kind}`);
    profiles[app.id] = (
      await sp.validatePostResponseAsync({ SAMLResponse: post.message.fields.SAMLResponse! })
    ).profile!;
  }
  return { sso, profiles };
}

/** A LogoutRequest anyone can make: unsigned, NameID only (no SessionIndex). */
async function forgedLogout(nameId: string) {
  return spFor(open).getLogoutUrlAsync(
    { issuer: open.spEntityId!, nameID: nameId, nameIDFormat: open.nameIdFormat } as Profile,
    "",
    {},
  );
}

const sent = (step: SloStep) => (step.kind === "send" ? (step.message as OutboundMessage) : null);

describe("who may log a session out", () => {
  it("an unsigned, cookieless LogoutRequest by NameID is refused and logged as refused; the session still works", async () => {
    const victim = await endUser();
    const { sso } = await signedInToBoth(victim);
    const step = await receiveLogoutMessage(
      open.key,
      redirect(await forgedLogout(`${victim.username}@example.com`)),
      undefined,
      CTX,
    );
    expect(sent(step)).toBeNull(); // nothing signed for the caller
    expect(step).toEqual({ kind: "error", status: 403, reason: "logout_refused", appKey: open.key });
    expect(await resolveSsoSession(sso)).not.toBeNull();

    const rows = await listRecentAuthLogs(20);
    expect(rows.find((r) => r.reason === "logout")).toBeUndefined();
    // The NameID names the victim's live session: the refused attempt is on the victim's record.
    expect(rows[0]).toMatchObject({
      result: "DENIED",
      reason: "logout_refused",
      applicationId: open.id,
      userId: victim.id,
      username: victim.username,
    });
    expect(JSON.parse(rows[0]!.detail!)).toMatchObject({ cause: "unsigned_without_session" });
  });

  it("an unsigned LogoutRequest from another user's browser is refused too (the cookie's session is not the one named)", async () => {
    const victim = await endUser();
    const attacker = await endUser();
    const { sso } = await signedInToBoth(victim);
    const mine = await signedInToBoth(attacker);
    const step = await receiveLogoutMessage(
      open.key,
      redirect(await forgedLogout(`${victim.username}@example.com`)),
      mine.sso,
      CTX,
    );
    expect(step).toEqual({ kind: "error", status: 403, reason: "logout_refused", appKey: open.key });
    expect(await resolveSsoSession(sso)).not.toBeNull();
    expect(await resolveSsoSession(mine.sso)).not.toBeNull();
    expect((await listRecentAuthLogs(1))[0]).toMatchObject({ result: "DENIED", reason: "logout_refused" });
  });

  it("a LogoutRequest for an unknown user is refused without writing that user as if it existed", async () => {
    const step = await receiveLogoutMessage(
      open.key,
      redirect(await forgedLogout("nobody@example.com")),
      undefined,
      CTX,
    );
    expect(step).toEqual({ kind: "error", status: 403, reason: "logout_refused", appKey: open.key });
    const row = (await listRecentAuthLogs(1))[0]!;
    expect(row).toMatchObject({ result: "DENIED", reason: "logout_refused", userId: null, username: null });
  });

  it("the browser that holds the named session logs out; the other SP is asked; all answered Success: one Success row", async () => {
    const user = await endUser();
    const { sso, profiles } = await signedInToBoth(user);
    const url = await spFor(open).getLogoutUrlAsync(profiles[open.id]!, "back", {});
    const toOther = sent(await receiveLogoutMessage(open.key, redirect(url), sso, CTX));
    expect(toOther?.url.startsWith(`${other.sloUrl}?SAMLRequest=`)).toBe(true);
    expect(await resolveSsoSession(sso)).toBeNull();
    expect((await listRecentAuthLogs(20)).find((r) => r.reason === "logout")).toBeUndefined(); // not before the end

    const params = Object.fromEntries(new URLSearchParams(queryOf(toOther!.url)));
    const atOther = await spFor(other).validateRedirectAsync(params, queryOf(toOther!.url));
    const answer = await spFor(other).getLogoutResponseUrlAsync(atOther.profile!, params.RelayState!, {}, true);
    const toOpen = sent(await receiveLogoutMessage(other.key, redirect(answer), undefined, CTX));
    expect(toOpen?.url.startsWith(`${open.sloUrl}?SAMLResponse=`)).toBe(true);
    const row = (await listRecentAuthLogs(20)).find((r) => r.reason === "logout")!;
    expect(row).toMatchObject({ result: "SUCCESS", userId: user.id, username: user.username, applicationId: open.id });
  });

  it("a chain where an SP does not answer Success is logged as Partial with that SP named", async () => {
    const user = await endUser();
    const { sso, profiles } = await signedInToBoth(user);
    const url = await spFor(open).getLogoutUrlAsync(profiles[open.id]!, "back", {});
    const toOther = sent(await receiveLogoutMessage(open.key, redirect(url), sso, CTX))!;
    const params = Object.fromEntries(new URLSearchParams(queryOf(toOther.url)));
    const atOther = await spFor(other).validateRedirectAsync(params, queryOf(toOther.url));
    const failure = await spFor(other).getLogoutResponseUrlAsync(atOther.profile!, params.RelayState!, {}, false);
    const toOpen = sent(await receiveLogoutMessage(other.key, redirect(failure), undefined, CTX))!;
    const fromIdp = Object.fromEntries(new URLSearchParams(queryOf(toOpen.url)));
    expect(fromIdp.SAMLResponse).toBeDefined();
    const rows = (await listRecentAuthLogs(20)).filter((r) => r.userId === user.id && r.reason.startsWith("logout"));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ result: "FAILURE", reason: "logout_partial" });
    expect(JSON.parse(rows[0]!.detail!)).toMatchObject({ failed: [other.name] });
  });

  it("a chain whose SP never answers is logged as Partial by the purge job, once", async () => {
    const user = await endUser();
    const { sso, profiles } = await signedInToBoth(user);
    const url = await spFor(open).getLogoutUrlAsync(profiles[open.id]!, "back", {});
    expect(sent(await receiveLogoutMessage(open.key, redirect(url), sso, CTX))).not.toBeNull();
    expect(await closeAbandonedLogoutChains()).toBe(0); // not expired yet
    const later = new Date(Date.now() + 11 * 60_000);
    expect(await closeAbandonedLogoutChains(later)).toBe(1);
    expect(await closeAbandonedLogoutChains(later)).toBe(0);
    const row = (await listRecentAuthLogs(1))[0]!;
    expect(row).toMatchObject({ result: "FAILURE", reason: "logout_partial", userId: user.id });
    expect(JSON.parse(row.detail!)).toMatchObject({ failed: [other.name] });
  });
});
