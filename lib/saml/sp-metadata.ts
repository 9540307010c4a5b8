// Import of an SP's metadata file (e.g. Webex Control Hub's idb-meta-<org-ID>-SP.xml) into
// an application's Service Provider settings. Hostile input is expected: size cap, no
// DOCTYPE, every endpoint an absolute http(s) URL, certificates that parse. Errors are
// AppError("validation") with a message an administrator can act on.
import { X509Certificate } from "node:crypto";
import { base64DerToPem } from "../crypto/keys";
import { AppError } from "../errors";
import { httpUrlField } from "../validation";
import type { AcsEndpoint } from "./authn-request";
import { BINDING, NS, type Binding } from "./constants";
import { isSamlError } from "./errors";
import { attr, childrenNamed, parseXml } from "./xml";

export const SP_METADATA_MAX_BYTES = 512 * 1024;

export interface SpMetadata {
  entityId: string;
  /** Every ACS in the file; exactly one has isDefault. */
  acs: AcsEndpoint[];
  /** The SLO endpoint for the HTTP-Redirect binding, else for HTTP-POST. */
  sloUrl?: string;
  sloBinding?: Binding;
  nameIdFormats: string[];
  /** PEM certificates of KeyDescriptors for signing (or without a use). */
  signingCertificates: string[];
  authnRequestsSigned: boolean;
  wantAssertionsSigned: boolean;
}

/** The error every refusal of the metadata is. */
const invalid = (message: string) => new AppError("validation", message);
/** xs:boolean true. */
const isTrue = (v: string | undefined) => v === "true" || v === "1";

/** Parses SP metadata XML; throws AppError("validation") naming what is wrong. */
export function parseSpMetadata(xml: string): SpMetadata {
  if (Buffer.byteLength(xml) > SP_METADATA_MAX_BYTES) throw invalid("The metadata file is larger than 512 KiB.");
  let root: Element;
  try {
    root = parseXml(xml);
  } catch (e) {
    if (!isSamlError(e)) throw e;
    throw invalid(
      e.reason === "doctype_forbidden"
        ? "The metadata contains a DOCTYPE or ENTITY declaration, which is not accepted."
        : `The metadata is not well-formed XML (${e.detail}).`,
    );
  }
  if (root.namespaceURI === NS.metadata && root.localName === "EntitiesDescriptor") {
    throw invalid(
      "The file describes several entities (EntitiesDescriptor); upload the metadata of one service provider.",
    );
  }
  if (root.namespaceURI !== NS.metadata || root.localName !== "EntityDescriptor") {
    throw invalid("The file is not SAML 2.0 metadata: its root element is not md:EntityDescriptor.");
  }
  const entityId = (attr(root, "entityID") ?? "").trim();
  if (!entityId || entityId.length > 1024)
    throw invalid("The EntityDescriptor has no entityID (or one over 1024 characters).");

  const sp = childrenNamed(root, NS.metadata, "SPSSODescriptor").find((d) =>
    (attr(d, "protocolSupportEnumeration") ?? "").split(/\s+/).includes(NS.protocol),
  );
  if (!sp)
    throw invalid(
      "The metadata has no SPSSODescriptor for the SAML 2.0 protocol: it does not describe a service provider.",
    );

  const acs = readAcs(sp);
  const slo = childrenNamed(sp, NS.metadata, "SingleLogoutService").map((el) => {
    const responseUrl = attr(el, "ResponseLocation");
    if (responseUrl !== undefined) checkUrl(responseUrl, "SingleLogoutService ResponseLocation");
    return { binding: attr(el, "Binding"), url: checkUrl(attr(el, "Location"), "SingleLogoutService Location") };
  });
  const sloEndpoint = slo.find((s) => s.binding === BINDING.redirect) ?? slo.find((s) => s.binding === BINDING.post);

  return {
    entityId,
    acs,
    sloUrl: sloEndpoint?.url,
    sloBinding: sloEndpoint && (sloEndpoint.binding === BINDING.redirect ? "redirect" : "post"),
    nameIdFormats: childrenNamed(sp, NS.metadata, "NameIDFormat").map((el) => (el.textContent ?? "").trim()),
    signingCertificates: readSigningCertificates(sp),
    authnRequestsSigned: isTrue(attr(sp, "AuthnRequestsSigned")),
    wantAssertionsSigned: isTrue(attr(sp, "WantAssertionsSigned")),
  };
}

/** The ACS list, with the default chosen as SAML metadata 2.2.3 says. */
function readAcs(sp: Element): AcsEndpoint[] {
  const elements = childrenNamed(sp, NS.metadata, "AssertionConsumerService");
  const seen = new Set<number>();
  const acs = elements.map((el) => {
    const indexText = attr(el, "index") ?? "";
    const index = Number(indexText);
    if (!/^\d{1,5}$/.test(indexText) || index > 65535)
      throw invalid(`An AssertionConsumerService has no valid index ("${indexText.slice(0, 20)}").`);
    if (seen.has(index)) throw invalid(`Two AssertionConsumerService elements have index ${index}.`);
    seen.add(index);
    const binding = attr(el, "Binding");
    if (!binding) throw invalid(`AssertionConsumerService index ${index} has no Binding.`);
    return {
      index,
      binding,
      url: checkUrl(attr(el, "Location"), `AssertionConsumerService (index ${index}) Location`),
      isDefault: false,
    };
  });
  if (!acs.some((a) => a.binding === BINDING.post)) {
    throw invalid(
      "The metadata has no AssertionConsumerService with the HTTP-POST binding; Portcullis sends responses by HTTP-POST.",
    );
  }
  // The first isDefault="true"; else the first without isDefault; else the first.
  const flags = elements.map((el) => attr(el, "isDefault"));
  let def = flags.findIndex(isTrue);
  if (def < 0) def = flags.findIndex((f) => f === undefined);
  acs[Math.max(def, 0)]!.isDefault = true;
  return acs;
}

/** PEM certificates from KeyDescriptors whose use is signing or unspecified. */
function readSigningCertificates(sp: Element): string[] {
  const pems: string[] = [];
  for (const kd of childrenNamed(sp, NS.metadata, "KeyDescriptor")) {
    const use = attr(kd, "use");
    if (use !== undefined && use !== "signing") continue;
    for (const el of Array.from(kd.getElementsByTagNameNS(NS.dsig, "X509Certificate"))) {
      try {
        const pem = base64DerToPem(el.textContent ?? "");
        new X509Certificate(pem);
        pems.push(pem);
      } catch {
        throw invalid("A signing KeyDescriptor holds an X509Certificate that cannot be read.");
      }
    }
  }
  return pems;
}

/** The URL if it is an absolute http(s) URL, else a validation error naming the element. */
function checkUrl(value: string | undefined, label: string): string {
  const r = httpUrlField(label).safeParse(value ?? "");
  if (r.success) return r.data;
  const shown = (value ?? "").slice(0, 100);
  throw invalid(`${r.error.issues[0]?.message ?? `The ${label} is not valid.`} Found: "${shown}".`);
}
