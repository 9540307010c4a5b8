// Decoding of SAML messages for the administrator's SAML trace: never throws, never
// inflates past the binding's limit, and returns pretty-printed XML with signature values and
// certificates shortened (they are long and say nothing to a person; the verdict says whether
// the signature held). RelayState is not kept: it can be another party's opaque token.
import { inflateRawSync } from "node:zlib";
import { LIMITS, type InboundMessage, type OutboundMessage } from "./binding";
import { NS } from "./constants";
import { parseXml } from "./xml";

export type DecodedForTrace = {
  binding: "redirect" | "post";
  /** Pretty-printed XML, or the reason it could not be shown. */
  xml: string | null;
  note?: string;
  /** The root element's local name (AuthnRequest, Response …) and ID, when readable. */
  messageType?: string;
  messageId?: string;
  inResponseTo?: string;
  issuer?: string;
  signed: boolean;
  /** For a Response: what the SP would check (NameID, audience, validity, attributes, signatures). */
  response?: ResponseDetails;
};

export type ResponseDetails = {
  status: string;
  nameId?: string;
  nameIdFormat?: string;
  audience?: string;
  notBefore?: string;
  notOnOrAfter?: string;
  recipient?: string;
  sessionIndex?: string;
  authnContext?: string;
  responseSigned: boolean;
  assertionSigned: boolean;
  attributes: { name: string; values: string[] }[];
};

/** At most this much XML is kept per trace entry. */
export const TRACE_XML_MAX = 64 * 1024;

function fromRedirectValue(value: string): { xml: string | null; note?: string } {
  try {
    const bytes = Buffer.from(value.replace(/\s+/g, ""), "base64");
    return { xml: inflateRawSync(bytes, { maxOutputLength: LIMITS.xmlBytes }).toString("utf8") };
  } catch (e) {
    return { xml: null, note: `not readable (${(e as Error).message.slice(0, 120)})` };
  }
}

function fromPostValue(value: string): { xml: string | null; note?: string } {
  if (value.length > LIMITS.encodedChars) return { xml: null, note: `too large (${value.length} characters)` };
  return { xml: Buffer.from(value.replace(/\s+/g, ""), "base64").toString("utf8") };
}

/** The XML of a message as received or sent, before it is decoded for the trace. */
export type RawForTrace = { binding: "redirect" | "post"; xml: string | null; note?: string; querySigned: boolean };

/** An inbound message's XML (SAMLRequest or SAMLResponse), undecoded. */
export function rawInbound(message: InboundMessage): RawForTrace {
  if (message.binding === "redirect") {
    const q = message.query.startsWith("?") ? message.query.slice(1) : message.query;
    if (q.length > 2 * LIMITS.encodedChars)
      return { binding: "redirect", xml: null, note: "query too long", querySigned: false };
    const params = new URLSearchParams(q);
    const value = params.get("SAMLRequest") ?? params.get("SAMLResponse");
    if (value === null)
      return { binding: "redirect", xml: null, note: "no SAML message in the query", querySigned: false };
    return { binding: "redirect", ...fromRedirectValue(value), querySigned: params.has("Signature") };
  }
  const value = message.fields.SAMLRequest ?? message.fields.SAMLResponse;
  if (!value) return { binding: "post", xml: null, note: "no SAML message in the form", querySigned: false };
  return { binding: "post", ...fromPostValue(value), querySigned: false };
}

/** A message we send: its XML, undecoded. */
export function rawOutbound(message: OutboundMessage): RawForTrace {
  if (message.binding === "redirect") {
    const params = new URL(message.url).searchParams;
    return {
      binding: "redirect",
      ...fromRedirectValue(params.get("SAMLRequest") ?? params.get("SAMLResponse") ?? ""),
      querySigned: params.has("Signature"),
    };
  }
  return {
    binding: "post",
    ...fromPostValue(message.fields.SAMLResponse ?? message.fields.SAMLRequest ?? ""),
    querySigned: false,
  };
}

/** An inbound message (SAMLRequest or SAMLResponse) as the trace shows it. */
export const decodeInboundForTrace = (message: InboundMessage) => decodeForTrace(rawInbound(message));

/** A message we send, as the trace shows it. */
export const decodeOutboundForTrace = (message: OutboundMessage) => decodeForTrace(rawOutbound(message));

/** The trace's view of a message's XML: pretty-printed, with what it says (issuer, IDs, Response details). */
export function decodeForTrace(raw: RawForTrace): DecodedForTrace {
  return describe(raw.binding, raw, raw.querySigned);
}

