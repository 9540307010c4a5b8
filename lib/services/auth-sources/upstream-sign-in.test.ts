// Sign-in through an authentication source, service level on a real database: routing at the
// username step, the AuthnRequest's ID bound to the transaction, the Response at the ACS (made
// by the IdP's own Response builder with the test IdP key), matching, just-in-time creation,
// name/email sync, the refusals, and the same assurance as a password afterwards.
import { inflateRawSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { idpCertPem, testIdp } from "../../../test/fixtures/saml";
import { makeApplication } from "../../../test/helpers";
import { insertAuthSource, updateApplicationSourceChoice, type AuthSourceInput } from "../../db/auth-sources";
import { listRecentAuthLogs } from "../../db/auth-log";
import { dbReady } from "../../db/client";
import { ensureGlobalPolicy } from "../../db/policies";
import { writeSettings } from "../../db/settings";
import { insertGroup, insertUser } from "../../db/users";
import { loadLogin, beginLogin } from "../../login/transaction";
import { DEFAULT_GLOBAL_POLICY_SETTINGS, serializePolicySettings, type GlobalPolicySettings } from "../../policy";
import { NAMEID_FORMAT, STATUS, buildResponse, type Attribute } from "../../saml";
import { signCanonical } from "../../saml/signature";
import { statusXml } from "../../saml/response";
import { invalidatePolicyCache } from "../policies/effective-policy";
import { ensureSigningKey } from "../signing-keys/signing-keys";
import { identify, upstreamResponse } from "../sign-in/hosted-login";
import { DEFAULT_SOURCE_SETTING, sourceUrls } from "./upstream-sign-in";

const BASE = "https://portcullis.test";
const CTX = { ip: "198.51.100.9", userAgent: "vitest" };
const UPSTREAM = "https://login.upstream.test/tenant/";
const EMAIL = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress";
const NAME = "http://schemas.microsoft.com/identity/claims/displayname";

const source = (over: Partial<AuthSourceInput> = {}): AuthSourceInput => ({
  name: `Entra ${Math.random()}`,
  enabled: true,
  idpEntityId: UPSTREAM,
  ssoUrl: "https://login.upstream.test/tenant/saml2",
  certificatesPem: idpCertPem,
  metadataUrl: null,
  nameIdFormat: NAMEID_FORMAT.emailAddress,
  identifierAttribute: "NameID",
  matchBy: "EMAIL",
  emailAttribute: EMAIL,
  realNameAttribute: NAME,
  jitEnabled: false,
  jitGroupIds: [],
  domains: [],
  ...over,
});

let keyCounter = 0;
const newSource = (over: Partial<AuthSourceInput> = {}) => insertAuthSource(`src${++keyCounter}`, source(over));

/** Starts a portal sign-in for `identifier`; returns the transaction cookie and the step. */
async function start(identifier: string, txId?: string) {
  const r = await identify(txId, identifier, CTX);
  return { tx: (txId ?? r.newTxId)!, outcome: r.outcome };
}

/** The upstream IdP's signed answer to the AuthnRequest in `url`. */
function answer(url: string, key: string, nameId: string, attributes: Attribute[] = []) {
  const xml = inflateRawSync(Buffer.from(new URL(url).searchParams.get("SAMLRequest")!, "base64")).toString();
  const requestId = /ID="([^"]+)"/.exec(xml)![1]!;
  const urls = sourceUrls(BASE, key);
  const message = buildResponse({
    idp: { ...testIdp(), entityId: UPSTREAM },
    signResponse: false,
    signAssertion: true,
    audience: urls.entityId,
    acsUrl: urls.acsUrl,
    inResponseTo: requestId,
    nameId: { value: nameId, format: NAMEID_FORMAT.emailAddress },
    session: { index: "_s1", authnInstant: new Date(), notOnOrAfter: new Date(Date.now() + 3600_000), mfa: false },
    attributes,
  });
  return { fields: message.fields, requestId, xml };
}

