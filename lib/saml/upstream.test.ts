// The ACS side of an authentication source: upstream Responses from XML fixtures
// (test/fixtures/saml/upstream, made by generate.ts there), each refusal with its reason.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { GENERATED_AT, IDP_ENTITY_ID, idpCertPem, spCertPem, testIdp, testSp } from "../../test/fixtures/saml";
import {
  PORTCULLIS_ACS,
  PORTCULLIS_SP_ENTITY_ID,
  UPSTREAM_REQUEST_ID,
} from "../../test/fixtures/saml/upstream/constants";
import { parseAuthnRequest } from "./authn-request";
import { BINDING, NAMEID_FORMAT, STATUS } from "./constants";
import { SamlError } from "./errors";
import { MemoryReplayStore } from "./replay";
import {
  UpstreamDeniedError,
  buildUpstreamAuthnRequest,
  verifyUpstreamResponse,
  type UpstreamResponseContext,
} from "./upstream";

const upstream = (name: string) =>
  readFileSync(path.join(__dirname, "../../test/fixtures/saml/upstream", name), "utf8").trim();
const NOW = new Date(GENERATED_AT.getTime() + 10_000);

const ctx = (overrides: Partial<UpstreamResponseContext> = {}): UpstreamResponseContext => ({
  idp: { entityId: IDP_ENTITY_ID, certificates: [idpCertPem] },
  sp: { entityId: PORTCULLIS_SP_ENTITY_ID, acsUrl: PORTCULLIS_ACS },
  requestId: UPSTREAM_REQUEST_ID,
  replay: new MemoryReplayStore(() => NOW.getTime()),
  now: NOW,
  ...overrides,
});
const form = (xml: string, relayState?: string) => ({
  SAMLResponse: Buffer.from(xml).toString("base64"),
  ...(relayState !== undefined && { RelayState: relayState }),
});

/** The SamlError the verification rejects with. */
async function refusal(xml: string, c = ctx()): Promise<SamlError> {
  try {
    await verifyUpstreamResponse(form(xml), c);
  } catch (e) {
    if (e instanceof SamlError) return e;
    throw e;
  }
  throw new Error("expected the Response to be refused");
}

describe("verifyUpstreamResponse: accepted", () => {
  it.each([
    [
      "the Assertion alone signed (Entra ID's default)",
      "response-signed-assertion.xml",
      { response: false, assertion: true },
    ],
    ["both signed", "response-signed-both.xml", { response: true, assertion: true }],
    ["the Response alone signed", "response-signed-response.xml", { response: true, assertion: false }],
  ])("%s", async (_, file, signed) => {
    const a = await verifyUpstreamResponse(form(upstream(file), "rs"), ctx());
    expect(a.signed).toEqual(signed);
    expect(a.issuer).toBe(IDP_ENTITY_ID);
    expect(a.nameId).toEqual({ value: "ada@example.test", format: NAMEID_FORMAT.emailAddress });
    expect(a.sessionIndex).toBe("_upstream-session-1");
    expect(a.authnInstant.toISOString()).toBe(GENERATED_AT.toISOString());
    expect(a.relayState).toBe("rs");
    expect(a.attributes["http://schemas.microsoft.com/identity/claims/displayname"]).toEqual(["Ada Lovelace"]);
    expect(a.attributes["http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress"]).toEqual([
      "ada@example.test",
    ]);
  });

  it("accepts a certificate rollover: any registered certificate may verify", async () => {
    const a = await verifyUpstreamResponse(
      form(upstream("response-signed-both.xml")),
      ctx({ idp: { entityId: IDP_ENTITY_ID, certificates: [spCertPem, idpCertPem] } }),
    );
    expect(a.signed.response).toBe(true);
  });

  it("accepts the Response within the clock skew, late and early", async () => {
    await verifyUpstreamResponse(
      form(upstream("response-signed-assertion.xml")),
      ctx({ now: new Date(GENERATED_AT.getTime() + 170_000) }),
    );
    await verifyUpstreamResponse(
      form(upstream("response-signed-assertion.xml")),
      ctx({ now: new Date(GENERATED_AT.getTime() - 170_000) }),
    );
  });
});

