// SAML 2.0 and XML-DSig identifiers used across lib/saml.

export const NS = {
  protocol: "urn:oasis:names:tc:SAML:2.0:protocol",
  assertion: "urn:oasis:names:tc:SAML:2.0:assertion",
  metadata: "urn:oasis:names:tc:SAML:2.0:metadata",
  dsig: "http://www.w3.org/2000/09/xmldsig#",
} as const;

export const BINDING = {
  redirect: "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect",
  post: "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST",
} as const;

/** The two bindings Portcullis receives and sends messages with. */
export type Binding = keyof typeof BINDING;

export const NAMEID_FORMAT = {
  unspecified: "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified",
  emailAddress: "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress",
  transient: "urn:oasis:names:tc:SAML:2.0:nameid-format:transient",
  persistent: "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent",
} as const;

/** NameID formats an application can be configured with, in the order metadata lists them. */
export const NAMEID_FORMATS: readonly string[] = Object.values(NAMEID_FORMAT);

export const STATUS = {
  success: "urn:oasis:names:tc:SAML:2.0:status:Success",
  requester: "urn:oasis:names:tc:SAML:2.0:status:Requester",
  responder: "urn:oasis:names:tc:SAML:2.0:status:Responder",
  authnFailed: "urn:oasis:names:tc:SAML:2.0:status:AuthnFailed",
  requestDenied: "urn:oasis:names:tc:SAML:2.0:status:RequestDenied",
  invalidNameIdPolicy: "urn:oasis:names:tc:SAML:2.0:status:InvalidNameIDPolicy",
  noPassive: "urn:oasis:names:tc:SAML:2.0:status:NoPassive",
  partialLogout: "urn:oasis:names:tc:SAML:2.0:status:PartialLogout",
} as const;

/** A top-level status code with an optional second-level one. */
export interface SamlStatus {
  code: string;
  subCode?: string;
}

/**
 * Signature algorithms, named as Application.signatureAlgorithm stores them. RSA-SHA1 is
 * not offered and incoming SHA-1 signatures are refused: SHA-1 collisions are practical
 * (chosen-prefix since 2020) and DESIGN.md asks for RSA-SHA256 or stronger.
 */
export const SIGNATURE_ALGORITHMS = {
  SHA256: {
    hash: "sha256",
    signatureUri: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
    digestUri: "http://www.w3.org/2001/04/xmlenc#sha256",
  },
  SHA384: {
    hash: "sha384",
    signatureUri: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384",
    digestUri: "http://www.w3.org/2001/04/xmldsig-more#sha384",
  },
  SHA512: {
    hash: "sha512",
    signatureUri: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512",
    digestUri: "http://www.w3.org/2001/04/xmlenc#sha512",
  },
} as const;

export type SignatureAlgorithm = keyof typeof SIGNATURE_ALGORITHMS;

export const C14N_EXCLUSIVE = "http://www.w3.org/2001/10/xml-exc-c14n#";
export const TRANSFORM_ENVELOPED = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";

/**
 * AuthnContextClassRef sent in the AuthnStatement. SAML has no standard class for MFA; the
 * REFEDS MFA profile is the identifier SPs that care about MFA recognise.
 */
export const AUTHN_CONTEXT = {
  password: "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport",
  mfa: "https://refeds.org/profile/mfa",
} as const;
