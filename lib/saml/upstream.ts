// Portcullis as the service provider of an upstream identity provider (an authentication
// source: Entra ID, AD FS, Okta, another Portcullis): the signed AuthnRequest it sends by the
// HTTP-Redirect binding, and the verification of the Response that comes back to its ACS.
// The Response is checked as strictly as the IdP side checks AuthnRequests, with the same
// decoding (binding.ts), header checks (inbound.ts) and signature verifier (signature.ts):
// signature by a registered certificate only (Response, Assertion or both; wrapping-resistant,
// and only what the signature covers is read), Issuer, Destination, Audience, Recipient,
// InResponseTo bound to the login transaction, time conditions with skew, replay, DOCTYPE,
// size caps. EncryptedAssertion is refused with a reason of its own.
import { BINDING, NS, STATUS, type SamlStatus } from "./constants";
import { encodeMessage, readPostXml, type RedirectMessage } from "./binding";
import { SamlError } from "./errors";
import { DEFAULT_SKEW, parseInstant, readHeader, type TimeOptions } from "./inbound";
import type { ReplayStore } from "./replay";
import { verifyElementSignature, type IdpSigner } from "./signature";
import {
  attr,
  c14nAttr,
  c14nText,
  childElements,
  childrenNamed,
  newId,
  optionalChild,
  parseXml,
  samlInstant,
  textOf,
} from "./xml";

/** Attributes kept from one assertion, and values per attribute. */
const MAX_ATTRIBUTES = 200;
const MAX_VALUES = 100;
/** A status message is shown to the user and logged: at most this many characters. */
export const STATUS_MESSAGE_MAX = 1000;

/** The upstream identity provider as its authentication source registers it. */
export interface UpstreamIdp {
  entityId: string;
  /** Its HTTP-Redirect SingleSignOnService. */
  ssoUrl: string;
  /** PEM or base64 DER signing certificates (rollover: any one may verify). */
  certificates: string[];
  /** NameIDPolicy Format to ask for; none when absent. */
  nameIdFormat?: string;
}

/** Portcullis as that source's service provider: entity ID, ACS URL and the key it signs with. */
export interface UpstreamSp {
  entityId: string;
  acsUrl: string;
}

export interface UpstreamAuthnRequestInput {
  sp: UpstreamSp;
  /** Signs the Redirect query; its entityId is ignored (the SP's is the Issuer). */
  signer: IdpSigner;
  idp: Pick<UpstreamIdp, "ssoUrl" | "nameIdFormat">;
  relayState?: string;
  /** Ask the upstream IdP to prompt again (the application asked Portcullis for ForceAuthn). */
  forceAuthn?: boolean;
  now?: Date;
}

/** A signed AuthnRequest for the upstream IdP (Redirect binding); `id` goes into the login transaction. */
export function buildUpstreamAuthnRequest(input: UpstreamAuthnRequestInput): RedirectMessage {
  const id = newId();
  const { sp, idp } = input;
  const format = idp.nameIdFormat ? ` Format="${c14nAttr(idp.nameIdFormat)}"` : "";
  const xml =
    `<samlp:AuthnRequest xmlns:samlp="${NS.protocol}" xmlns:saml="${NS.assertion}" ` +
    `AssertionConsumerServiceURL="${c14nAttr(sp.acsUrl)}" Destination="${c14nAttr(idp.ssoUrl)}"` +
    `${input.forceAuthn ? ' ForceAuthn="true"' : ""} ID="${id}" IssueInstant="${samlInstant(input.now ?? new Date())}" ` +
    `ProtocolBinding="${BINDING.post}" Version="2.0">` +
    `<saml:Issuer>${c14nText(sp.entityId)}</saml:Issuer>` +
    `<samlp:NameIDPolicy AllowCreate="true"${format}></samlp:NameIDPolicy></samlp:AuthnRequest>`;
  const signer = { ...input.signer, entityId: sp.entityId };
  const message = encodeMessage({
    binding: "redirect",
    destination: idp.ssoUrl,
    param: "SAMLRequest",
    xml,
    id,
    relayState: input.relayState,
    signer,
  });
  return message as RedirectMessage;
}

