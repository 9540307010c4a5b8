import { describe, expect, it } from "vitest";
import { NAMEID_FORMAT } from "./constants";
import {
  acceptedNameIdFormats,
  describeNameIdRefusal,
  negotiateNameIdFormat,
  newPersistentNameId,
  newTransientNameId,
} from "./nameid";

const { unspecified, emailAddress, transient, persistent } = NAMEID_FORMAT;

describe("negotiateNameIdFormat", () => {
  const accepted = acceptedNameIdFormats(emailAddress, [transient, emailAddress]);

  it("lists the default first, once", () => {
    expect(accepted).toEqual([emailAddress, transient]);
  });

  it.each([
    [undefined, emailAddress],
    ["", emailAddress],
    [unspecified, emailAddress],
    [emailAddress, emailAddress],
    [transient, transient],
  ])("NameIDPolicy Format %s gets %s", (requested, format) => {
    expect(negotiateNameIdFormat(requested, accepted)).toEqual({ ok: true, format });
  });

  it("refuses a format the application does not answer with", () => {
    expect(negotiateNameIdFormat(persistent, accepted)).toEqual({ ok: false, requested: persistent, accepted });
    expect(negotiateNameIdFormat("urn:oasis:names:tc:SAML:1.1:nameid-format:X509SubjectName", accepted).ok).toBe(false);
  });

  it("an application whose default is unspecified answers unspecified requests with unspecified", () => {
    expect(negotiateNameIdFormat(unspecified, [unspecified])).toEqual({ ok: true, format: unspecified });
    expect(negotiateNameIdFormat(transient, [unspecified]).ok).toBe(false);
  });

  it("explains a refusal in the administrator's words", () => {
    expect(describeNameIdRefusal(transient, [unspecified])).toBe(
      "The SP asked for NameID format transient; this application answers unspecified. " +
        "Change it under SAML Response (NameID format, or accept transient on request).",
    );
  });
});

describe("identifier values", () => {
  it("transient values are fresh, opaque and valid XML IDs", () => {
    const values = new Set(Array.from({ length: 1000 }, newTransientNameId));
    expect(values.size).toBe(1000);
    for (const v of values) expect(v).toMatch(/^_[0-9a-f]{40}$/);
  });

  it("persistent values are 192 random bits, URL-safe", () => {
    const values = new Set(Array.from({ length: 1000 }, newPersistentNameId));
    expect(values.size).toBe(1000);
    for (const v of values) expect(v).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });
});
