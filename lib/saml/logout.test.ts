import { ValidateInResponseTo } from "@node-saml/node-saml";
import { DOMParser } from "@xmldom/xmldom";
import { SignedXml } from "xml-crypto";
import { describe, expect, it } from "vitest";
import {
  FIXTURE_NOW,
  IDP_ENTITY_ID,
  IDP_SLO_URL,
  SP_ENTITY_ID,
  SP_SLO_URL,
  fixture,
  fromBase64,
  idpCertPem,
  nodeSamlSp,
  postFields,
  queryOf,
  redirectQuery,
  schemaErrors,
  testIdp,
  testSp,
  refusal,
} from "../../test/fixtures/saml";
import { NAMEID_FORMAT, NS, STATUS } from "./constants";
import {
  buildLogoutRequest,
  buildLogoutResponse,
  parseLogoutRequest,
  parseLogoutResponse,
  type SloContext,
} from "./logout";

const ctx: SloContext = { sp: testSp(), sloUrl: IDP_SLO_URL };
const NAME_ID = { value: "alice@example.com", format: NAMEID_FORMAT.emailAddress };

describe("SP-initiated logout", () => {
  it("parses node-saml's signed LogoutRequest fixture", () => {
    const req = parseLogoutRequest(
      { binding: "redirect", query: fixture("logout-request-redirect-signed.txt").trim() },
      { ...ctx, now: FIXTURE_NOW },
    );
    expect(req).toMatchObject({
      binding: "redirect",
      signed: true,
      issuer: SP_ENTITY_ID,
      relayState: "bye",
      nameId: NAME_ID,
      sessionIndexes: ["_session-1"],
    });
  });

  it.each(["redirect", "post"] as const)("round-trips with node-saml, answering by %s", async (binding) => {
    const sp = nodeSamlSp({ validateInResponseTo: ValidateInResponseTo.always });
    const url = await sp.getLogoutUrlAsync(
      { issuer: IDP_ENTITY_ID, nameID: NAME_ID.value, nameIDFormat: NAME_ID.format, sessionIndex: "_session-9" },
      "state-1",
      {},
    );
    const req = parseLogoutRequest({ binding: "redirect", query: queryOf(url) }, ctx);
    expect(req).toMatchObject({ nameId: NAME_ID, sessionIndexes: ["_session-9"], relayState: "state-1" });

    const answer = buildLogoutResponse({
      idp: testIdp(),
      binding,
      destination: SP_SLO_URL,
      inResponseTo: req.id,
      status: { code: STATUS.success },
      relayState: req.relayState,
    });
    if (answer.binding === "redirect") {
      const query = queryOf(answer.url);
      expect(answer.url.startsWith(`${SP_SLO_URL}?SAMLResponse=`)).toBe(true);
      const container = Object.fromEntries(new URLSearchParams(query));
      const result = await sp.validateRedirectAsync(container, query);
      expect(result.loggedOut).toBe(true);
    } else {
      const xml = fromBase64(answer.fields.SAMLResponse);
      expect(answer.fields.RelayState).toBe("state-1");
      expect(await schemaErrors(xml, "protocol")).toEqual([]);
      const sig = new SignedXml({ publicCert: idpCertPem });
      sig.loadSignature(
        new DOMParser().parseFromString(xml, "text/xml").getElementsByTagNameNS(NS.dsig, "Signature")[0]!,
      );
      expect(sig.checkSignature(xml)).toBe(true);
    }
  });

  it("refuses unsigned, wrongly issued, misaddressed and expired LogoutRequests", () => {
    const xml = (attrs = "", issuer = SP_ENTITY_ID) =>
      `<samlp:LogoutRequest xmlns:samlp="${NS.protocol}" ID="_lo1" Version="2.0" IssueInstant="${new Date().toISOString()}"${attrs}>` +
      `<saml:Issuer xmlns:saml="${NS.assertion}">${issuer}</saml:Issuer>` +
      `<saml:NameID xmlns:saml="${NS.assertion}">alice@example.com</saml:NameID></samlp:LogoutRequest>`;
    const open = { ...ctx, sp: testSp({ requireSignedRequests: false }) };
    expect(parseLogoutRequest({ binding: "post", fields: postFields(xml()) }, open).sessionIndexes).toEqual([]);
    expect(refusal(() => parseLogoutRequest({ binding: "redirect", query: redirectQuery(xml()) }, ctx)).reason).toBe(
      "unsigned_request",
    );
    expect(
      refusal(() => parseLogoutRequest({ binding: "post", fields: postFields(xml("", "https://evil.example")) }, open))
        .reason,
    ).toBe("wrong_issuer");
    const elsewhere = ` Destination="https://idp.example.test/other/slo"`;
    expect(
      refusal(() => parseLogoutRequest({ binding: "post", fields: postFields(xml(elsewhere)) }, open)).reason,
    ).toBe("wrong_destination");
    const expired = ` NotOnOrAfter="${new Date(Date.now() - 1000).toISOString()}"`;
    expect(refusal(() => parseLogoutRequest({ binding: "post", fields: postFields(xml(expired)) }, open)).reason).toBe(
      "stale_request",
    );
    const noNameId = xml().replace(/<saml:NameID.*<\/saml:NameID>/, "");
    expect(refusal(() => parseLogoutRequest({ binding: "post", fields: postFields(noNameId) }, open)).reason).toBe(
      "malformed_request",
    );
  });
});