export interface UpstreamResponseContext extends TimeOptions {
  idp: Pick<UpstreamIdp, "entityId" | "certificates">;
  sp: UpstreamSp;
  /** The ID of the AuthnRequest this login transaction sent: InResponseTo must be it. */
  requestId: string;
  /** Assertion IDs are claimed here; a second use is refused. */
  replay: ReplayStore;
}

/** What a verified upstream assertion says about the user. */
export interface UpstreamAssertion {
  responseId: string;
  assertionId: string;
  issuer: string;
  nameId: { value: string; format?: string };
  sessionIndex?: string;
  authnInstant: Date;
  authnContextClassRef?: string;
  /** Attribute name -> its values (text), as the assertion lists them. */
  attributes: Record<string, string[]>;
  relayState?: string;
  /** Which of Response and Assertion carried a verified signature. */
  signed: { response: boolean; assertion: boolean };
}

/** The upstream IdP answered with a status other than Success (e.g. Entra ID's AADSTS50105). */
export class UpstreamDeniedError extends SamlError {
  readonly upstreamStatus: SamlStatus;
  readonly statusMessage?: string;
  constructor(status: SamlStatus, statusMessage: string | undefined) {
    super(
      "upstream_denied",
      `upstream status ${status.code}${status.subCode ? ` / ${status.subCode}` : ""}${statusMessage ? `: ${statusMessage}` : ""}`,
    );
    this.upstreamStatus = status;
    this.statusMessage = statusMessage;
  }
}

