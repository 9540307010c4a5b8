// SAML options an administrator chooses per application (bindings, NameID formats, algorithms).

// The protocol's own constants (lib/saml/constants has no server-only imports, so the
// console's client components can use these too).
import {
  BINDING,
  NAMEID_FORMAT,
  SIGNATURE_ALGORITHMS as ALGORITHMS,
  type SignatureAlgorithm,
} from "../../saml/constants";

export const BINDING_POST = BINDING.post;

export const NAMEID_FORMATS = NAMEID_FORMAT;
export const NAMEID_FORMAT_URIS = Object.values(NAMEID_FORMAT) as [string, ...string[]];

export const SIGNATURE_ALGORITHMS = Object.keys(ALGORITHMS) as [SignatureAlgorithm, ...SignatureAlgorithm[]];
export type { SignatureAlgorithm };

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
