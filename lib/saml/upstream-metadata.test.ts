// Importing an upstream identity provider's metadata, and the SP metadata Portcullis shows per source.
import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { idpCertPem, schemaErrors } from "../../test/fixtures/saml";
import { NAMEID_FORMAT } from "./constants";
import { buildIdpMetadata } from "./metadata";
import { buildSourceSpMetadata, parseIdpMetadata, readPemCertificates } from "./upstream-metadata";
import { parseSpMetadata } from "./sp-metadata";

const der = idpCertPem.replace(/-----[^-]+-----|\s+/g, "");
const portcullisIdp = () =>
  buildIdpMetadata({
    entityId: "https://upstream.example.test/saml2/idp/abc/metadata",
    ssoUrl: "https://upstream.example.test/saml2/idp/abc/sso",
    sloUrl: "https://upstream.example.test/saml2/idp/abc/slo",
    certificates: [der],
    wantAuthnRequestsSigned: false,
    nameIdFormats: [NAMEID_FORMAT.emailAddress],
  });

/** The validation message a refused import shows. */
function message(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e.message;
    throw e;
  }
  throw new Error("expected a refusal");
}

describe("parseIdpMetadata", () => {
  it("reads entity ID, the Redirect SSO URL and the signing certificates", () => {
    const m = parseIdpMetadata(portcullisIdp());
    expect(m.entityId).toBe("https://upstream.example.test/saml2/idp/abc/metadata");
    expect(m.ssoUrl).toBe("https://upstream.example.test/saml2/idp/abc/sso");
    expect(m.certificates).toHaveLength(1);
    expect(m.certificates[0]!.replace(/\s+/g, "")).toBe(idpCertPem.replace(/\s+/g, ""));
    expect(m.nameIdFormats).toEqual([NAMEID_FORMAT.emailAddress]);
  });

  it("refuses hostile or unusable metadata with a message an administrator can act on", () => {
    expect(message(() => parseIdpMetadata(`<!DOCTYPE x [<!ENTITY a "b">]>${portcullisIdp()}`))).toMatch(/DOCTYPE/);
    expect(message(() => parseIdpMetadata("<x/>"))).toMatch(/not SAML 2.0 metadata/);
    expect(
      message(() => parseIdpMetadata(portcullisIdp().replace(/<md:KeyDescriptor[\s\S]*<\/md:KeyDescriptor>\n/, ""))),
    ).toMatch(/no signing certificate/);
    expect(message(() => parseIdpMetadata(portcullisIdp().replace(/HTTP-Redirect/g, "HTTP-Artifact")))).toMatch(
      /HTTP-Redirect/,
    );
    expect(
      message(() =>
        parseIdpMetadata(
          portcullisIdp().replaceAll("https://upstream.example.test/saml2/idp/abc/sso", "javascript:alert(1)"),
        ),
      ),
    ).toMatch(/javascript:alert/);
    expect(message(() => parseIdpMetadata(portcullisIdp().replace(der, "AAAA")))).toMatch(/cannot be read/);
    expect(message(() => parseIdpMetadata(`<!--${"x".repeat(600 * 1024)}-->`))).toMatch(/512 KiB/);
  });

  it("reads pasted PEM certificates, several for a rollover", () => {
    expect(readPemCertificates(`${idpCertPem}\n${idpCertPem}`)).toHaveLength(1);
    expect(readPemCertificates(der)).toHaveLength(1);
    expect(message(() => readPemCertificates("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----"))).toMatch(
      /cannot be read/,
    );
  });
});

describe("buildSourceSpMetadata", () => {
  const xml = buildSourceSpMetadata({
    entityId: "https://portcullis.example.test/saml2/sp/entra/metadata",
    acsUrl: "https://portcullis.example.test/saml2/sp/entra/acs",
    certificates: [der],
  });

  it("is schema-valid SAML metadata that an SP-metadata reader understands", async () => {
    expect(await schemaErrors(xml, "metadata")).toEqual([]);
    const sp = parseSpMetadata(xml);
    expect(sp.entityId).toBe("https://portcullis.example.test/saml2/sp/entra/metadata");
    expect(sp.acs).toEqual([
      {
        index: 0,
        binding: "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST",
        url: "https://portcullis.example.test/saml2/sp/entra/acs",
        isDefault: true,
      },
    ]);
    expect(sp.authnRequestsSigned).toBe(true);
    expect(sp.signingCertificates).toHaveLength(1);
  });
});