/** Decodes and verifies the upstream IdP's Response (HTTP-POST form fields); throws SamlError with the reason. */
export async function verifyUpstreamResponse(
  fields: Record<string, string | undefined>,
  ctx: UpstreamResponseContext,
): Promise<UpstreamAssertion> {
  const { xml, relayState } = readPostXml(fields, "SAMLResponse");
  const parsed = parseXml(xml);
  if (parsed.namespaceURI !== NS.protocol || parsed.localName !== "Response") {
    throw new SamlError("malformed_request", `root element is ${parsed.localName}, expected samlp:Response`);
  }
  const doc = parsed.ownerDocument;
  const certificates = ctx.idp.certificates;

  // Every signature in the document is the Response's or its one Assertion's: nothing else is read.
  const assertions = Array.from(doc.getElementsByTagNameNS(NS.assertion, "Assertion"));
  const assertionEl = assertions[0];
  const responseSignatures = childrenNamed(parsed, NS.dsig, "Signature").length;
  const assertionSignatures =
    assertionEl && assertions.length === 1 && assertionEl.parentNode === parsed
      ? childrenNamed(assertionEl, NS.dsig, "Signature").length
      : 0;
  const allSignatures = doc.getElementsByTagNameNS(NS.dsig, "Signature").length;
  if (allSignatures !== responseSignatures + assertionSignatures) {
    throw new SamlError("bad_signature", "a ds:Signature sits where neither the Response nor its Assertion has it");
  }

  let root = parsed;
  const responseSigned = responseSignatures > 0;
  if (responseSigned) root = verifyElementSignature(xml, parsed, certificates);
  const header = readHeader(root, "Response", { issuer: ctx.idp.entityId, destination: ctx.sp.acsUrl }, ctx);
  if (responseSigned && attr(root, "Destination") === undefined) {
    throw new SamlError("wrong_destination", "a signed Response must name its Destination (SAML bindings 3.5.5.2)");
  }
  const inResponseTo = attr(root, "InResponseTo");
  if (inResponseTo !== ctx.requestId) {
    throw new SamlError(
      "wrong_in_response_to",
      inResponseTo === undefined
        ? "the Response has no InResponseTo (unsolicited Responses are not accepted)"
        : `InResponseTo "${inResponseTo.slice(0, 100)}" is not this sign-in's request`,
    );
  }

  const status = readStatus(root);
  if (status.status.code !== STATUS.success) throw new UpstreamDeniedError(status.status, status.message);

  if (doc.getElementsByTagNameNS(NS.assertion, "EncryptedAssertion").length > 0) {
    throw new SamlError(
      "encrypted_assertion",
      "the identity provider encrypted the assertion (EncryptedAssertion); Portcullis does not decrypt assertions: turn off token encryption for this application at the identity provider",
    );
  }
  if (assertions.length !== 1 || assertionEl?.parentNode !== parsed) {
    throw new SamlError(
      assertions.length === 0 ? "missing_assertion" : "malformed_request",
      `${assertions.length} Assertion elements; exactly one, a child of the Response, is accepted`,
    );
  }

  let assertion = childrenNamed(root, NS.assertion, "Assertion")[0]!;
  const assertionSigned = assertionSignatures > 0;
  if (assertionSigned) {
    const signedAssertion = verifyElementSignature(xml, assertionEl, certificates);
    if (!responseSigned) assertion = signedAssertion;
  } else if (!responseSigned) {
    throw new SamlError("unsigned_response", "neither the Response nor its Assertion is signed");
  }

  const result = readAssertion(assertion, ctx);
  const expiresAt = new Date(result.validUntil.getTime() + (ctx.skew ?? DEFAULT_SKEW).pastMs);
  if (!(await ctx.replay.claim(`upstream\n${result.issuer}\n${result.assertionId}`, expiresAt))) {
    throw new SamlError("replayed_response", `assertion ${result.assertionId} was already used`);
  }
  return {
    responseId: header.id,
    assertionId: result.assertionId,
    issuer: result.issuer,
    nameId: result.nameId,
    sessionIndex: result.sessionIndex,
    authnInstant: result.authnInstant,
    authnContextClassRef: result.authnContextClassRef,
    attributes: result.attributes,
    relayState,
    signed: { response: responseSigned, assertion: assertionSigned },
  };
}

/** samlp:Status: the codes and the StatusMessage (trimmed, capped). */
function readStatus(root: Element): { status: SamlStatus; message?: string } {
  const statusEl = optionalChild(root, NS.protocol, "Status");
  const codeEl = statusEl && optionalChild(statusEl, NS.protocol, "StatusCode");
  const code = codeEl && attr(codeEl, "Value");
  if (!codeEl || !code) throw new SamlError("malformed_request", "the Response has no StatusCode");
  const subEl = childrenNamed(codeEl, NS.protocol, "StatusCode")[0];
  const messageEl = optionalChild(statusEl!, NS.protocol, "StatusMessage");
  const message = messageEl
    ? (messageEl.textContent ?? "").replace(/\s+/g, " ").trim().slice(0, STATUS_MESSAGE_MAX)
    : "";
  return { status: { code, subCode: subEl && attr(subEl, "Value") }, message: message || undefined };
}

interface AssertionValues {
  assertionId: string;
  issuer: string;
  nameId: { value: string; format?: string };
  sessionIndex?: string;
  authnInstant: Date;
  authnContextClassRef?: string;
  attributes: Record<string, string[]>;
  /** The latest instant any of its conditions allows (for the replay store). */
  validUntil: Date;
}

