// The signed SAML Response, built as a string already in exclusive-C14N form: every
// namespace declared where exc-c14n renders it, attributes in canonical order, values
// escaped by the C14N rules, no self-closing tags. Signing is then one digest and one RSA
// signature per signed element (Assertion first, then Response over the signed Assertion).
import { AUTHN_CONTEXT, NAMEID_FORMAT, NS, STATUS, type SamlStatus } from "./constants";
import { postMessage, type PostMessage } from "./binding";
import { signCanonical, type IdpSigner } from "./signature";
import { c14nAttr, c14nText, newId, samlInstant } from "./xml";

/** Conditions start this long before issuance, for SPs whose clock runs behind. */
const NOT_BEFORE_SKEW_MS = 30_000;
/** The assertion and its bearer confirmation are good for this long. */
const ASSERTION_LIFETIME_MS = 5 * 60_000;

export interface NameId {
  value: string;
  format: string;
}

export interface Attribute {
  name: string;
  values: string[];
}

export interface SsoSessionInfo {
  /** SessionIndex, echoed by the SP in a LogoutRequest. */
  index: string;
  authnInstant: Date;
  notOnOrAfter: Date;
  /** A second factor was used: AuthnContextClassRef is the REFEDS MFA profile. */
  mfa: boolean;
}

export interface ResponseInput {
  idp: IdpSigner;
  signResponse: boolean;
  signAssertion: boolean;
  /** The SP entity ID. */
  audience: string;
  /** The validated ACS URL: Destination and Recipient. */
  acsUrl: string;
  /** The AuthnRequest ID; absent for IdP-initiated sign-in. */
  inResponseTo?: string;
  relayState?: string;
  nameId: NameId;
  session: SsoSessionInfo;
  attributes: Attribute[];
  now?: Date;
}

export interface ErrorResponseInput {
  idp: IdpSigner;
  acsUrl: string;
  inResponseTo?: string;
  relayState?: string;
  status: SamlStatus;
  now?: Date;
}

/** A signed Response with one Assertion, ready to auto-post to the ACS. */
export function buildResponse(input: ResponseInput): PostMessage {
  const { idp, session } = input;
  if (!input.signResponse && !input.signAssertion) throw new Error("sign the Response, the Assertion or both");
  const now = input.now ?? new Date();
  const issueInstant = samlInstant(now);
  const notBefore = samlInstant(new Date(now.getTime() - NOT_BEFORE_SKEW_MS));
  const notOnOrAfter = samlInstant(new Date(now.getTime() + ASSERTION_LIFETIME_MS));
  const responseId = newId();
  const assertionId = newId();
  const issuer = c14nText(idp.entityId);
  const audience = c14nText(input.audience);
  const acs = c14nAttr(input.acsUrl);
  const inResponseTo = input.inResponseTo === undefined ? "" : ` InResponseTo="${c14nAttr(input.inResponseTo)}"`;

  let assertion =
    `<saml:Assertion xmlns:saml="${NS.assertion}" ID="${assertionId}" IssueInstant="${issueInstant}" Version="2.0">` +
    `<saml:Issuer>${issuer}</saml:Issuer>` +
    `<saml:Subject>${nameIdXml(input.nameId, idp.entityId, input.audience, "")}` +
    `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">` +
    `<saml:SubjectConfirmationData${inResponseTo} NotOnOrAfter="${notOnOrAfter}" Recipient="${acs}"></saml:SubjectConfirmationData>` +
    `</saml:SubjectConfirmation></saml:Subject>` +
    `<saml:Conditions NotBefore="${notBefore}" NotOnOrAfter="${notOnOrAfter}">` +
    `<saml:AudienceRestriction><saml:Audience>${audience}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
    `<saml:AuthnStatement AuthnInstant="${samlInstant(session.authnInstant)}" SessionIndex="${c14nAttr(session.index)}" ` +
    `SessionNotOnOrAfter="${samlInstant(session.notOnOrAfter)}"><saml:AuthnContext><saml:AuthnContextClassRef>` +
    `${session.mfa ? AUTHN_CONTEXT.mfa : AUTHN_CONTEXT.password}</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>` +
    attributeStatement(input.attributes) +
    `</saml:Assertion>`;
  if (input.signAssertion) assertion = signCanonical(assertion, assertionId, idp);

  let response =
    `<samlp:Response xmlns:samlp="${NS.protocol}" Destination="${acs}" ID="${responseId}"${inResponseTo} ` +
    `IssueInstant="${issueInstant}" Version="2.0"><saml:Issuer xmlns:saml="${NS.assertion}">${issuer}</saml:Issuer>` +
    `${statusXml({ code: STATUS.success })}${assertion}</samlp:Response>`;
  if (input.signResponse) response = signCanonical(response, responseId, idp);
  return postMessage(responseId, input.acsUrl, "SAMLResponse", response, input.relayState);
}

/** A signed Response without an Assertion that reports `status` to the SP. */
export function buildErrorResponse(input: ErrorResponseInput): PostMessage {
  const id = newId();
  const inResponseTo = input.inResponseTo === undefined ? "" : ` InResponseTo="${c14nAttr(input.inResponseTo)}"`;
  const xml =
    `<samlp:Response xmlns:samlp="${NS.protocol}" Destination="${c14nAttr(input.acsUrl)}" ID="${id}"${inResponseTo} ` +
    `IssueInstant="${samlInstant(input.now ?? new Date())}" Version="2.0">` +
    `<saml:Issuer xmlns:saml="${NS.assertion}">${c14nText(input.idp.entityId)}</saml:Issuer>${statusXml(input.status)}</samlp:Response>`;
  return postMessage(id, input.acsUrl, "SAMLResponse", signCanonical(xml, id, input.idp), input.relayState);
}

/**
 * saml:NameID in canonical form; `xmlns` is "" inside an Assertion. Transient and persistent
 * identifiers are pairwise, so they name both parties (Webex asks for the qualifiers).
 */
export function nameIdXml(nameId: NameId, idpEntityId: string, spEntityId: string, xmlns: string): string {
  const qualifiers =
    nameId.format === NAMEID_FORMAT.transient || nameId.format === NAMEID_FORMAT.persistent
      ? ` NameQualifier="${c14nAttr(idpEntityId)}" SPNameQualifier="${c14nAttr(spEntityId)}"`
      : "";
  return `<saml:NameID${xmlns} Format="${c14nAttr(nameId.format)}"${qualifiers}>${c14nText(nameId.value)}</saml:NameID>`;
}

/** samlp:Status in canonical form, with a nested second-level code when given. */
export function statusXml(status: SamlStatus): string {
  const sub = status.subCode ? `<samlp:StatusCode Value="${c14nAttr(status.subCode)}"></samlp:StatusCode>` : "";
  return `<samlp:Status><samlp:StatusCode Value="${c14nAttr(status.code)}">${sub}</samlp:StatusCode></samlp:Status>`;
}

/** The AttributeStatement, or nothing when there are no attributes (the schema needs one). */
function attributeStatement(attributes: Attribute[]): string {
  if (attributes.length === 0) return "";
  let out = "<saml:AttributeStatement>";
  for (const a of attributes) {
    // URI-like names ("urn:oid:...", "http://schemas...") use the uri NameFormat, others basic.
    const format = a.name.includes(":") ? "uri" : "basic";
    out += `<saml:Attribute Name="${c14nAttr(a.name)}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:${format}">`;
    for (const v of a.values) out += `<saml:AttributeValue>${c14nText(v)}</saml:AttributeValue>`;
    out += "</saml:Attribute>";
  }
  return `${out}</saml:AttributeStatement>`;
}