describe("verifyUpstreamResponse: refused", () => {
  it("unsigned", async () => {
    expect((await refusal(upstream("response-unsigned.xml"))).reason).toBe("unsigned_response");
  });

  it("signed by a certificate the source does not register", async () => {
    const e = await refusal(upstream("response-wrong-certificate.xml"));
    expect(e.reason).toBe("bad_signature");
    expect(e.detail).toMatch(/does not verify/);
  });

  it("no certificate registered: nothing verifies", async () => {
    const e = await refusal(
      upstream("response-signed-assertion.xml"),
      ctx({ idp: { entityId: IDP_ENTITY_ID, certificates: [] } }),
    );
    expect(e.reason).toBe("bad_signature");
  });

  it.each([
    ["the signed Assertion hidden in Extensions, an unsigned one in its place", "attack-wrapped-extensions.xml"],
    [
      "an evil Assertion with the genuine one's ID and Signature, the genuine one in its Advice",
      "attack-wrapped-same-id.xml",
    ],
  ])("wrapped signature: %s", async (_, file) => {
    const e = await refusal(upstream(file));
    expect(e.reason).toBe("bad_signature");
  });

  it("a second, unsigned Assertion beside the signed one", async () => {
    const e = await refusal(upstream("attack-second-assertion.xml"));
    expect(e.reason).toBe("bad_signature");
    expect(e.detail).toMatch(/neither the Response nor its Assertion/);
  });

  it("a Response body changed after signing (the NameID)", async () => {
    const e = await refusal(
      upstream("response-signed-both.xml").replace("ada@example.test</saml:NameID>", "eve@example.test</saml:NameID>"),
    );
    expect(e.reason).toBe("bad_signature");
  });

  it("wrong Audience", async () => {
    const e = await refusal(upstream("response-wrong-audience.xml"));
    expect(e.reason).toBe("wrong_audience");
    expect(e.detail).toContain("https://other.example.test/sp");
  });

  it("wrong InResponseTo: a Response to another login transaction's request", async () => {
    const e = await refusal(upstream("response-signed-assertion.xml"), ctx({ requestId: "_anotherrequest" }));
    expect(e.reason).toBe("wrong_in_response_to");
  });

  it("wrong Destination / Recipient: a Response for another source's ACS", async () => {
    const other = { entityId: PORTCULLIS_SP_ENTITY_ID, acsUrl: "https://portcullis.example.test/saml2/sp/okta/acs" };
    expect((await refusal(upstream("response-signed-both.xml"), ctx({ sp: other }))).reason).toBe("wrong_destination");
  });

  it("wrong Issuer: another identity provider's Response", async () => {
    const e = await refusal(
      upstream("response-signed-assertion.xml"),
      ctx({ idp: { entityId: "https://sts.windows.net/other/", certificates: [idpCertPem] } }),
    );
    expect(e.reason).toBe("wrong_issuer");
  });

  it("expired: after NotOnOrAfter and the skew", async () => {
    const e = await refusal(
      upstream("response-signed-assertion.xml"),
      ctx({ now: new Date(GENERATED_AT.getTime() + 3600_000) }),
    );
    expect(["stale_request", "expired_assertion"]).toContain(e.reason);
    expect(e.detail).toMatch(/more than 180000 ms old/);
  });

  it("not yet valid: issued in the future beyond the skew", async () => {
    const e = await refusal(
      upstream("response-signed-assertion.xml"),
      ctx({ now: new Date(GENERATED_AT.getTime() - 3600_000) }),
    );
    expect(e.reason).toBe("future_request");
  });

  it("replayed: the same assertion a second time", async () => {
    const c = ctx();
    await verifyUpstreamResponse(form(upstream("response-signed-assertion.xml")), c);
    const e = await refusal(upstream("response-signed-assertion.xml"), c);
    expect(e.reason).toBe("replayed_response");
  });

  it("DOCTYPE", async () => {
    expect((await refusal(upstream("attack-doctype.xml"))).reason).toBe("doctype_forbidden");
  });

  it("oversized", async () => {
    const big = upstream("response-signed-assertion.xml").replace(
      "</samlp:Response>",
      `<!--${"x".repeat(60_000)}--></samlp:Response>`,
    );
    expect((await refusal(big)).reason).toBe("request_too_large");
  });

  it("an EncryptedAssertion is refused clearly", async () => {
    const e = await refusal(upstream("response-encrypted-assertion.xml"));
    expect(e.reason).toBe("encrypted_assertion");
    expect(e.detail).toMatch(/does not decrypt/);
  });

  it("an upstream error Response: upstream_denied with its status and message", async () => {
    const e = await refusal(upstream("response-denied.xml"));
    expect(e).toBeInstanceOf(UpstreamDeniedError);
    expect(e.reason).toBe("upstream_denied");
    const denied = e as UpstreamDeniedError;
    expect(denied.upstreamStatus).toEqual({ code: STATUS.responder, subCode: STATUS.requestDenied });
    expect(denied.statusMessage).toMatch(/^AADSTS50105: Your administrator has configured the application/);
  });

  it("an upstream error Response to another transaction is not shown", async () => {
    expect((await refusal(upstream("response-denied.xml"), ctx({ requestId: "_other" }))).reason).toBe(
      "wrong_in_response_to",
    );
  });

  it("something that is not a Response", async () => {
    expect((await refusal("<samlp:AuthnRequest xmlns:samlp='urn:oasis:names:tc:SAML:2.0:protocol'/>")).reason).toBe(
      "malformed_request",
    );
  });
});

describe("buildUpstreamAuthnRequest", () => {
  it("is a signed Redirect AuthnRequest that an IdP's request parser accepts", () => {
    const signer = testIdp(); // stands in for Portcullis's signing key
    const message = buildUpstreamAuthnRequest({
      sp: { entityId: PORTCULLIS_SP_ENTITY_ID, acsUrl: PORTCULLIS_ACS },
      signer,
      idp: { ssoUrl: "https://idp.example.test/sso?tenant=1", nameIdFormat: NAMEID_FORMAT.emailAddress },
      relayState: "tx",
      now: NOW,
    });
    expect(message.url.startsWith("https://idp.example.test/sso?tenant=1&SAMLRequest=")).toBe(true);
    const query = message.url.slice(message.url.indexOf("&") + 1);
    const parsed = parseAuthnRequest(
      { binding: "redirect", query },
      {
        sp: testSp({
          entityId: PORTCULLIS_SP_ENTITY_ID,
          acs: [{ index: 0, url: PORTCULLIS_ACS, binding: BINDING.post, isDefault: true }],
          signingCertificates: [idpCertPem],
          requireSignedRequests: true,
        }),
        ssoUrl: "https://idp.example.test/sso?tenant=1",
        now: NOW,
      },
    );
    expect(parsed.id).toBe(message.id);
    expect(parsed.signed).toBe(true);
    expect(parsed.acs.url).toBe(PORTCULLIS_ACS);
    expect(parsed.relayState).toBe("tx");
    expect(parsed.requestedNameIdFormat).toBe(NAMEID_FORMAT.emailAddress);
  });
});
