// Single Logout: LogoutRequests and LogoutResponses from SPs (both bindings, decoded and
// checked like AuthnRequests), and the ones the IdP sends, signed for either binding.
import type { ServiceProvider } from "./authn-request";
import { decodeMessage, encodeMessage, type InboundMessage, type OutboundMessage } from "./binding";
import { NS, type Binding, type SamlStatus } from "./constants";
import { SamlError } from "./errors";
import { parseInstant, readHeader, type MessageHeader, type TimeOptions } from "./inbound";
import { nameIdXml, statusXml, type NameId } from "./response";
import type { IdpSigner } from "./signature";
import { attr, childrenNamed, c14nAttr, c14nText, newId, optionalChild, samlInstant, textOf } from "./xml";

/** A LogoutRequest we send is good for this long. */
const LOGOUT_LIFETIME_MS = 5 * 60_000;

export interface SloContext extends TimeOptions {
  sp: Pick<ServiceProvider, "entityId" | "signingCertificates" | "requireSignedRequests">;
  /** Our SLO URL for this application; a Destination must equal it. */
  sloUrl: string;
}

export interface LogoutRequest extends MessageHeader {
  binding: Binding;
  signed: boolean;
  relayState?: string;
  nameId: { value: string; format?: string };
  sessionIndexes: string[];
}

export interface LogoutResponse extends MessageHeader {
  binding: Binding;
  signed: boolean;
  relayState?: string;
  inResponseTo?: string;
  status: SamlStatus;
}

export interface LogoutRequestInput {
  idp: IdpSigner;
  binding: Binding;
  /** The SP's SLO URL. */
  destination: string;
  spEntityId: string;
  /** The NameID the SP got in the Response, and that session's SessionIndex. */
  nameId: NameId;
  sessionIndex: string;
  relayState?: string;
  now?: Date;
}

export interface LogoutResponseInput {
  idp: IdpSigner;
  binding: Binding;
  destination: string;
  inResponseTo: string;
  status: SamlStatus;
  relayState?: string;
  now?: Date;
}

/** Whose signatures an SP's messages may carry, and whether they must. */
const trustOf = (sp: SloContext["sp"]) => ({
  certificates: sp.signingCertificates,
  required: sp.requireSignedRequests,
});

/** Decodes and validates a LogoutRequest from the SP; throws SamlError when refused. */
export function parseLogoutRequest(message: InboundMessage, ctx: SloContext): LogoutRequest {
  const { root, relayState, signed, binding } = decodeMessage(message, "SAMLRequest", trustOf(ctx.sp));
  const header = readHeader(root, "LogoutRequest", { issuer: ctx.sp.entityId, destination: ctx.sloUrl }, ctx);
  const notOnOrAfter = attr(root, "NotOnOrAfter");
  if (
    notOnOrAfter !== undefined &&
    parseInstant(notOnOrAfter, "NotOnOrAfter").getTime() <= (ctx.now ?? new Date()).getTime()
  ) {
    throw new SamlError("stale_request", `LogoutRequest expired at ${notOnOrAfter}`);
  }
  const nameIdEl = optionalChild(root, NS.assertion, "NameID");
  if (!nameIdEl)
    throw new SamlError(
      "malformed_request",
      "LogoutRequest without a NameID (BaseID and EncryptedID are not supported)",
    );
  return {
    ...header,
    binding,
    signed,
    relayState,
    nameId: { value: textOf(nameIdEl), format: attr(nameIdEl, "Format") },
    sessionIndexes: childrenNamed(root, NS.protocol, "SessionIndex").map(textOf),
  };
}

/** Decodes and validates a LogoutResponse from the SP; the caller matches inResponseTo. */
export function parseLogoutResponse(message: InboundMessage, ctx: SloContext): LogoutResponse {
  const { root, relayState, signed, binding } = decodeMessage(message, "SAMLResponse", trustOf(ctx.sp));
  const header = readHeader(root, "LogoutResponse", { issuer: ctx.sp.entityId, destination: ctx.sloUrl }, ctx);
  const statusEl = optionalChild(root, NS.protocol, "Status");
  const codeEl = statusEl && optionalChild(statusEl, NS.protocol, "StatusCode");
  const code = codeEl && attr(codeEl, "Value");
  if (!codeEl || !code) throw new SamlError("malformed_request", "LogoutResponse without a StatusCode");
  const subEl = optionalChild(codeEl, NS.protocol, "StatusCode");
  return {
    ...header,
    binding,
    signed,
    relayState,
    inResponseTo: attr(root, "InResponseTo"),
    status: { code, subCode: subEl && attr(subEl, "Value") },
  };
}

/** A signed LogoutRequest telling the SP to end the session `sessionIndex` of `nameId`. */
export function buildLogoutRequest(input: LogoutRequestInput): OutboundMessage {
  const id = newId();
  const now = input.now ?? new Date();
  const xml =
    `<samlp:LogoutRequest xmlns:samlp="${NS.protocol}" Destination="${c14nAttr(input.destination)}" ID="${id}" ` +
    `IssueInstant="${samlInstant(now)}" NotOnOrAfter="${samlInstant(new Date(now.getTime() + LOGOUT_LIFETIME_MS))}" Version="2.0">` +
    `<saml:Issuer xmlns:saml="${NS.assertion}">${c14nText(input.idp.entityId)}</saml:Issuer>` +
    nameIdXml(input.nameId, input.idp.entityId, input.spEntityId, ` xmlns:saml="${NS.assertion}"`) +
    `<samlp:SessionIndex>${c14nText(input.sessionIndex)}</samlp:SessionIndex></samlp:LogoutRequest>`;
  const { binding, destination, relayState, idp: signer } = input;
  return encodeMessage({ binding, destination, param: "SAMLRequest", xml, id, relayState, signer });
}

/** A signed LogoutResponse (Success, PartialLogout, ...) to the SP's SLO URL. */
export function buildLogoutResponse(input: LogoutResponseInput): OutboundMessage {
  const id = newId();
  const xml =
    `<samlp:LogoutResponse xmlns:samlp="${NS.protocol}" Destination="${c14nAttr(input.destination)}" ID="${id}" ` +
    `InResponseTo="${c14nAttr(input.inResponseTo)}" IssueInstant="${samlInstant(input.now ?? new Date())}" Version="2.0">` +
    `<saml:Issuer xmlns:saml="${NS.assertion}">${c14nText(input.idp.entityId)}</saml:Issuer>${statusXml(input.status)}` +
    `</samlp:LogoutResponse>`;
  const { binding, destination, relayState, idp: signer } = input;
  return encodeMessage({ binding, destination, param: "SAMLResponse", xml, id, relayState, signer });
}
