import { ValidateInResponseTo } from "@node-saml/node-saml";
import { DOMParser } from "@xmldom/xmldom";
import { SignedXml } from "xml-crypto";
import { describe, expect, it } from "vitest";
import {
  IDP_ENTITY_ID,
  IDP_SSO_URL,
  SP_ACS_URL,
  SP_ENTITY_ID,
  fixture,
  fromBase64,
  idpCertPem,
  nodeSamlSp,
  queryOf,
  schemaErrors,
  testIdp,
  testSp,
} from "../../test/fixtures/saml";
import { parseAuthnRequest } from "./authn-request";
import { AUTHN_CONTEXT, NAMEID_FORMAT, NS, SIGNATURE_ALGORITHMS, STATUS, type SignatureAlgorithm } from "./constants";
import type { SamlError, SamlErrorReply } from "./errors";
import { buildErrorResponse, buildResponse, type Attribute, type ResponseInput } from "./response";
import { registerSha384 } from "./signature";

const NOW = new Date();
const TRICKY = [
  "a & b",
  '<tag attr="x">',
  "\"double\" and 'single'",
  "<!-- comment -->",
  "]]>",
  "<![CDATA[x]]>",
  "&amp; already escaped",
  "line1\r\nline2\ttab",
  "密钥 ✓ 😀",
];
const ATTRIBUTES: Attribute[] = [
  { name: "uid", values: ["alice@example.com"] },
  { name: "tricky", values: TRICKY },
  { name: "groups", values: ["Engineering", "Admins & Owners"] },
  { name: "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress", values: ["alice@example.com"] },
];

function input(overrides: Partial<ResponseInput> = {}): ResponseInput {
  return {
    idp: testIdp(),
    signResponse: true,
    signAssertion: true,
    audience: SP_ENTITY_ID,
    acsUrl: SP_ACS_URL,
    inResponseTo: "_request-1",
    relayState: "/after-login?tab=1",
    nameId: { value: "alice@example.com", format: NAMEID_FORMAT.emailAddress },
    session: {
      index: "_session-1",
      authnInstant: NOW,
      notOnOrAfter: new Date(NOW.getTime() + 8 * 3600_000),
      mfa: false,
    },
    attributes: ATTRIBUTES,
    now: NOW,
    ...overrides,
  };
}

const parse = (xml: string) => new DOMParser().parseFromString(xml, "text/xml");
const one = (doc: Document, ns: string, name: string) => doc.getElementsByTagNameNS(ns, name)[0]!;

/** Checks every ds:Signature in `xml` with xml-crypto; returns the URIs they reference. */
function checkSignaturesWithXmlCrypto(xml: string, cert = idpCertPem): string[] {
  const signatures = Array.from(parse(xml).getElementsByTagNameNS(NS.dsig, "Signature"));
  return signatures.map((node) => {
    const sig = new SignedXml({ publicCert: cert });
    registerSha384(sig);
    sig.loadSignature(node);
    expect(sig.checkSignature(xml)).toBe(true);
    return node.getElementsByTagNameNS(NS.dsig, "Reference")[0]!.getAttribute("URI")!;
  });
}

const MODES = [
  { signResponse: true, signAssertion: false },
  { signResponse: false, signAssertion: true },
  { signResponse: true, signAssertion: true },
];
const ALGORITHMS: SignatureAlgorithm[] = ["SHA256", "SHA384", "SHA512"];