/** The checks SAML profiles 4.1.4.2-3 ask of a bearer assertion, and its values. */
function readAssertion(assertion: Element, ctx: UpstreamResponseContext): AssertionValues {
  const now = (ctx.now ?? new Date()).getTime();
  const skew = ctx.skew ?? DEFAULT_SKEW;
  if (attr(assertion, "Version") !== "2.0") throw new SamlError("malformed_request", "Assertion Version is not 2.0");
  const assertionId = attr(assertion, "ID") ?? "";
  if (!/^[A-Za-z_][A-Za-z0-9_.-]{0,255}$/.test(assertionId))
    throw new SamlError("malformed_request", "Assertion ID is missing or not an NCName");
  const issueInstant = parseInstant(attr(assertion, "IssueInstant"), "Assertion IssueInstant").getTime();
  if (issueInstant < now - skew.pastMs)
    throw new SamlError("stale_request", `Assertion IssueInstant is more than ${skew.pastMs} ms old`);
  if (issueInstant > now + skew.futureMs)
    throw new SamlError("future_request", `Assertion IssueInstant is more than ${skew.futureMs} ms ahead`);
  const issuerEl = optionalChild(assertion, NS.assertion, "Issuer");
  const issuer = issuerEl ? textOf(issuerEl) : "";
  if (issuer !== ctx.idp.entityId)
    throw new SamlError("wrong_issuer", `Assertion Issuer "${issuer.slice(0, 200)}" is not "${ctx.idp.entityId}"`);

  // Subject: a NameID and a bearer confirmation for our ACS, this request, and now.
  const subject = optionalChild(assertion, NS.assertion, "Subject");
  if (!subject) throw new SamlError("malformed_request", "the Assertion has no Subject");
  if (optionalChild(subject, NS.assertion, "EncryptedID"))
    throw new SamlError(
      "encrypted_assertion",
      "the Subject's NameID is encrypted (EncryptedID); Portcullis does not decrypt",
    );
  const nameIdEl = optionalChild(subject, NS.assertion, "NameID");
  if (!nameIdEl) throw new SamlError("malformed_request", "the Subject has no NameID");
  const nameId = { value: textOf(nameIdEl), format: attr(nameIdEl, "Format") };
  if (!nameId.value || nameId.value.length > 1024)
    throw new SamlError("malformed_request", "the NameID is empty or longer than 1024 characters");

  const bearers = childrenNamed(subject, NS.assertion, "SubjectConfirmation").filter(
    (c) => attr(c, "Method") === "urn:oasis:names:tc:SAML:2.0:cm:bearer",
  );
  if (bearers.length === 0) throw new SamlError("malformed_request", "the Subject has no bearer SubjectConfirmation");
  let confirmedUntil: number | undefined;
  let firstRefusal: SamlError | undefined;
  for (const bearer of bearers) {
    try {
      confirmedUntil = checkBearer(bearer, ctx, now, skew.pastMs);
      break;
    } catch (e) {
      if (!(e instanceof SamlError)) throw e;
      firstRefusal ??= e;
    }
  }
  if (confirmedUntil === undefined) throw firstRefusal!;

  // Conditions: time window and Audience.
  const conditions = optionalChild(assertion, NS.assertion, "Conditions");
  if (!conditions) throw new SamlError("malformed_request", "the Assertion has no Conditions");
  const notBefore = attr(conditions, "NotBefore");
  if (notBefore !== undefined && parseInstant(notBefore, "NotBefore").getTime() > now + skew.futureMs)
    throw new SamlError("assertion_not_yet_valid", `the Assertion is not valid before ${notBefore}`);
  const notOnOrAfter = attr(conditions, "NotOnOrAfter");
  const conditionsUntil =
    notOnOrAfter === undefined ? confirmedUntil : parseInstant(notOnOrAfter, "NotOnOrAfter").getTime();
  if (conditionsUntil <= now - skew.pastMs)
    throw new SamlError("expired_assertion", `the Assertion expired at ${notOnOrAfter}`);
  const restrictions = childrenNamed(conditions, NS.assertion, "AudienceRestriction");
  if (restrictions.length === 0)
    throw new SamlError("wrong_audience", "the Assertion has no AudienceRestriction naming this service provider");
  for (const r of restrictions) {
    const audiences = childrenNamed(r, NS.assertion, "Audience").map(textOf);
    if (!audiences.includes(ctx.sp.entityId)) {
      throw new SamlError(
        "wrong_audience",
        `Audience ${JSON.stringify(audiences.slice(0, 5)).slice(0, 300)} does not include "${ctx.sp.entityId}"`,
      );
    }
  }

  // The AuthnStatement: when and how the user signed in upstream.
  const statements = childrenNamed(assertion, NS.assertion, "AuthnStatement");
  const statement = statements[0];
  if (!statement) throw new SamlError("malformed_request", "the Assertion has no AuthnStatement");
  const authnInstant = parseInstant(attr(statement, "AuthnInstant"), "AuthnInstant");
  const sessionNotOnOrAfter = attr(statement, "SessionNotOnOrAfter");
  if (
    sessionNotOnOrAfter !== undefined &&
    parseInstant(sessionNotOnOrAfter, "SessionNotOnOrAfter").getTime() <= now - skew.pastMs
  ) {
    throw new SamlError("expired_assertion", `the upstream session ended at ${sessionNotOnOrAfter}`);
  }
  const classRef = statement.getElementsByTagNameNS(NS.assertion, "AuthnContextClassRef")[0];

  return {
    assertionId,
    issuer,
    nameId,
    sessionIndex: attr(statement, "SessionIndex"),
    authnInstant,
    authnContextClassRef: classRef ? (classRef.textContent ?? "").trim() : undefined,
    attributes: readAttributes(assertion),
    validUntil: new Date(Math.max(conditionsUntil, confirmedUntil)),
  };
}

