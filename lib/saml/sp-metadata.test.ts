import { generateServiceProviderMetadata } from "@node-saml/node-saml";
import { describe, expect, it } from "vitest";
import {
  SP_ACS_URL,
  SP_ENTITY_ID,
  SP_SLO_URL,
  fixture,
  schemaErrors,
  spCertPem,
  spKeyPem,
} from "../../test/fixtures/saml";
import { AppError } from "../errors";
import { BINDING, NAMEID_FORMAT } from "./constants";
import { parseSpMetadata } from "./sp-metadata";

const ORG = "c0cb726f-a187-4ef6-b89d-46749e1abd7a";
const webex = fixture(`idb-meta-${ORG}-SP.xml`);

/** The validation message parseSpMetadata throws for `xml`. */
function rejection(xml: string): string {
  try {
    parseSpMetadata(xml);
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe("validation");
    return (e as AppError).message;
  }
  throw new Error("expected a validation error");
}

describe("parseSpMetadata", () => {
  it("imports Webex Control Hub's idb-meta-<org-ID>-SP.xml", async () => {
    expect(await schemaErrors(webex, "metadata")).toEqual([]);
    const md = parseSpMetadata(webex);
    const acsUrl = `https://idbroker.webex.com/idb/Consumer/metaAlias/${ORG}/sp`;
    expect(md).toEqual({
      entityId: `https://idbroker.webex.com/${ORG}`,
      acs: [
        { index: 0, url: acsUrl, binding: BINDING.post, isDefault: true },
        { index: 1, url: acsUrl, binding: "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Artifact", isDefault: false },
        {
          index: 2,
          url: `https://idbroker-b-us.webex.com/idb/Consumer/metaAlias/${ORG}/sp`,
          binding: BINDING.post,
          isDefault: false,
        },
      ],
      sloUrl: `https://idbroker.webex.com/idb/SPSloRedirect/metaAlias/${ORG}/sp`,
      sloBinding: "redirect",
      nameIdFormats: [
        NAMEID_FORMAT.transient,
        NAMEID_FORMAT.unspecified,
        NAMEID_FORMAT.emailAddress,
        "urn:oasis:names:tc:SAML:1.1:nameid-format:X509SubjectName",
      ],
      signingCertificates: [expect.stringMatching(/^-----BEGIN CERTIFICATE-----\n/)],
      authnRequestsSigned: true,
      wantAssertionsSigned: true,
    });
    // The encryption certificate is not taken as a signing one.
    expect(md.signingCertificates[0]).toContain(webex.match(/<ds:X509Certificate>\s*(\S{40})/)![1]);
  });

  it("imports node-saml's SP metadata", () => {
    const xml = generateServiceProviderMetadata({
      issuer: SP_ENTITY_ID,
      callbackUrl: SP_ACS_URL,
      logoutCallbackUrl: SP_SLO_URL,
      publicCerts: spCertPem,
      privateKey: spKeyPem,
      wantAssertionsSigned: true,
    });
    const md = parseSpMetadata(xml);
    expect(md).toMatchObject({
      entityId: SP_ENTITY_ID,
      acs: [{ index: 1, url: SP_ACS_URL, binding: BINDING.post, isDefault: true }],
      sloUrl: SP_SLO_URL,
      sloBinding: "post",
      authnRequestsSigned: true,
    });
    expect(md.signingCertificates).toHaveLength(1);
  });

  it("chooses the default ACS as the metadata spec says", () => {
    const acs = (attrs: string[]) =>
      parseSpMetadata(
        webex.replace(
          /<AssertionConsumerService[\s\S]*<\/SPSSODescriptor>/,
          attrs
            .map(
              (a, i) =>
                `<AssertionConsumerService index="${i}" Binding="${BINDING.post}" Location="https://sp.example/acs${i}"${a}/>`,
            )
            .join("") + "</SPSSODescriptor>",
        ),
      ).acs.map((a) => a.isDefault);
    expect(acs(["", ' isDefault="true"', ' isDefault="true"'])).toEqual([false, true, false]);
    expect(acs([' isDefault="false"', "", ""])).toEqual([false, true, false]);
    expect(acs([' isDefault="false"', ' isDefault="false"'])).toEqual([true, false]);
  });

  it("refuses non-http(s) URLs, naming the element", () => {
    const jsAcs = webex.replace(
      `Location="https://idbroker.webex.com/idb/Consumer/metaAlias/${ORG}/sp"/>`,
      'Location="javascript:alert(1)"/>',
    );
    expect(rejection(jsAcs)).toMatch(
      /AssertionConsumerService \(index 0\) Location must be an absolute http:\/\/ or https:\/\/ URL.*javascript:alert\(1\)/,
    );
    const dataSlo = webex.replace(/(SingleLogoutService[^>]*?) Location="[^"]*"/, '$1 Location="data:text/html,hi"');
    expect(rejection(dataSlo)).toMatch(/SingleLogoutService Location/);
    const relative = webex.replace(/ResponseLocation="[^"]*"/, 'ResponseLocation="/sp/slo"');
    expect(rejection(relative)).toMatch(/SingleLogoutService ResponseLocation/);
  });

  it("refuses DOCTYPE and entities, oversized files and what is not SP metadata", () => {
    const doctype = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>${webex.replace(/^<\?xml[^>]*\?>/, "")}`;
    expect(rejection(doctype)).toMatch(/DOCTYPE/);
    expect(
      rejection(webex.replace("</EntityDescriptor>", `<!-- ${"x".repeat(520 * 1024)} --></EntityDescriptor>`)),
    ).toMatch(/512 KiB/);
    expect(rejection("<EntityDescriptor")).toMatch(/not well-formed/);
    expect(rejection('<EntitiesDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata"/>')).toMatch(/several entities/);
    expect(rejection('<EntityDescriptor xmlns="urn:evil" entityID="x"/>')).toMatch(/not SAML 2.0 metadata/);
    expect(rejection(webex.replace(/SPSSODescriptor/g, "IDPSSODescriptor"))).toMatch(/no SPSSODescriptor/);
    expect(rejection(webex.replace(/entityID="[^"]*"/, ""))).toMatch(/no entityID/);
  });

  it("refuses ACS lists Portcullis cannot serve and unreadable certificates", () => {
    expect(rejection(webex.replaceAll(BINDING.post, "urn:oasis:names:tc:SAML:2.0:bindings:PAOS"))).toMatch(/HTTP-POST/);
    expect(rejection(webex.replace('index="1"', 'index="0"'))).toMatch(
      /Two AssertionConsumerService elements have index 0/,
    );
    expect(rejection(webex.replace('index="1"', 'index="-1"'))).toMatch(/no valid index/);
    expect(rejection(webex.replace(/<ds:X509Certificate>\s*MII/, "<ds:X509Certificate>MIIAAAA"))).toMatch(
      /cannot be read/,
    );
  });
});