beforeAll(async () => {
  // Enrollment required for users without an authenticator: the second step after the upstream one.
  await ensureGlobalPolicy(
    serializePolicySettings({ ...structuredClone(DEFAULT_GLOBAL_POLICY_SETTINGS) } as GlobalPolicySettings),
  );
  await invalidatePolicyCache();
  await writeSettings({ publicBaseUrl: BASE });
  await ensureSigningKey();
});

describe("routing at the username step", () => {
  it("an email domain routed to a source sends the browser there with a signed AuthnRequest", async () => {
    const s = await newSource({ domains: ["corp-a.test"] });
    const { tx, outcome } = await start("someone@Corp-A.test");
    expect(outcome.kind).toBe("upstream");
    const url = new URL((outcome as { url: string }).url);
    expect(`${url.origin}${url.pathname}`).toBe("https://login.upstream.test/tenant/saml2");
    expect(url.searchParams.get("Signature")).toBeTruthy();
    expect(url.searchParams.get("SigAlg")).toBe("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256");
    const saved = await loadLogin(tx);
    expect(saved?.state).toBe("UPSTREAM");
    expect(saved?.parsed.upstream?.sourceKey).toBe(s.key);
  });

  it("a username whose user's email domain is routed goes to that source too", async () => {
    await newSource({ domains: ["corp-b.test"] });
    await insertUser({ username: "bea", email: "bea@corp-b.test" });
    expect((await start("bea")).outcome.kind).toBe("upstream");
  });

  it("other domains keep built-in passwords; an application can override both ways", async () => {
    expect((await start("someone@elsewhere.test")).outcome).toEqual({ kind: "password" });
    const s = await newSource();
    const app = await makeApplication("Upstream app");
    await updateApplicationSourceChoice(app.id, { mode: "SOURCE", sourceId: s.id });
    const viaApp = await beginLogin(
      { applicationId: app.id, requestId: "_r", acsUrl: null, acsBinding: null, relayState: null, forceAuthn: false },
      CTX,
    );
    expect((await start("someone@elsewhere.test", viaApp)).outcome.kind).toBe("upstream");
    await updateApplicationSourceChoice(app.id, { mode: "BUILTIN", sourceId: null });
    await newSource({ domains: ["corp-c.test"] });
    const builtin = await beginLogin(
      { applicationId: app.id, requestId: "_r2", acsUrl: null, acsBinding: null, relayState: null, forceAuthn: false },
      CTX,
    );
    expect((await start("x@corp-c.test", builtin)).outcome).toEqual({ kind: "password" });
  });

  it("a disabled source is never used", async () => {
    await newSource({ domains: ["corp-d.test"], enabled: false });
    expect((await start("x@corp-d.test")).outcome).toEqual({ kind: "password" });
  });
});

