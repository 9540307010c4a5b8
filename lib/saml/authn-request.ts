// AuthnRequest from an SP (HTTP-Redirect or HTTP-POST): decoded defensively, signature
// checked when present or required, header checked, ACS resolved against the registered
// list, NameIDPolicy checked. Replay protection is the caller's (see replay.ts).
import { BINDING, NS, STATUS, type Binding } from "./constants";
import { decodeMessage, type InboundMessage } from "./binding";
import { SamlError } from "./errors";
import { readHeader, type MessageHeader, type TimeOptions } from "./inbound";
import { describeNameIdRefusal, negotiateNameIdFormat } from "./nameid";
import { attr, optionalChild } from "./xml";

export interface AcsEndpoint {
  index: number;
  url: string;
  binding: string;
  isDefault: boolean;
}

/** What an application knows about the SP it protects. */
export interface ServiceProvider {
  entityId: string;
  acs: AcsEndpoint[];
  /** The NameID formats the application answers with, its default first. */
  nameIdFormats: string[];
  /** PEM or base64 DER (every certificate of a key rollover). A present signature is checked with these whenever there are any; any one may verify it. */
  signingCertificates: string[];
  /** Refuse unsigned AuthnRequests, LogoutRequests and LogoutResponses. */
  requireSignedRequests: boolean;
}

export interface AuthnRequestContext extends TimeOptions {
  sp: ServiceProvider;
  /** Our SSO URL for this application; a Destination must equal it. */
  ssoUrl: string;
}

export interface AuthnRequest extends MessageHeader {
  binding: Binding;
  signed: boolean;
  /** The registered ACS the Response must be posted to. */
  acs: AcsEndpoint;
  protocolBinding?: string;
  forceAuthn: boolean;
  isPassive: boolean;
  relayState?: string;
  /** The NameID format to answer with, negotiated with the request's NameIDPolicy. */
  nameIdFormat: string;
  /** NameIDPolicy Format as the request named it (absent: none). */
  requestedNameIdFormat?: string;
}

/** Decodes and validates an AuthnRequest; throws SamlError with the reason when refused. */
export function parseAuthnRequest(message: InboundMessage, ctx: AuthnRequestContext): AuthnRequest {
  const { sp } = ctx;
  const { root, relayState, signed, binding } = decodeMessage(message, "SAMLRequest", {
    certificates: sp.signingCertificates,
    required: sp.requireSignedRequests,
  });
  const header = readHeader(root, "AuthnRequest", { issuer: sp.entityId, destination: ctx.ssoUrl }, ctx);
  const protocolBinding = attr(root, "ProtocolBinding");
  const policy = optionalChild(root, NS.protocol, "NameIDPolicy");
  const requestedNameIdFormat = policy && attr(policy, "Format");
  const acs = resolveAcs(root, sp.acs, protocolBinding);
  const forceAuthn = readBoolean(root, "ForceAuthn");
  const isPassive = readBoolean(root, "IsPassive");
  const negotiated = negotiateNameIdFormat(requestedNameIdFormat, sp.nameIdFormats);
  if (!negotiated.ok) {
    throw new SamlError("invalid_nameid_policy", describeNameIdRefusal(negotiated.requested, negotiated.accepted), {
      acsUrl: acs.url,
      inResponseTo: header.id,
      relayState,
      status: { code: STATUS.requester, subCode: STATUS.invalidNameIdPolicy },
    });
  }
  const request: AuthnRequest = {
    ...header,
    binding,
    signed,
    acs,
    protocolBinding,
    forceAuthn,
    isPassive,
    relayState,
    nameIdFormat: negotiated.format,
    requestedNameIdFormat,
  };
  return request;
}

/** The registered ACS the request names by URL or index, else the default HTTP-POST one. */
function resolveAcs(root: Element, registered: AcsEndpoint[], protocolBinding: string | undefined): AcsEndpoint {
  const url = attr(root, "AssertionConsumerServiceURL");
  const index = attr(root, "AssertionConsumerServiceIndex");
  if (url !== undefined && index !== undefined) {
    throw new SamlError(
      "malformed_request",
      "both AssertionConsumerServiceURL and AssertionConsumerServiceIndex are present",
    );
  }
  if (protocolBinding !== undefined && protocolBinding !== BINDING.post) {
    throw new SamlError(
      "unsupported_binding",
      `ProtocolBinding ${protocolBinding}; responses are sent by HTTP-POST only`,
    );
  }
  let acs: AcsEndpoint | undefined;
  if (url !== undefined) {
    acs = registered.find((a) => a.url === url);
    if (!acs) throw new SamlError("unregistered_acs", `AssertionConsumerServiceURL "${url}" is not registered`);
  } else if (index !== undefined) {
    if (!/^\d{1,5}$/.test(index))
      throw new SamlError("malformed_request", "AssertionConsumerServiceIndex is not a number");
    acs = registered.find((a) => a.index === Number(index));
    if (!acs) throw new SamlError("unregistered_acs", `AssertionConsumerServiceIndex ${index} is not registered`);
  } else {
    const post = registered.filter((a) => a.binding === BINDING.post);
    acs = post.find((a) => a.isDefault) ?? post[0];
    if (!acs) throw new SamlError("unregistered_acs", "no HTTP-POST ACS is registered for the application");
  }
  if (acs.binding !== BINDING.post) throw new SamlError("unsupported_binding", `ACS ${acs.index} uses ${acs.binding}`);
  return acs;
}

/** An optional xs:boolean attribute, false when absent. */
function readBoolean(el: Element, name: string): boolean {
  const v = attr(el, name);
  if (v === undefined || v === "false" || v === "0") return false;
  if (v === "true" || v === "1") return true;
  throw new SamlError("malformed_request", `${name} is not a boolean`);
}