/** One bearer SubjectConfirmationData: Recipient, InResponseTo, NotOnOrAfter; returns NotOnOrAfter (ms). */
function checkBearer(bearer: Element, ctx: UpstreamResponseContext, now: number, pastMs: number): number {
  const data = optionalChild(bearer, NS.assertion, "SubjectConfirmationData");
  if (!data) throw new SamlError("malformed_request", "bearer SubjectConfirmation without SubjectConfirmationData");
  const recipient = attr(data, "Recipient");
  if (recipient !== ctx.sp.acsUrl)
    throw new SamlError("wrong_recipient", `Recipient "${(recipient ?? "").slice(0, 200)}" is not "${ctx.sp.acsUrl}"`);
  const inResponseTo = attr(data, "InResponseTo");
  if (inResponseTo !== ctx.requestId)
    throw new SamlError(
      "wrong_in_response_to",
      `SubjectConfirmationData InResponseTo "${(inResponseTo ?? "").slice(0, 100)}" is not this sign-in's request`,
    );
  if (attr(data, "NotBefore") !== undefined)
    throw new SamlError("malformed_request", "a bearer SubjectConfirmationData must not have NotBefore");
  const until = parseInstant(attr(data, "NotOnOrAfter"), "SubjectConfirmationData NotOnOrAfter").getTime();
  if (until <= now - pastMs) throw new SamlError("expired_assertion", "the bearer confirmation has expired");
  return until;
}

/** The AttributeStatements' attributes: name -> text values (capped). */
function readAttributes(assertion: Element): Record<string, string[]> {
  const out: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  let count = 0;
  for (const statement of childrenNamed(assertion, NS.assertion, "AttributeStatement")) {
    for (const a of childrenNamed(statement, NS.assertion, "Attribute")) {
      const name = attr(a, "Name");
      if (!name || name.length > 512) continue;
      if (++count > MAX_ATTRIBUTES) throw new SamlError("malformed_request", `more than ${MAX_ATTRIBUTES} attributes`);
      const values = childrenNamed(a, NS.assertion, "AttributeValue")
        .filter((v) => childElements(v).length === 0)
        .map((v) => (v.textContent ?? "").trim())
        .slice(0, MAX_VALUES);
      out[name] = [...(out[name] ?? []), ...values];
    }
  }
  return out;
}