describe("buildResponse", () => {
  describe.each(ALGORITHMS)("RSA-%s", (algorithm) => {
    it.each(MODES)("signResponse=$signResponse signAssertion=$signAssertion verifies with xml-crypto", (mode) => {
      const msg = buildResponse(input({ ...mode, idp: testIdp(algorithm) }));
      const xml = fromBase64(msg.fields.SAMLResponse);
      const doc = parse(xml);
      const responseId = doc.documentElement!.getAttribute("ID");
      const assertionId = one(doc, NS.assertion, "Assertion").getAttribute("ID");
      const expected = [
        ...(mode.signResponse ? [`#${responseId}`] : []),
        ...(mode.signAssertion ? [`#${assertionId}`] : []),
      ];
      expect(checkSignaturesWithXmlCrypto(xml)).toEqual(expected);
      expect(xml).toContain(`Algorithm="${SIGNATURE_ALGORITHMS[algorithm].signatureUri}"`);
      expect(xml).toContain(`Algorithm="${SIGNATURE_ALGORITHMS[algorithm].digestUri}"`);
      // Another key does not verify it.
      expect(() => checkSignaturesWithXmlCrypto(xml, fixture("sp-cert.pem"))).toThrow();
    });
  });

  // node-saml (xml-crypto inside) knows RSA-SHA256 and RSA-SHA512 but not RSA-SHA384.
  describe.each(["SHA256", "SHA512"] as const)("node-saml as the SP, RSA-%s", (algorithm) => {
    it.each(MODES)("validates signResponse=$signResponse signAssertion=$signAssertion end to end", async (mode) => {
      const sp = nodeSamlSp({
        validateInResponseTo: ValidateInResponseTo.always,
        wantAuthnResponseSigned: mode.signResponse,
        wantAssertionsSigned: mode.signAssertion,
      });
      const url = await sp.getAuthorizeUrlAsync("relay-1", undefined, {});
      const request = parseAuthnRequest(
        { binding: "redirect", query: queryOf(url) },
        { sp: testSp(), ssoUrl: IDP_SSO_URL },
      );
      const msg = buildResponse(
        input({
          ...mode,
          idp: testIdp(algorithm),
          inResponseTo: request.id,
          acsUrl: request.acs.url,
          relayState: request.relayState,
        }),
      );
      expect(msg).toMatchObject({ binding: "post", url: SP_ACS_URL, fields: { RelayState: "relay-1" } });
      const { profile } = await sp.validatePostResponseAsync({ SAMLResponse: msg.fields.SAMLResponse! });
      expect(profile).toMatchObject({ issuer: IDP_ENTITY_ID, nameID: "alice@example.com", inResponseTo: request.id });
      // The request ID was consumed: the same Response cannot be used twice.
      await expect(sp.validatePostResponseAsync({ SAMLResponse: msg.fields.SAMLResponse! })).rejects.toThrow(
        /InResponseTo/,
      );
    });
  });

  it("keeps attribute and NameID values with XML specials, comments and CDATA markers exact", async () => {
    const msg = buildResponse(input({ nameId: { value: "a&b<c>\"d'e<!--x-->", format: NAMEID_FORMAT.unspecified } }));
    const { profile } = await nodeSamlSp({
      validateInResponseTo: ValidateInResponseTo.never,
    }).validatePostResponseAsync({
      SAMLResponse: msg.fields.SAMLResponse!,
    });
    expect(profile!.nameID).toBe("a&b<c>\"d'e<!--x-->");
    expect(profile!.attributes).toMatchObject({
      uid: "alice@example.com",
      tricky: TRICKY,
      groups: ["Engineering", "Admins & Owners"],
    });
    const xml = fromBase64(msg.fields.SAMLResponse);
    expect(xml).not.toContain("<!-- comment -->");
    expect(xml).not.toContain("]]>");
    expect(xml).toContain("&lt;!-- comment --&gt;");
  });

  it("signs an IdP-initiated Response without InResponseTo", async () => {
    const msg = buildResponse(input({ inResponseTo: undefined, relayState: undefined }));
    const xml = fromBase64(msg.fields.SAMLResponse);
    expect(xml).not.toContain("InResponseTo");
    expect(msg.fields).not.toHaveProperty("RelayState");
    const { profile } = await nodeSamlSp({
      validateInResponseTo: ValidateInResponseTo.never,
    }).validatePostResponseAsync({
      SAMLResponse: msg.fields.SAMLResponse!,
    });
    expect(profile!.nameID).toBe("alice@example.com");
  });

  it("fills every field the IdP duties name", () => {
    const mfaInput = input({ session: { ...input().session, mfa: true } });
    const a = buildResponse(mfaInput);
    const b = buildResponse(mfaInput);
    const doc = parse(fromBase64(a.fields.SAMLResponse));
    const root = doc.documentElement!;
    const assertion = one(doc, NS.assertion, "Assertion");
    const idPattern = /^_[0-9a-f]{42}$/;
    expect(root.getAttribute("ID")).toMatch(idPattern);
    expect(assertion.getAttribute("ID")).toMatch(idPattern);
    expect(a.id).toBe(root.getAttribute("ID"));
    expect(b.id).not.toBe(a.id);
    expect(root.getAttribute("Destination")).toBe(SP_ACS_URL);
    expect(root.getAttribute("InResponseTo")).toBe("_request-1");
    expect(one(doc, NS.protocol, "StatusCode").getAttribute("Value")).toBe(STATUS.success);
    const confirmation = one(doc, NS.assertion, "SubjectConfirmationData");
    expect(confirmation.getAttribute("Recipient")).toBe(SP_ACS_URL);
    expect(confirmation.getAttribute("InResponseTo")).toBe("_request-1");
    expect(one(doc, NS.assertion, "Audience").textContent).toBe(SP_ENTITY_ID);
    const conditions = one(doc, NS.assertion, "Conditions");
    const notBefore = Date.parse(conditions.getAttribute("NotBefore")!);
    const notOnOrAfter = Date.parse(conditions.getAttribute("NotOnOrAfter")!);
    const nowSeconds = Math.floor(NOW.getTime() / 1000) * 1000;
    expect(notBefore).toBe(nowSeconds - 30_000);
    expect(notOnOrAfter).toBe(nowSeconds + 5 * 60_000);
    expect(Date.parse(confirmation.getAttribute("NotOnOrAfter")!)).toBe(notOnOrAfter);
    const authn = one(doc, NS.assertion, "AuthnStatement");
    expect(authn.getAttribute("SessionIndex")).toBe("_session-1");
    expect(authn.getAttribute("AuthnInstant")).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(Date.parse(authn.getAttribute("SessionNotOnOrAfter")!)).toBeGreaterThan(notOnOrAfter);
    expect(one(doc, NS.assertion, "AuthnContextClassRef").textContent).toBe(AUTHN_CONTEXT.mfa);
    const names = Array.from(doc.getElementsByTagNameNS(NS.assertion, "Attribute")).map(
      (el) => `${el.getAttribute("Name")} ${el.getAttribute("NameFormat")!.split(":").pop()}`,
    );
    expect(names).toEqual(["uid basic", "tricky basic", "groups basic", `${ATTRIBUTES[3]!.name} uri`]);
  });

  it("says PasswordProtectedTransport without MFA and qualifies transient NameIDs", async () => {
    const msg = buildResponse(input({ nameId: { value: "_t123", format: NAMEID_FORMAT.transient } }));
    const doc = parse(fromBase64(msg.fields.SAMLResponse));
    expect(one(doc, NS.assertion, "AuthnContextClassRef").textContent).toBe(AUTHN_CONTEXT.password);
    const { profile } = await nodeSamlSp({
      validateInResponseTo: ValidateInResponseTo.never,
    }).validatePostResponseAsync({
      SAMLResponse: msg.fields.SAMLResponse!,
    });
    expect(profile).toMatchObject({
      nameID: "_t123",
      nameIDFormat: NAMEID_FORMAT.transient,
      nameQualifier: IDP_ENTITY_ID,
      spNameQualifier: SP_ENTITY_ID,
    });
  });

  it("omits an empty AttributeStatement and refuses to sign nothing or unrepresentable characters", () => {
    expect(fromBase64(buildResponse(input({ attributes: [] })).fields.SAMLResponse)).not.toContain(
      "AttributeStatement",
    );
    expect(() => buildResponse(input({ signResponse: false, signAssertion: false }))).toThrow();
    expect(() => buildResponse(input({ attributes: [{ name: "x", values: ["bell\u0007"] }] }))).toThrow(/XML/);
    expect(() => buildResponse(input({ attributes: [{ name: "x", values: ["\uD800"] }] }))).toThrow(/XML/);
  });

  it("is valid against the SAML 2.0 protocol schema", async () => {
    const xml = fromBase64(buildResponse(input()).fields.SAMLResponse);
    expect(await schemaErrors(xml, "protocol")).toEqual([]);
  });
});

