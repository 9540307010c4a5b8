// XML in and out. In: a strict @xmldom/xmldom parse of text that has no DOCTYPE, and
// helpers that read exactly one expected child. Out: escaping that yields exclusive-C14N
// canonical text, so strings we build are already what a verifier digests.
import { DOMParser } from "@xmldom/xmldom";
import { SamlError } from "./errors";
import { randomIdBytes } from "../crypto/random";

const DOCTYPE_OR_ENTITY = /<!DOCTYPE|<!ENTITY/i;

/** Parses XML strictly: any DOCTYPE or entity declaration, warning or error refuses it. */
export function parseXml(xml: string): Element {
  if (DOCTYPE_OR_ENTITY.test(xml))
    throw new SamlError("doctype_forbidden", "the XML contains a DOCTYPE or ENTITY declaration");
  const problems: string[] = [];
  const report = (msg: string) => problems.push(msg);
  const doc = new DOMParser({
    locator: {},
    errorHandler: { warning: report, error: report, fatalError: report },
  }).parseFromString(xml, "text/xml");
  if (problems.length > 0) throw new SamlError("malformed_request", `XML parse error: ${problems[0]}`);
  if (doc.doctype) throw new SamlError("doctype_forbidden", "the XML contains a DOCTYPE");
  const root = doc.documentElement;
  if (!root) throw new SamlError("malformed_request", "the XML has no root element");
  return root;
}

/** The element children of `el`. */
export function childElements(el: Element): Element[] {
  const out: Element[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 1) out.push(n as Element);
  return out;
}

/** True when `el` is {ns}localName. */
export const isElement = (el: Element, ns: string, localName: string) =>
  el.namespaceURI === ns && el.localName === localName;

/** The children named {ns}localName. */
export const childrenNamed = (el: Element, ns: string, localName: string) =>
  childElements(el).filter((c) => isElement(c, ns, localName));

/** The single child named {ns}localName, undefined when absent; a duplicate refuses the message. */
export function optionalChild(el: Element, ns: string, localName: string): Element | undefined {
  const found = childrenNamed(el, ns, localName);
  if (found.length > 1) throw new SamlError("malformed_request", `more than one ${localName} in ${el.localName}`);
  return found[0];
}

/** Text content of a simple element (no element children), trimmed. */
export function textOf(el: Element): string {
  if (childElements(el).length > 0)
    throw new SamlError("malformed_request", `${el.localName} has unexpected child elements`);
  return (el.textContent ?? "").trim();
}

/** Attribute value or undefined (xmldom returns "" for a missing attribute). */
export const attr = (el: Element, name: string) => (el.hasAttribute(name) ? el.getAttribute(name)! : undefined);

// Characters XML 1.0 cannot carry at all, and unpaired UTF-16 surrogates.
const NOT_XML =
  /[\0-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const TEXT_SPECIALS = /[&<>\r]/g;
const ATTR_SPECIALS = /[&<"\t\n\r]/g;
const C14N_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "\t": "&#x9;",
  "\n": "&#xA;",
  "\r": "&#xD;",
};
/** The C14N escape of one special character. */
const escapeChar = (c: string) => C14N_ESCAPES[c]!;

/** Throws when `value` holds a character XML 1.0 cannot carry. */
function assertXmlChars(value: string): void {
  if (NOT_XML.test(value)) throw new Error("value contains a character that XML cannot represent");
}

/** Text content escaped as exclusive C14N writes it (& < > and CR). */
export function c14nText(value: string): string {
  assertXmlChars(value);
  return value.replace(TEXT_SPECIALS, escapeChar);
}

/** Attribute value escaped as exclusive C14N writes it (& < " TAB LF CR). */
export function c14nAttr(value: string): string {
  assertXmlChars(value);
  return value.replace(ATTR_SPECIALS, escapeChar);
}

/** SAML dateTime in UTC, whole seconds ("2026-01-31T12:00:00Z"). */
export const samlInstant = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");

/** A fresh message or assertion ID: "_" and 21 random bytes in hex. */
export const newId = () => `_${randomIdBytes(21).toString("hex")}`;
