import * as samlify from "samlify";
import { describe, expect, it } from "vitest";
import {
  IDP_ENTITY_ID,
  IDP_SLO_URL,
  IDP_SSO_URL,
  SP_ACS_URL,
  SP_ENTITY_ID,
  idpCertPem,
  queryOf,
  schemaErrors,
  spCertPem,
  spKeyPem,
  testIdp,
  testSp,
} from "../../test/fixtures/saml";
import { pemToBase64Der } from "../crypto/keys";
import { parseAuthnRequest } from "./authn-request";
import { BINDING, NAMEID_FORMATS } from "./constants";
import { buildIdpMetadata, type IdpMetadataInput } from "./metadata";
import { buildResponse } from "./response";

const ACTIVE = pemToBase64Der(idpCertPem);
const NEXT = pemToBase64Der(spCertPem);
const input: IdpMetadataInput = {
  entityId: IDP_ENTITY_ID,
  ssoUrl: IDP_SSO_URL,
  sloUrl: IDP_SLO_URL,
  certificates: [ACTIVE, NEXT],
  wantAuthnRequestsSigned: true,
  nameIdFormats: [NAMEID_FORMATS[2]!, NAMEID_FORMATS[0]!],
};

describe("buildIdpMetadata", () => {
  it("is valid against the SAML 2.0 metadata schema", async () => {
    expect(await schemaErrors(buildIdpMetadata(input), "metadata")).toEqual([]);
    expect(
      await schemaErrors(
        buildIdpMetadata({ ...input, certificates: [ACTIVE], wantAuthnRequestsSigned: false }),
        "metadata",
      ),
    ).toEqual([]);
  });

  it("publishes the active and the next signing certificate, both bindings and only the formats the application answers with", () => {
    const xml = buildIdpMetadata(input);
    expect(xml.match(/<md:KeyDescriptor use="signing">/g)).toHaveLength(2);
    expect(xml.indexOf(ACTIVE)).toBeLessThan(xml.indexOf(NEXT));
    for (const b of [BINDING.redirect, BINDING.post]) {
      expect(xml).toContain(`<md:SingleSignOnService Binding="${b}" Location="${IDP_SSO_URL}"/>`);
      expect(xml).toContain(`<md:SingleLogoutService Binding="${b}" Location="${IDP_SLO_URL}"/>`);
    }
    const listed = [...xml.matchAll(/<md:NameIDFormat>([^<]+)<\/md:NameIDFormat>/g)].map((m) => m[1]);
    // The default first, then the others; nothing the application would refuse.
    expect(listed).toEqual([NAMEID_FORMATS[2], NAMEID_FORMATS[0]]);
    expect(xml).toContain('WantAuthnRequestsSigned="true"');
  });

  it("escapes values", () => {
    const xml = buildIdpMetadata({ ...input, entityId: 'https://idp.example.test/?a=1&b="2"' });
    expect(xml).toContain('entityID="https://idp.example.test/?a=1&amp;b=&quot;2&quot;"');
  });

  it("is consumed by samlify's SP, which then signs in through Portcullis", async () => {
    samlify.setSchemaValidator({ validate: async () => "not validated in this test" });
    const idp = samlify.IdentityProvider({ metadata: buildIdpMetadata(input) });
    expect(idp.entityMeta.getEntityID()).toBe(IDP_ENTITY_ID);
    expect(idp.entityMeta.getSingleSignOnService("redirect")).toBe(IDP_SSO_URL);
    expect(idp.entityMeta.isWantAuthnRequestsSigned()).toBe(true);

    const sp = samlify.ServiceProvider({
      entityID: SP_ENTITY_ID,
      assertionConsumerService: [{ Binding: BINDING.post, Location: SP_ACS_URL }],
      privateKey: spKeyPem,
      signingCert: spCertPem,
      authnRequestsSigned: true,
      requestSignatureAlgorithm: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
    });
    const { context } = sp.createLoginRequest(idp, "redirect") as { context: string };
    expect(context.startsWith(`${IDP_SSO_URL}?SAMLRequest=`)).toBe(true);
    const request = parseAuthnRequest(
      { binding: "redirect", query: queryOf(context) },
      { sp: testSp(), ssoUrl: IDP_SSO_URL },
    );
    expect(request.signed).toBe(true);

    const msg = buildResponse({
      idp: testIdp(),
      signResponse: true,
      signAssertion: true,
      audience: SP_ENTITY_ID,
      acsUrl: request.acs.url,
      inResponseTo: request.id,
      nameId: { value: "alice@example.com", format: NAMEID_FORMATS[1]! },
      session: { index: "_s1", authnInstant: new Date(), notOnOrAfter: new Date(Date.now() + 3600_000), mfa: false },
      attributes: [{ name: "uid", values: ['a&<b>"c'] }],
    });
    const { extract } = await sp.parseLoginResponse(idp, "post", { body: { SAMLResponse: msg.fields.SAMLResponse } });
    expect(extract).toMatchObject({
      issuer: IDP_ENTITY_ID,
      audience: SP_ENTITY_ID,
      nameID: "alice@example.com",
      response: { inResponseTo: request.id, destination: SP_ACS_URL },
      attributes: { uid: 'a&<b>"c' },
    });
  });
});
