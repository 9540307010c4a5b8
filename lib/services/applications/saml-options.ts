// SAML options an administrator chooses per application (bindings, NameID formats, algorithms).

export const BINDING_POST = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";
export const BINDING_REDIRECT = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";

export const NAMEID_FORMATS = {
  unspecified: "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified",
  emailAddress: "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress",
  transient: "urn:oasis:names:tc:SAML:2.0:nameid-format:transient",
  persistent: "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent",
} as const;
export const NAMEID_FORMAT_URIS = Object.values(NAMEID_FORMATS) as [string, ...string[]];

export const SIGNATURE_ALGORITHMS = ["SHA256", "SHA384", "SHA512"] as const;
export type SignatureAlgorithm = (typeof SIGNATURE_ALGORITHMS)[number];

/** User properties that can become the NameID or a SAML attribute. */
export const USER_ATTRIBUTES = {
  username: "Username",
  email: "Email address",
  realName: "Full name",
  userId: "User ID (stable, opaque)",
  groups: "Groups",
} as const;
export type UserAttribute = keyof typeof USER_ATTRIBUTES;
export const NAMEID_SOURCES = ["username", "email", "userId"] as const;
