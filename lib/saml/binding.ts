// HTTP-Redirect and HTTP-POST bindings. Inbound: defensive decoding (size caps before and
// while inflating, strict base64, UTF-8 and XML, RelayState <= 80 bytes) and the binding's
// signature check. Outbound: DEFLATE + query-string signature, or an enveloped signature.
import { deflateRawSync, inflateRawSync } from "node:zlib";
import { NS, SIGNATURE_ALGORITHMS, type Binding } from "./constants";
import { SamlError } from "./errors";
import { signCanonical, signQuery, verifyEnvelopedSignature, verifyQuerySignature, type IdpSigner } from "./signature";
import { parseXml } from "./xml";

export const LIMITS = {
  /** Base64 characters of SAMLRequest/SAMLResponse as received, in either binding. */
  encodedChars: 64 * 1024,
  /** Bytes of XML a Redirect message may inflate to; inflating stops there. */
  xmlBytes: 128 * 1024,
  /** SAML bindings 3.4.3 and 3.5.3: RelayState MUST NOT exceed 80 bytes. */
  relayStateBytes: 80,
} as const;

/** A message as the route received it: the raw query string, or the decoded form fields. */
export type InboundMessage =
  { binding: "redirect"; query: string } | { binding: "post"; fields: Record<string, string | undefined> };

export type MessageParam = "SAMLRequest" | "SAMLResponse";

/** The SP certificates (PEM or base64 DER) and whether its messages must be signed. */
export interface SignatureTrust {
  certificates: string[];
  required: boolean;
}

export interface DecodedMessage {
  binding: Binding;
  /** The root element; when an XML signature was checked, re-read from the signed octets. */
  root: Element;
  relayState?: string;
  signed: boolean;
}

export interface RedirectMessage {
  id: string;
  binding: "redirect";
  url: string;
}

export interface PostMessage {
  id: string;
  binding: "post";
  url: string;
  fields: Record<string, string>;
}

/** A message to send: a URL to redirect to, or a URL and fields to auto-post. */
export type OutboundMessage = RedirectMessage | PostMessage;

const QUERY_PARAMS = new Set(["SAMLRequest", "SAMLResponse", "RelayState", "SigAlg", "Signature"]);

/** Decodes, parses and signature-checks an inbound message carried in `param`. */
export function decodeMessage(message: InboundMessage, param: MessageParam, trust: SignatureTrust): DecodedMessage {
  return message.binding === "redirect"
    ? decodeRedirect(message.query, param, trust)
    : decodePost(message.fields, param, trust);
}

/** HTTP-Redirect: query signature first (before inflating anything), then capped inflate and parse. */
function decodeRedirect(query: string, param: MessageParam, trust: SignatureTrust): DecodedMessage {
  const raw = parseQuery(query);
  const encoded = raw.get(param);
  if (encoded === undefined) throw new SamlError("malformed_request", `no ${param} in the query string`);
  const relayState = raw.has("RelayState") ? formDecode(raw.get("RelayState")!) : undefined;
  checkRelayState(relayState);
  const value = checkEncodedSize(formDecode(encoded));

  const signature = raw.get("Signature");
  const sigAlg = raw.get("SigAlg");
  let signed = false;
  if (signature === undefined) {
    if (trust.required) throw new SamlError("unsigned_request", "the Redirect message has no Signature parameter");
  } else if (trust.certificates.length > 0) {
    if (sigAlg === undefined) throw new SamlError("bad_signature", "Signature without SigAlg");
    // The signed octets are the parameters exactly as received, in the order the spec fixes.
    const octets = (enc: (v: string) => string) =>
      `${param}=${enc(encoded)}` +
      (raw.has("RelayState") ? `&RelayState=${enc(raw.get("RelayState")!)}` : "") +
      `&SigAlg=${enc(sigAlg)}`;
    try {
      verifyQuerySignature(
        octets((v) => v),
        formDecode(sigAlg),
        formDecode(signature),
        trust.certificates,
      );
    } catch (e) {
      // Some SP libraries (node-saml) sign encodeURIComponent() values but send a different
      // encoding of the same values (space as "+"). The same values, re-encoded that way,
      // are still signed by the SP's key; anything else stays refused.
      if (!(e instanceof SamlError) || e.reason !== "bad_signature") throw e;
      verifyQuerySignature(
        octets((v) => encodeURIComponent(formDecode(v))),
        formDecode(sigAlg),
        formDecode(signature),
        trust.certificates,
      );
    }
    signed = true;
  } else if (trust.required) {
    throw new SamlError("bad_signature", "no SP certificate is configured to check the signature");
  }

  let xml: Buffer;
  try {
    xml = inflateRawSync(decodeBase64(value), { maxOutputLength: LIMITS.xmlBytes });
  } catch (e) {
    if (e instanceof SamlError) throw e;
    if ((e as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") {
      throw new SamlError("inflate_too_large", `the ${param} inflates to more than ${LIMITS.xmlBytes} bytes`);
    }
    throw new SamlError("malformed_request", `the ${param} is not raw DEFLATE data: ${(e as Error).message}`);
  }
  return { binding: "redirect", root: parseXml(decodeUtf8(xml)), relayState, signed };
}

/** HTTP-POST: base64, parse, then the enveloped signature, whose signed root replaces the parsed one. */
function decodePost(
  fields: Record<string, string | undefined>,
  param: MessageParam,
  trust: SignatureTrust,
): DecodedMessage {
  const { xml, relayState } = readPostXml(fields, param);
  let root = parseXml(xml);

  const hasSignature = root.ownerDocument.getElementsByTagNameNS(NS.dsig, "Signature").length > 0;
  let signed = false;
  if (!hasSignature) {
    if (trust.required) throw new SamlError("unsigned_request", "the POST message has no XML signature");
  } else if (trust.certificates.length > 0) {
    root = verifyEnvelopedSignature(xml, root, trust.certificates);
    signed = true;
  } else if (trust.required) {
    throw new SamlError("bad_signature", "no SP certificate is configured to check the signature");
  }
  return { binding: "post", root, relayState, signed };
}

/**
 * The XML text of a POST-binding message (size cap, strict base64 and UTF-8, RelayState
 * <= 80 bytes), not yet parsed: signature checks need the exact text.
 */
export function readPostXml(
  fields: Record<string, string | undefined>,
  param: MessageParam,
): { xml: string; relayState?: string } {
  const encoded = fields[param];
  if (!encoded) throw new SamlError("malformed_request", `no ${param} in the form`);
  const relayState = fields.RelayState;
  checkRelayState(relayState);
  return { xml: decodeUtf8(decodeBase64(checkEncodedSize(encoded))), relayState };
}

/** The SAML parameters of a raw query string, values still URL-encoded; duplicates refused. */
function parseQuery(query: string): Map<string, string> {
  const q = query.startsWith("?") ? query.slice(1) : query;
  if (q.length > 2 * LIMITS.encodedChars)
    throw new SamlError("request_too_large", `query string of ${q.length} characters`);
  const params = new Map<string, string>();
  for (const part of q.split("&")) {
    const eq = part.indexOf("=");
    const name = formDecode(eq < 0 ? part : part.slice(0, eq));
    if (!QUERY_PARAMS.has(name)) continue;
    if (params.has(name)) throw new SamlError("malformed_request", `duplicate ${name} parameter`);
    params.set(name, eq < 0 ? "" : part.slice(eq + 1));
  }
  return params;
}

/** application/x-www-form-urlencoded decoding of one value. */
function formDecode(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, " "));
  } catch {
    throw new SamlError("malformed_request", "bad percent-encoding in the query string");
  }
}

