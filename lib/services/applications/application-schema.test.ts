import { describe, expect, it } from "vitest";
import { spCertPem } from "../../../test/fixtures/saml";
import { generateKeyPair, splitPemCertificates } from "../../crypto/keys";
import { applicationSettingsSchema } from "./application-schema";
import { BINDING_POST, NAMEID_FORMATS } from "./saml-options";

/** Form input as the server action builds it: strings for text, booleans for checkboxes, arrays for tables. */
function formInput(overrides: Record<string, unknown> = {}) {
  return {
    name: "  Expense Reports  ",
    notes: "",
    spEntityId: "https://sp.example.com/metadata",
    acs: [
      { index: "1", url: "https://sp.example.com/saml/acs", binding: BINDING_POST, isDefault: true },
      { index: 2, url: "https://sp-eu.example.com/saml/acs", binding: BINDING_POST, isDefault: false },
    ],
    sloUrl: "https://sp.example.com/saml/slo",
    spLoginUrl: "",
    defaultRelayState: "/dashboard",
    nameIdFormat: NAMEID_FORMATS.emailAddress,
    nameIdAttribute: "email",
    signatureAlgorithm: "SHA256",
    signResponse: true,
    signAssertion: false,
    attributes: [
      { source: "email", samlName: "uid" },
      { source: "groups", samlName: "memberOf" },
    ],
    requireSignedRequests: false,
    spCertificatePem: "",
    userAccess: "ALL",
    permittedGroupIds: [],
    ...overrides,
  };
}

const row = (index: number | string, url: string, isDefault = false) => ({
  index,
  url,
  binding: BINDING_POST,
  isDefault,
});

/** Path -> messages of every issue, or null when the input is accepted. */
function issues(input: unknown): Record<string, string[]> | null {
  const r = applicationSettingsSchema.safeParse(input);
  if (r.success) return null;
  const out: Record<string, string[]> = {};
  for (const i of r.error.issues) (out[i.path.join(".")] ??= []).push(i.message);
  return out;
}

describe("applicationSettingsSchema accepts", () => {
  it("a complete form and normalises it", () => {
    const r = applicationSettingsSchema.parse(formInput());
    expect(r).toMatchObject({
      name: "Expense Reports",
      notes: null,
      spEntityId: "https://sp.example.com/metadata",
      sloUrl: "https://sp.example.com/saml/slo",
      spLoginUrl: null,
      defaultRelayState: "/dashboard",
      signResponse: true,
      signAssertion: false,
      requireSignedRequests: false,
      spCertificatePem: null,
      permittedGroupIds: [],
    });
    expect(r.acs).toEqual([
      row(1, "https://sp.example.com/saml/acs", true),
      row(2, "https://sp-eu.example.com/saml/acs"),
    ]);
    expect(r.attributes).toEqual([
      { source: "email", samlName: "uid" },
      { source: "groups", samlName: "memberOf" },
    ]);
  });

  it("a URN entity ID, a signing certificate with required signed requests, and permitted groups (deduplicated)", () => {
    const r = applicationSettingsSchema.parse(
      formInput({
        spEntityId: "urn:example:sp",
        requireSignedRequests: true,
        spCertificatePem: spCertPem,
        userAccess: "GROUPS",
        permittedGroupIds: ["g1", "g2", "g1"],
      }),
    );
    expect(r.spEntityId).toBe("urn:example:sp");
    expect(r.requireSignedRequests).toBe(true);
    expect(r.spCertificatePem).toBe(splitPemCertificates(spCertPem)[0]);
    expect(r.permittedGroupIds).toEqual(["g1", "g2"]);
  });

  it("several SP certificates (key rollover), normalized, duplicates dropped, in order", () => {
    const other = generateKeyPair("Next SP key").certificatePem;
    const r = applicationSettingsSchema.parse(
      formInput({ spCertificatePem: `${spCertPem}\n\n${other}\n${spCertPem}` }),
    );
    expect(splitPemCertificates(r.spCertificatePem)).toEqual([
      splitPemCertificates(spCertPem)[0],
      splitPemCertificates(other)[0],
    ]);
  });

  it("NameID formats answered on request, without the default and in the list's order", () => {
    const r = applicationSettingsSchema.parse(
      formInput({
        nameIdFormat: NAMEID_FORMATS.transient,
        nameIdFormatsAccepted: [NAMEID_FORMATS.persistent, NAMEID_FORMATS.transient, NAMEID_FORMATS.unspecified],
      }),
    );
    expect(r.nameIdFormatsAccepted).toEqual([NAMEID_FORMATS.unspecified, NAMEID_FORMATS.persistent]);
  });

  it("drops the permitted groups when the app is open to all users", () => {
    expect(
      applicationSettingsSchema.parse(formInput({ userAccess: "ALL", permittedGroupIds: ["g1"] })).permittedGroupIds,
    ).toEqual([]);
  });

  it("makes a single ACS row the default automatically", () => {
    const r = applicationSettingsSchema.parse(formInput({ acs: [row("5", "https://sp.example.com/acs", false)] }));
    expect(r.acs).toEqual([row(5, "https://sp.example.com/acs", true)]);
  });

  it("checkbox values as a form posts them", () => {
    const r = applicationSettingsSchema.parse(
      formInput({ signResponse: "on", signAssertion: "", requireSignedRequests: "false" }),
    );
    expect(r).toMatchObject({ signResponse: true, signAssertion: false, requireSignedRequests: false });
  });

  it("a default relay state of exactly 80 bytes", () => {
    expect(issues(formInput({ defaultRelayState: "a".repeat(80) }))).toBeNull();
    expect(issues(formInput({ defaultRelayState: "€".repeat(26) }))).toBeNull(); // 78 bytes
  });
});

