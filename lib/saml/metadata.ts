// IdP metadata for one application (SAML metadata 2.0): signing keys (active and next, so
// SPs trust the next key before it is promoted), the NameID formats the application answers
// with, SSO and SLO endpoints.
import { BINDING, NS } from "./constants";
import { c14nAttr, c14nText } from "./xml";

export interface IdpMetadataInput {
  entityId: string;
  ssoUrl: string;
  sloUrl: string;
  /** Base64 DER certificates: the active one first, then the next one if any. */
  certificates: string[];
  wantAuthnRequestsSigned: boolean;
  /** The NameID formats the application answers with, its default first (and only those). */
  nameIdFormats: string[];
}

/** The EntityDescriptor XML document for one application. */
export function buildIdpMetadata(input: IdpMetadataInput): string {
  const keys = input.certificates.map(
    (c) =>
      `    <md:KeyDescriptor use="signing">\n      <ds:KeyInfo>\n        <ds:X509Data>\n` +
      `          <ds:X509Certificate>${c14nText(c.replace(/\s+/g, ""))}</ds:X509Certificate>\n` +
      `        </ds:X509Data>\n      </ds:KeyInfo>\n    </md:KeyDescriptor>\n`,
  );
  const endpoints = (element: string, url: string) =>
    [BINDING.redirect, BINDING.post]
      .map((b) => `    <md:${element} Binding="${b}" Location="${c14nAttr(url)}"/>\n`)
      .join("");
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<md:EntityDescriptor xmlns:md="${NS.metadata}" xmlns:ds="${NS.dsig}" entityID="${c14nAttr(input.entityId)}">\n` +
    `  <md:IDPSSODescriptor WantAuthnRequestsSigned="${input.wantAuthnRequestsSigned}" protocolSupportEnumeration="${NS.protocol}">\n` +
    keys.join("") +
    endpoints("SingleLogoutService", input.sloUrl) +
    input.nameIdFormats.map((f) => `    <md:NameIDFormat>${c14nText(f)}</md:NameIDFormat>\n`).join("") +
    endpoints("SingleSignOnService", input.ssoUrl) +
    `  </md:IDPSSODescriptor>\n</md:EntityDescriptor>\n`
  );
}