describe("IdP-initiated logout", () => {
  it.each(["redirect", "post"] as const)(
    "sends a signed LogoutRequest by %s that node-saml accepts",
    async (binding) => {
      const sp = nodeSamlSp({ validateInResponseTo: ValidateInResponseTo.never });
      const msg = buildLogoutRequest({
        idp: testIdp(),
        binding,
        destination: SP_SLO_URL,
        spEntityId: SP_ENTITY_ID,
        nameId: NAME_ID,
        sessionIndex: "_session-1",
        relayState: "r1",
      });
      expect(msg.id).toMatch(/^_[0-9a-f]{42}$/);
      let profile;
      if (msg.binding === "redirect") {
        const query = queryOf(msg.url);
        ({ profile } = await sp.validateRedirectAsync(Object.fromEntries(new URLSearchParams(query)), query));
      } else {
        expect(await schemaErrors(fromBase64(msg.fields.SAMLRequest), "protocol")).toEqual([]);
        ({ profile } = await sp.validatePostRequestAsync({ SAMLRequest: msg.fields.SAMLRequest! }));
      }
      expect(profile).toMatchObject({
        ID: msg.id,
        issuer: IDP_ENTITY_ID,
        nameID: NAME_ID.value,
        sessionIndex: "_session-1",
      });

      // The SP answers; we read its LogoutResponse and match it to our request.
      const answerUrl = await sp.getLogoutResponseUrlAsync(profile!, "r1", {}, true);
      const res = parseLogoutResponse({ binding: "redirect", query: queryOf(answerUrl) }, ctx);
      expect(res).toMatchObject({
        inResponseTo: msg.id,
        status: { code: STATUS.success },
        signed: true,
        relayState: "r1",
      });
    },
  );

  it("qualifies a transient NameID in the LogoutRequest as in the Response", () => {
    const msg = buildLogoutRequest({
      idp: testIdp(),
      binding: "post",
      destination: SP_SLO_URL,
      spEntityId: SP_ENTITY_ID,
      nameId: { value: "_t1", format: NAMEID_FORMAT.transient },
      sessionIndex: "_s",
    });
    expect(msg.binding === "post" && fromBase64(msg.fields.SAMLRequest)).toContain(
      `NameQualifier="${IDP_ENTITY_ID}" SPNameQualifier="${SP_ENTITY_ID}"`,
    );
  });

  it("reads a failed LogoutResponse's status and refuses an unsigned one when signing is required", async () => {
    const sp = nodeSamlSp();
    const url = await sp.getLogoutResponseUrlAsync(
      { ID: "_ours", issuer: IDP_ENTITY_ID, nameID: "x", nameIDFormat: NAME_ID.format },
      "",
      {},
      false,
    );
    expect(parseLogoutResponse({ binding: "redirect", query: queryOf(url) }, ctx).status).toEqual({
      code: STATUS.requester,
      subCode: "urn:oasis:names:tc:SAML:2.0:status:UnknownPrincipal",
    });
    const unsigned = await nodeSamlSp({ privateKey: undefined }).getLogoutResponseUrlAsync(
      { ID: "_ours", issuer: IDP_ENTITY_ID, nameID: "x", nameIDFormat: NAME_ID.format },
      "",
      {},
      true,
    );
    expect(refusal(() => parseLogoutResponse({ binding: "redirect", query: queryOf(unsigned) }, ctx)).reason).toBe(
      "unsigned_request",
    );
  });
});
