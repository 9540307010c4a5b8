// Metadata for authentication sources: the upstream IdP's metadata as an administrator
// imports it (Entra ID's "Federation Metadata XML", AD FS's FederationMetadata.xml, a
// Portcullis application's metadata URL), and Portcullis's own SP metadata for one source,
// which the administrator uploads into the provider (Entra ID: "Upload metadata file").
// Hostile input is expected: size cap, no DOCTYPE, an http(s) SSO URL, certificates that parse.
import { X509Certificate } from "node:crypto";
import { base64DerToPem } from "../crypto/keys";
import { AppError } from "../errors";
import { httpUrlField } from "../validation";
import { BINDING, NS } from "./constants";
import { isSamlError } from "./errors";
import { attr, c14nAttr, c14nText, childrenNamed, parseXml } from "./xml";

export const IDP_METADATA_MAX_BYTES = 512 * 1024;

export interface IdpMetadata {
  entityId: string;
  /** The HTTP-Redirect SingleSignOnService. */
  ssoUrl: string;
  /** PEM signing certificates (use="signing" or no use). */
  certificates: string[];
  nameIdFormats: string[];
  wantAuthnRequestsSigned: boolean;
}

const invalid = (message: string) => new AppError("validation", message);

/** Parses one identity provider's metadata; throws AppError("validation") naming what is wrong. */
export function parseIdpMetadata(xml: string): IdpMetadata {
  if (Buffer.byteLength(xml) > IDP_METADATA_MAX_BYTES) throw invalid("The metadata is larger than 512 KiB.");
  let root: Element;
  try {
    root = parseXml(xml.replace(/^\uFEFF/, ""));
  } catch (e) {
    if (!isSamlError(e)) throw e;
    throw invalid(
      e.reason === "doctype_forbidden"
        ? "The metadata contains a DOCTYPE or ENTITY declaration, which is not accepted."
        : `The metadata is not well-formed XML (${e.detail}).`,
    );
  }
  if (root.namespaceURI !== NS.metadata || root.localName !== "EntityDescriptor") {
    throw invalid(
      root.localName === "EntitiesDescriptor"
        ? "The file describes several entities (EntitiesDescriptor); import the metadata of one identity provider."
        : "The file is not SAML 2.0 metadata: its root element is not md:EntityDescriptor.",
    );
  }
  const entityId = (attr(root, "entityID") ?? "").trim();
  if (!entityId || entityId.length > 1024)
    throw invalid("The EntityDescriptor has no entityID (or one over 1024 characters).");
  const idp = childrenNamed(root, NS.metadata, "IDPSSODescriptor").find((d) =>
    (attr(d, "protocolSupportEnumeration") ?? "").split(/\s+/).includes(NS.protocol),
  );
  if (!idp)
    throw invalid("The metadata has no IDPSSODescriptor for SAML 2.0: it does not describe an identity provider.");
  const sso = childrenNamed(idp, NS.metadata, "SingleSignOnService").find(
    (e) => attr(e, "Binding") === BINDING.redirect,
  );
  if (!sso) throw invalid("The identity provider has no SingleSignOnService with the HTTP-Redirect binding.");
  const ssoUrl = checkUrl(attr(sso, "Location"), "SingleSignOnService Location");
  const certificates: string[] = [];
  for (const kd of childrenNamed(idp, NS.metadata, "KeyDescriptor")) {
    const use = attr(kd, "use");
    if (use !== undefined && use !== "signing") continue;
    for (const el of Array.from(kd.getElementsByTagNameNS(NS.dsig, "X509Certificate"))) {
      certificates.push(readCertificate(el.textContent ?? ""));
    }
  }
  if (certificates.length === 0) throw invalid("The identity provider's metadata has no signing certificate.");
  return {
    entityId,
    ssoUrl,
    certificates: [...new Set(certificates)],
    nameIdFormats: childrenNamed(idp, NS.metadata, "NameIDFormat").map((el) => (el.textContent ?? "").trim()),
    wantAuthnRequestsSigned: ["true", "1"].includes(attr(idp, "WantAuthnRequestsSigned") ?? ""),
  };
}

/** PEM of a base64 DER (or PEM) certificate that parses; a validation error otherwise. */
export function readCertificate(text: string): string {
  try {
    const pem = text.includes("-----BEGIN") ? text.trim() : base64DerToPem(text);
    return new X509Certificate(pem).toString().trim();
  } catch {
    throw invalid("A signing certificate cannot be read as an X.509 certificate.");
  }
}

/** Splits pasted PEM text into its certificates, each checked. */
export function readPemCertificates(text: string): string[] {
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) {
    const bare = text.replace(/\s+/g, "");
    return bare ? [readCertificate(bare)] : [];
  }
  return [...new Set(blocks.map(readCertificate))];
}

/** The URL if it is an absolute http(s) URL, else a validation error naming the element. */
function checkUrl(value: string | undefined, label: string): string {
  const r = httpUrlField(label).safeParse(value ?? "");
  if (r.success) return r.data;
  throw invalid(
    `${r.error.issues[0]?.message ?? `The ${label} is not valid.`} Found: "${(value ?? "").slice(0, 100)}".`,
  );
}

export interface SpMetadataInput {
  entityId: string;
  acsUrl: string;
  /** Base64 DER certificates Portcullis signs AuthnRequests with: the active one, then the next. */
  certificates: string[];
  nameIdFormat?: string;
}

/** Portcullis's SP metadata for one authentication source. */
export function buildSourceSpMetadata(input: SpMetadataInput): string {
  const keys = input.certificates
    .map(
      (c) =>
        `    <md:KeyDescriptor use="signing">\n      <ds:KeyInfo>\n        <ds:X509Data>\n` +
        `          <ds:X509Certificate>${c14nText(c.replace(/\s+/g, ""))}</ds:X509Certificate>\n` +
        `        </ds:X509Data>\n      </ds:KeyInfo>\n    </md:KeyDescriptor>\n`,
    )
    .join("");
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<md:EntityDescriptor xmlns:md="${NS.metadata}" xmlns:ds="${NS.dsig}" entityID="${c14nAttr(input.entityId)}">\n` +
    `  <md:SPSSODescriptor AuthnRequestsSigned="true" WantAssertionsSigned="true" protocolSupportEnumeration="${NS.protocol}">\n` +
    keys +
    (input.nameIdFormat ? `    <md:NameIDFormat>${c14nText(input.nameIdFormat)}</md:NameIDFormat>\n` : "") +
    `    <md:AssertionConsumerService Binding="${BINDING.post}" Location="${c14nAttr(input.acsUrl)}" index="0" isDefault="true"/>\n` +
    `  </md:SPSSODescriptor>\n</md:EntityDescriptor>\n`
  );
}