describe("applicationSettingsSchema refuses", () => {
  const ABSOLUTE = "The ACS URL must be an absolute http:// or https:// URL.";

  it.each([
    ["javascript:alert(document.cookie)"],
    ["data:text/html,<script>alert(1)</script>"],
    ["/saml/acs"],
    ["sp.example.com/acs"],
    ["ftp://sp.example.com/acs"],
  ])("the ACS URL %j with acs.0.url", (url) => {
    expect(issues(formInput({ acs: [row(1, url, true)] }))).toEqual({ "acs.0.url": [ABSOLUTE] });
  });

  it("an unsafe URL in a later ACS row, at that row's path", () => {
    const acs = [row(1, "https://sp.example.com/acs", true), row(2, "javascript:alert(1)")];
    expect(issues(formInput({ acs }))).toEqual({ "acs.1.url": [ABSOLUTE] });
  });

  it("a javascript: Single Logout URL or a relative Service Provider Login URL, with the field's own message", () => {
    expect(issues(formInput({ sloUrl: "javascript:alert(1)" }))).toEqual({
      sloUrl: ["The Single Logout URL must be an absolute http:// or https:// URL."],
    });
    expect(issues(formInput({ spLoginUrl: "/login" }))).toEqual({
      spLoginUrl: ["The Service Provider Login URL must be an absolute http:// or https:// URL."],
    });
  });

  it("no ACS URL at all", () => {
    expect(issues(formInput({ acs: [] }))).toEqual({ acs: ["Add at least one Assertion Consumer Service (ACS) URL."] });
  });

  it("a duplicate ACS URL", () => {
    const acs = [row(1, "https://sp.example.com/acs", true), row(2, "https://sp.example.com/acs")];
    expect(issues(formInput({ acs }))).toEqual({ "acs.1.url": ["This ACS URL is already listed."] });
  });

  it("a duplicate index (also when one is a string)", () => {
    const acs = [row(1, "https://sp.example.com/acs", true), row("1", "https://sp.example.com/acs2")];
    expect(issues(formInput({ acs }))).toEqual({ "acs.1.index": ["Each ACS URL needs its own index."] });
  });

  it("an index that is not a whole number in range", () => {
    expect(issues(formInput({ acs: [row("x", "https://sp.example.com/acs", true)] }))).toHaveProperty("acs.0.index");
    expect(issues(formInput({ acs: [row(-1, "https://sp.example.com/acs", true)] }))).toEqual({
      "acs.0.index": ["The index cannot be negative."],
    });
    expect(issues(formInput({ acs: [row(65536, "https://sp.example.com/acs", true)] }))).toEqual({
      "acs.0.index": ["The index is at most 65535."],
    });
  });

  it("an ACS row with another binding than HTTP-POST", () => {
    const acs = [
      {
        index: 1,
        url: "https://sp.example.com/acs",
        binding: "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Artifact",
        isDefault: true,
      },
    ];
    expect(issues(formInput({ acs }))).toEqual({
      "acs.0.binding": ["Portcullis sends responses with the HTTP-POST binding."],
    });
  });

  it("two defaults among several rows, and none among several rows", () => {
    const two = [
      row(1, "https://a.example.com/acs", true),
      row(2, "https://b.example.com/acs", true),
      row(3, "https://c.example.com/acs"),
    ];
    expect(issues(formInput({ acs: two }))).toEqual({ acs: ["Mark exactly one ACS URL as the default."] });
    const none = [row(1, "https://a.example.com/acs"), row(2, "https://b.example.com/acs")];
    expect(issues(formInput({ acs: none }))).toEqual({ acs: ["Mark exactly one ACS URL as the default."] });
  });

  it.each([
    ["https://sp.example.com/ metadata", "The Entity ID cannot contain spaces."],
    ["urn:example:my sp", "The Entity ID cannot contain spaces."],
    ["sp.example.com", "The Entity ID must be a URI, e.g. https://sp.example.com/metadata or urn:example:sp."],
    ["/metadata", "The Entity ID must be a URI, e.g. https://sp.example.com/metadata or urn:example:sp."],
    ["   ", "Enter the service provider's Entity ID."],
  ])("the entity ID %j", (spEntityId, message) => {
    // The first message is the one the form shows beside the field.
    expect(issues(formInput({ spEntityId }))?.spEntityId?.[0]).toBe(message);
  });

  it("an entity ID over 1024 characters", () => {
    expect(issues(formInput({ spEntityId: `https://sp.example.com/${"a".repeat(1002)}` }))).toEqual({
      spEntityId: ["The Entity ID has at most 1024 characters."],
    });
  });

  it("a default relay state over 80 bytes even when under 80 characters", () => {
    const relay = "€".repeat(27); // 27 characters, 81 bytes in UTF-8
    expect(relay.length).toBe(27);
    expect(Buffer.byteLength(relay)).toBe(81);
    expect(issues(formInput({ defaultRelayState: relay }))).toEqual({
      defaultRelayState: ["The default relay state is at most 80 bytes (SAML bindings limit RelayState to 80 bytes)."],
    });
    expect(issues(formInput({ defaultRelayState: "a".repeat(81) }))).toHaveProperty("defaultRelayState");
  });

  it("signing neither the response nor the assertion", () => {
    expect(issues(formInput({ signResponse: false, signAssertion: false }))).toEqual({
      signAssertion: ["Sign the response, the assertion, or both: unsigned responses are never sent."],
    });
  });

  it("requiring signed requests without the SP certificate", () => {
    expect(issues(formInput({ requireSignedRequests: true, spCertificatePem: "  " }))).toEqual({
      spCertificatePem: ["Paste the service provider's signing certificate to require signed requests."],
    });
  });

  it.each([
    ["not a certificate"],
    ["-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----"],
    [[...spCertPem.trim().split("\n").slice(0, 6), "-----END CERTIFICATE-----"].join("\n")], // truncated
  ])("a certificate that does not parse (%#)", (pem) => {
    expect(issues(formInput({ spCertificatePem: pem }))).toEqual({
      spCertificatePem: ["Paste one or more PEM certificates (-----BEGIN CERTIFICATE----- …), each one complete."],
    });
  });

  it("a second certificate that does not parse, beside a good one", () => {
    const bad = "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----";
    expect(issues(formInput({ spCertificatePem: `${spCertPem}\n${bad}` }))).toEqual({
      spCertificatePem: ["Paste one or more PEM certificates (-----BEGIN CERTIFICATE----- …), each one complete."],
    });
  });

  it("a NameID format answered on request that is not a SAML format", () => {
    expect(issues(formInput({ nameIdFormatsAccepted: ["urn:x"] }))).toEqual({
      "nameIdFormatsAccepted.0": ["Choose NameID formats from the list."],
    });
  });

  it("permitted-groups access with no group", () => {
    expect(issues(formInput({ userAccess: "GROUPS", permittedGroupIds: [] }))).toEqual({
      permittedGroupIds: ["Choose at least one permitted group."],
    });
  });

  it("an unknown user access, NameID format, NameID attribute or algorithm", () => {
    expect(
      Object.keys(
        issues(
          formInput({
            userAccess: "SOME",
            nameIdFormat: "urn:x",
            nameIdAttribute: "phone",
            signatureAlgorithm: "SHA1",
          }),
        ) ?? {},
      ).sort(),
    ).toEqual(["nameIdAttribute", "nameIdFormat", "signatureAlgorithm", "userAccess"]);
  });

  it("a duplicate attribute name", () => {
    const attributes = [
      { source: "email", samlName: "uid" },
      { source: "username", samlName: "uid" },
    ];
    expect(issues(formInput({ attributes }))).toEqual({
      "attributes.1.samlName": ["This attribute name is already mapped."],
    });
  });

  it.each([["<uid>"], ["a>b"], ["line\nbreak"]])("the attribute name %j", (samlName) => {
    expect(issues(formInput({ attributes: [{ source: "email", samlName }] }))).toEqual({
      "attributes.0.samlName": ["The attribute name cannot contain control characters or < >."],
    });
  });

  it("an attribute from an unknown user property", () => {
    expect(issues(formInput({ attributes: [{ source: "passwordHash", samlName: "pw" }] }))).toEqual({
      "attributes.0.source": ["Choose a user attribute."],
    });
  });
});
