import { describe, expect, it } from "vitest";
import { API_PROTECTION_TYPE, CATALOG, findCatalogEntry, PROTECTION_TYPE, searchCatalog } from "./catalog";
import { applicationSettingsSchema } from "./application-schema";
import { BINDING_POST, NAMEID_FORMATS } from "./saml-options";

const names = (entries: { name: string }[]) => entries.map((e) => e.name);

describe("searchCatalog", () => {
  it("an empty or blank query lists all six entries", () => {
    expect(names(searchCatalog(""))).toEqual([
      "Generic SAML Service Provider",
      "Cisco Secure Email Encryption Service",
      "MailRoute",
      "Webex Control Hub",
      "Admin API",
      "Auth API",
    ]);
    expect(searchCatalog("   ")).toHaveLength(6);
  });

  it("returns a copy: changing the result does not change the catalog", () => {
    searchCatalog("").pop();
    expect(CATALOG).toHaveLength(6);
  });

  it('"api" finds the Admin API and Auth API entries', () => {
    expect(names(searchCatalog("api"))).toEqual(["Admin API", "Auth API"]);
  });

  it('"webex" finds Webex Control Hub', () => {
    expect(names(searchCatalog("webex"))).toEqual(["Webex Control Hub"]);
  });

  it('"CISCO" finds both Cisco entries, case-insensitively, also through the description', () => {
    expect(names(searchCatalog("CISCO"))).toEqual(["Cisco Secure Email Encryption Service", "Webex Control Hub"]);
  });

  it("searches descriptions and the protection type", () => {
    expect(names(searchCatalog("CRES"))).toEqual(["Cisco Secure Email Encryption Service"]);
    expect(searchCatalog("hosted by portcullis")).toHaveLength(4);
    expect(searchCatalog(" mailroute ")).toHaveLength(1);
  });

  it("finds nothing for an unknown product", () => {
    expect(searchCatalog("salesforce")).toEqual([]);
  });
});

describe("catalog presets (from the seeds)", () => {
  it("every entry has a unique id, its protection type (hosted SSO, or API) and a next step", () => {
    expect(new Set(CATALOG.map((c) => c.id)).size).toBe(CATALOG.length);
    for (const c of CATALOG) {
      expect(c.protectionType).toBe(c.api ? API_PROTECTION_TYPE : PROTECTION_TYPE);
      if (c.api) expect(c.id).toBe(c.api);
      expect(c.nextStep.length).toBeGreaterThan(0);
      expect(findCatalogEntry(c.id)).toBe(c);
    }
    expect(findCatalogEntry("nope")).toBeUndefined();
  });

  it("Cisco Secure Email Encryption Service: entity ID https://res.cisco.com/ and ACS .../websafe/ssourl", () => {
    expect(findCatalogEntry("cisco-secure-email-encryption")?.preset).toMatchObject({
      spEntityId: "https://res.cisco.com/",
      acs: [{ index: 1, url: "https://res.cisco.com/websafe/ssourl", binding: BINDING_POST, isDefault: true }],
    });
  });

  it("MailRoute: entity ID, ACS and SLO under https://admin.mailroute.net/saml2/", () => {
    expect(findCatalogEntry("mailroute")?.preset).toMatchObject({
      spEntityId: "https://admin.mailroute.net/saml2/metadata/",
      acs: [{ index: 1, url: "https://admin.mailroute.net/saml2/acs/", binding: BINDING_POST, isDefault: true }],
      sloUrl: "https://admin.mailroute.net/saml2/ls/",
    });
  });

  it("Webex Control Hub: transient NameID and the email -> uid attribute, SP details from its metadata file", () => {
    const preset = findCatalogEntry("webex-control-hub")!.preset;
    expect(preset.nameIdFormat).toBe(NAMEID_FORMATS.transient);
    expect(preset.attributes).toEqual([{ source: "email", samlName: "uid" }]);
    expect(preset.spEntityId).toBeUndefined();
    expect(preset.acs).toBeUndefined();
  });

  it.each(["cisco-secure-email-encryption", "mailroute"])(
    "the complete preset %s passes the settings form's validation",
    (id) => {
      const p = findCatalogEntry(id)!.preset;
      const r = applicationSettingsSchema.safeParse({
        name: p.name,
        notes: "",
        spEntityId: p.spEntityId,
        acs: p.acs,
        sloUrl: p.sloUrl ?? "",
        spLoginUrl: "",
        defaultRelayState: "",
        nameIdFormat: p.nameIdFormat,
        nameIdAttribute: p.nameIdAttribute,
        signatureAlgorithm: "SHA256",
        signResponse: true,
        signAssertion: true,
        attributes: p.attributes,
        requireSignedRequests: false,
        spCertificatePem: "",
        userAccess: "ALL",
        permittedGroupIds: [],
      });
      expect(r.success).toBe(true);
    },
  );
});