function describe(
  binding: "redirect" | "post",
  raw: { xml: string | null; note?: string },
  querySigned: boolean,
): DecodedForTrace {
  if (raw.xml === null) return { binding, xml: null, note: raw.note, signed: querySigned };
  let root: Element;
  try {
    root = parseXml(raw.xml);
  } catch (e) {
    // Shown as received (not parsed: it may be hostile), shortened.
    return {
      binding,
      xml: raw.xml.slice(0, 4096),
      note: `not well-formed or refused by the parser: ${(e as Error).message.slice(0, 200)}`,
      signed: querySigned,
    };
  }
  const issuer = Array.from(root.childNodes).find((n) => n.nodeType === 1 && (n as Element).localName === "Issuer") as
    Element | undefined;
  const signed = querySigned || root.getElementsByTagNameNS(NS.dsig, "Signature").length > 0;
  const pretty = prettyPrint(root);
  const response =
    root.localName === "Response" && root.namespaceURI === NS.protocol ? responseDetails(root) : undefined;
  return {
    binding,
    xml: pretty.length > TRACE_XML_MAX ? `${pretty.slice(0, TRACE_XML_MAX)}\n… (shortened)` : pretty,
    messageType: root.localName ?? undefined,
    messageId: root.getAttribute("ID") || undefined,
    inResponseTo: root.getAttribute("InResponseTo") || undefined,
    issuer: issuer?.textContent?.trim() || undefined,
    signed,
    response,
  };
}

const first = (el: Element, ns: string, name: string) => el.getElementsByTagNameNS(ns, name)[0];
const text = (el: Element | undefined) => el?.textContent?.trim() || undefined;
const childSigned = (el: Element | undefined) =>
  !!el && Array.from(el.childNodes).some((n) => n.nodeType === 1 && (n as Element).localName === "Signature");

function responseDetails(root: Element): ResponseDetails {
  const status = first(root, NS.protocol, "StatusCode");
  const sub = status && first(status, NS.protocol, "StatusCode");
  const assertion = first(root, NS.assertion, "Assertion");
  const nameId = assertion && first(assertion, NS.assertion, "NameID");
  const conditions = assertion && first(assertion, NS.assertion, "Conditions");
  const confirmation = assertion && first(assertion, NS.assertion, "SubjectConfirmationData");
  const authn = assertion && first(assertion, NS.assertion, "AuthnStatement");
  return {
    status: (sub?.getAttribute("Value") || status?.getAttribute("Value") || "").split(":").pop() ?? "",
    nameId: text(nameId),
    nameIdFormat: nameId?.getAttribute("Format") || undefined,
    audience: text(conditions && first(conditions, NS.assertion, "Audience")),
    notBefore: conditions?.getAttribute("NotBefore") || undefined,
    notOnOrAfter: conditions?.getAttribute("NotOnOrAfter") || undefined,
    recipient: confirmation?.getAttribute("Recipient") || undefined,
    sessionIndex: authn?.getAttribute("SessionIndex") || undefined,
    authnContext: text(authn && first(authn, NS.assertion, "AuthnContextClassRef")),
    responseSigned: childSigned(root),
    assertionSigned: childSigned(assertion),
    attributes: assertion
      ? Array.from(assertion.getElementsByTagNameNS(NS.assertion, "Attribute")).map((a) => ({
          name: a.getAttribute("Name") ?? "",
          values: Array.from(a.getElementsByTagNameNS(NS.assertion, "AttributeValue")).map((v) => v.textContent ?? ""),
        }))
      : [],
  };
}

const SHORTENED = new Set(["SignatureValue", "X509Certificate", "DigestValue", "CipherValue"]);

const escText = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const escAttr = (s: string) => escText(s).replace(/"/g, "&quot;");

/** Indented XML of `el`; long cryptographic values shortened to their first characters. */
export function prettyPrint(el: Element, depth = 0): string {
  const pad = "  ".repeat(depth);
  const attrs = Array.from(el.attributes)
    .map((a) => ` ${a.name}="${escAttr(a.value)}"`)
    .join("");
  const children = Array.from(el.childNodes);
  const elements = children.filter((n) => n.nodeType === 1) as Element[];
  const text = children
    .filter((n) => n.nodeType === 3 || n.nodeType === 4)
    .map((n) => n.nodeValue ?? "")
    .join("")
    .trim();
  if (elements.length === 0) {
    if (!text) return `${pad}<${el.nodeName}${attrs}/>`;
    const shown =
      SHORTENED.has(el.localName ?? "") && text.length > 24 ? `${text.replace(/\s+/g, "").slice(0, 16)}…` : text;
    return `${pad}<${el.nodeName}${attrs}>${escText(shown)}</${el.nodeName}>`;
  }
  const inner = elements.map((c) => prettyPrint(c, depth + 1)).join("\n");
  return `${pad}<${el.nodeName}${attrs}>\n${inner}\n${pad}</${el.nodeName}>`;
}