describe("the Response at the ACS", () => {
  it("matches the user by email, syncs the real name, records the upstream proof, then asks for enrollment", async () => {
    const s = await newSource({ domains: ["corp-e.test"] });
    const user = await insertUser({ username: "eve.e", email: "eve@corp-e.test", realName: "Old Name" });
    const { tx, outcome } = await start("eve@corp-e.test");
    const { fields } = answer((outcome as { url: string }).url, s.key, "eve@corp-e.test", [
      { name: NAME, values: ["Eve Example"] },
    ]);
    const r = await upstreamResponse(tx, s.key, fields, CTX);
    expect(r.kind).toBe("decided");
    // The Global Policy's New User policy: enrollment, exactly as after a password.
    expect(r.kind === "decided" && r.next).toBe("/sso/enroll");
    const saved = await loadLogin(tx);
    expect(saved?.state).toBe("ENROLL");
    expect(saved?.userId).toBe(user.id);
    expect(Object.keys(saved?.parsed.proofs ?? {})).toEqual(["upstream"]);
    const row = await (await dbReady()).user.findUnique({ where: { id: user.id } });
    expect(row?.realName).toBe("Eve Example");
  });

  it("a user not in Portcullis (creation off) is refused with upstream_user_not_enrolled", async () => {
    const s = await newSource({ domains: ["corp-f.test"] });
    const { tx, outcome } = await start("nobody@corp-f.test");
    const r = await upstreamResponse(
      tx,
      s.key,
      answer((outcome as { url: string }).url, s.key, "nobody@corp-f.test").fields,
      CTX,
    );
    expect(r).toMatchObject({ kind: "refused", reason: "upstream_user_not_enrolled" });
    const log = (await listRecentAuthLogs(5)).find((l) => l.reason === "upstream_user_not_enrolled");
    expect(log?.factor).toBe("upstream");
  });

  it("just-in-time creation: the user is created into the source's groups with name and email", async () => {
    const group = await insertGroup({ name: `Contractors ${Math.random()}` });
    const s = await newSource({ domains: ["corp-g.test"], jitEnabled: true, jitGroupIds: [group.id] });
    const { tx, outcome } = await start("new.person@corp-g.test");
    const { fields } = answer((outcome as { url: string }).url, s.key, "new.person@corp-g.test", [
      { name: NAME, values: ["New Person"] },
      { name: EMAIL, values: ["new.person@corp-g.test"] },
    ]);
    const r = await upstreamResponse(tx, s.key, fields, CTX);
    expect(r.kind).toBe("decided");
    const created = await (
      await dbReady()
    ).user.findFirst({
      where: { usernameNormalized: "new.person@corp-g.test" },
      include: { memberships: true },
    });
    expect(created?.realName).toBe("New Person");
    expect(created?.email).toBe("new.person@corp-g.test");
    expect(created?.memberships.map((m) => m.groupId)).toEqual([group.id]);
  });

  it("an upstream error Response: upstream_denied with the IdP's message", async () => {
    const s = await newSource({ domains: ["corp-h.test"] });
    const { tx, outcome } = await start("h@corp-h.test");
    const { requestId } = answer((outcome as { url: string }).url, s.key, "h@corp-h.test");
    const urls = sourceUrls(BASE, s.key);
    const id = "_denied1";
    const xml = signCanonical(
      `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" Destination="${urls.acsUrl}" ID="${id}" InResponseTo="${requestId}" ` +
        `IssueInstant="${new Date().toISOString().replace(/\.\d{3}Z$/, "Z")}" Version="2.0">` +
        `<saml:Issuer xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">${UPSTREAM}</saml:Issuer>` +
        statusXml({ code: STATUS.responder, subCode: STATUS.requestDenied }).replace(
          "</samlp:Status>",
          "<samlp:StatusMessage>AADSTS50105: not assigned</samlp:StatusMessage></samlp:Status>",
        ) +
        `</samlp:Response>`,
      id,
      { ...testIdp(), entityId: UPSTREAM },
    );
    const r = await upstreamResponse(tx, s.key, { SAMLResponse: Buffer.from(xml).toString("base64") }, CTX);
    expect(r).toMatchObject({ kind: "refused", reason: "upstream_denied", statusMessage: "AADSTS50105: not assigned" });
    const log = (await listRecentAuthLogs(5)).find((l) => l.reason === "upstream_denied");
    expect(log?.result).toBe("DENIED");
  });

  it("a Response for another browser's sign-in, or to another source's ACS, is refused", async () => {
    const s = await newSource({ domains: ["corp-i.test"] });
    const other = await newSource();
    await insertUser({ username: "ivy", email: "ivy@corp-i.test" });
    const first = await start("ivy@corp-i.test");
    const second = await start("ivy@corp-i.test");
    const { fields } = answer((first.outcome as { url: string }).url, s.key, "ivy@corp-i.test");
    expect(await upstreamResponse(second.tx, s.key, fields, CTX)).toMatchObject({ reason: "wrong_in_response_to" });
    const third = await start("ivy@corp-i.test");
    expect(await upstreamResponse(third.tx, other.key, fields, CTX)).toMatchObject({ reason: "wrong_source" });
    expect(await upstreamResponse(undefined, s.key, fields, CTX)).toMatchObject({ reason: "no_login_transaction" });
  });

  it("the tenant default source applies when nothing else routes", async () => {
    const s = await newSource();
    await writeSettings({ [DEFAULT_SOURCE_SETTING]: s.id });
    try {
      expect((await start("anyone@anywhere.test")).outcome.kind).toBe("upstream");
    } finally {
      await writeSettings({ [DEFAULT_SOURCE_SETTING]: null });
    }
  });
});