describe("buildErrorResponse", () => {
  it.each([
    { code: STATUS.requester, subCode: STATUS.invalidNameIdPolicy },
    { code: STATUS.responder, subCode: STATUS.authnFailed },
    { code: STATUS.responder, subCode: STATUS.requestDenied },
    { code: STATUS.responder },
  ])("reports $code $subCode to the SP, signed", async (status) => {
    const msg = buildErrorResponse({
      idp: testIdp(),
      acsUrl: SP_ACS_URL,
      inResponseTo: "_request-1",
      relayState: "r",
      status,
    });
    const xml = fromBase64(msg.fields.SAMLResponse);
    expect(checkSignaturesWithXmlCrypto(xml)).toEqual([`#${msg.id}`]);
    expect(xml).not.toContain("Assertion");
    const sp = nodeSamlSp({ validateInResponseTo: ValidateInResponseTo.never });
    await expect(sp.validatePostResponseAsync({ SAMLResponse: msg.fields.SAMLResponse! })).rejects.toThrow(
      (status.subCode ?? status.code).split(":").pop(),
    );
  });

  it("answers an InvalidNameIDPolicy refusal as the SamlError's reply says", async () => {
    const sp = nodeSamlSp({
      validateInResponseTo: ValidateInResponseTo.always,
      identifierFormat: NAMEID_FORMAT.persistent,
    });
    const url = await sp.getAuthorizeUrlAsync("r", undefined, {});
    let reply: SamlErrorReply | undefined;
    try {
      parseAuthnRequest({ binding: "redirect", query: queryOf(url) }, { sp: testSp(), ssoUrl: IDP_SSO_URL });
    } catch (e) {
      reply = (e as SamlError).reply;
    }
    expect(reply).toBeDefined();
    const msg = buildErrorResponse({ ...reply!, idp: testIdp() });
    expect(fromBase64(msg.fields.SAMLResponse)).toContain(STATUS.invalidNameIdPolicy);
    expect(await schemaErrors(fromBase64(msg.fields.SAMLResponse), "protocol")).toEqual([]);
    await expect(sp.validatePostResponseAsync({ SAMLResponse: msg.fields.SAMLResponse! })).rejects.toThrow(
      /InvalidNameIDPolicy/,
    );
  });
});