/** Refuses a RelayState over 80 bytes. */
function checkRelayState(relayState: string | undefined): void {
  if (relayState !== undefined && Buffer.byteLength(relayState) > LIMITS.relayStateBytes) {
    throw new SamlError("relay_state_too_long", `RelayState of ${Buffer.byteLength(relayState)} bytes`);
  }
}

/** Refuses an encoded message over the cap; returns it otherwise. */
function checkEncodedSize(value: string): string {
  if (value.length > LIMITS.encodedChars)
    throw new SamlError("request_too_large", `message of ${value.length} base64 characters`);
  return value;
}

/** Strict base64 (whitespace allowed, nothing else): Buffer.from alone skips junk silently. */
function decodeBase64(value: string): Buffer {
  const compact = value.replace(/\s+/g, "");
  if (compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) {
    throw new SamlError("malformed_request", "the message is not valid base64");
  }
  return Buffer.from(compact, "base64");
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** UTF-8 decoding that refuses invalid sequences. */
function decodeUtf8(bytes: Buffer): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new SamlError("malformed_request", "the message is not UTF-8");
  }
}

/**
 * Encodes our canonical, unsigned `xml` (root ID `id`) for sending: Redirect = DEFLATE,
 * base64 and a query-string signature; POST = an enveloped signature and base64.
 */
export function encodeMessage(m: {
  binding: Binding;
  destination: string;
  param: MessageParam;
  xml: string;
  id: string;
  relayState?: string;
  signer: IdpSigner;
}): OutboundMessage {
  const { binding, destination, param, xml, id, relayState, signer } = m;
  if (binding === "post") return postMessage(id, destination, param, signCanonical(xml, id, signer), relayState);
  let octets = `${param}=${encodeURIComponent(deflateRawSync(xml).toString("base64"))}`;
  if (relayState !== undefined) octets += `&RelayState=${encodeURIComponent(relayState)}`;
  octets += `&SigAlg=${encodeURIComponent(SIGNATURE_ALGORITHMS[signer.algorithm].signatureUri)}`;
  const separator = destination.includes("?") ? "&" : "?";
  return {
    id,
    binding,
    url: `${destination}${separator}${octets}&Signature=${encodeURIComponent(signQuery(octets, signer))}`,
  };
}

/** A POST-binding message carrying already signed `xml`. */
export function postMessage(
  id: string,
  url: string,
  param: MessageParam,
  xml: string,
  relayState: string | undefined,
): PostMessage {
  const fields: Record<string, string> = { [param]: Buffer.from(xml).toString("base64") };
  if (relayState !== undefined) fields.RelayState = relayState;
  return { id, binding: "post", url, fields };
}
