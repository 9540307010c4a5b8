import { deflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { fixture, postFields } from "../../test/fixtures/saml";
import { decodeInboundForTrace, decodeOutboundForTrace } from "./trace";

const post = (xml: string) => ({ binding: "post" as const, fields: postFields(xml, "secret-token") });
const redirect = (xml: string, extra = "") => ({
  binding: "redirect" as const,
  query: `SAMLRequest=${encodeURIComponent(deflateRawSync(xml).toString("base64"))}&RelayState=secret-token${extra}`,
});

describe("decoding for the SAML trace", () => {
  it("pretty-prints a signed POST request, shortening signature values", () => {
    const d = decodeInboundForTrace(post(fixture("authn-request-post-signed.xml")));
    expect(d).toMatchObject({ binding: "post", messageType: "AuthnRequest", signed: true });
    expect(d.messageId).toMatch(/^_/);
    expect(d.xml).toMatch(/\n  <saml:Issuer[^>]*>/);
    expect(d.xml).toMatch(/<(ds:)?SignatureValue>[A-Za-z0-9+/=]{16}…<\/(ds:)?SignatureValue>/);
  });

  it("reads a Redirect request; RelayState is not kept", () => {
    const d = decodeInboundForTrace(redirect(fixture("authn-request-redirect.xml"), "&Signature=abc"));
    expect(d).toMatchObject({ binding: "redirect", messageType: "AuthnRequest", signed: true });
    expect(JSON.stringify(d)).not.toContain("secret-token");
  });

  it("never throws on hostile input, and does not parse a DOCTYPE", () => {
    const bomb = decodeInboundForTrace(post(fixture("attack-billion-laughs.xml")));
    expect(bomb.messageType).toBeUndefined();
    expect(bomb.note).toMatch(/refused by the parser/);
    expect(decodeInboundForTrace({ binding: "redirect", query: "SAMLRequest=%%%" }).xml).toBeNull();
    expect(decodeInboundForTrace({ binding: "post", fields: {} }).note).toBe("no SAML message in the form");
    const inflated = decodeInboundForTrace({
      binding: "redirect",
      query: `SAMLRequest=${encodeURIComponent(deflateRawSync(Buffer.alloc(10 * 1024 * 1024, 32)).toString("base64"))}`,
    });
    expect(inflated.xml).toBeNull();
  });

  it("describes a Response as the SP would check it", () => {
    const xml =
      `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_r" Version="2.0" IssueInstant="2026-01-01T00:00:00Z">` +
      `<saml:Issuer xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">https://idp</saml:Issuer>` +
      `<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>` +
      `<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_a" Version="2.0" IssueInstant="2026-01-01T00:00:00Z">` +
      `<saml:Issuer>https://idp</saml:Issuer><saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:transient">_abc</saml:NameID>` +
      `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData Recipient="https://sp/acs"/></saml:SubjectConfirmation></saml:Subject>` +
      `<saml:Conditions NotBefore="2026-01-01T00:00:00Z" NotOnOrAfter="2026-01-01T00:05:00Z"><saml:AudienceRestriction><saml:Audience>https://sp</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
      `<saml:AttributeStatement><saml:Attribute Name="uid"><saml:AttributeValue>a@b</saml:AttributeValue></saml:Attribute></saml:AttributeStatement>` +
      `</saml:Assertion></samlp:Response>`;
    const d = decodeOutboundForTrace({
      id: "_r",
      binding: "post",
      url: "https://sp/acs",
      fields: { SAMLResponse: Buffer.from(xml).toString("base64") },
    });
    expect(d.response).toEqual({
      status: "Success",
      nameId: "_abc",
      nameIdFormat: "urn:oasis:names:tc:SAML:2.0:nameid-format:transient",
      audience: "https://sp",
      notBefore: "2026-01-01T00:00:00Z",
      notOnOrAfter: "2026-01-01T00:05:00Z",
      recipient: "https://sp/acs",
      sessionIndex: undefined,
      authnContext: undefined,
      responseSigned: false,
      assertionSigned: false,
      attributes: [{ name: "uid", values: ["a@b"] }],
    });
  });
});
