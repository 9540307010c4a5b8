// "Protect an Application": the catalog of application types. Each entry fills the same
// Generic SAML Service Provider form with what the product's own documentation asks for.
import { BINDING_POST, NAMEID_FORMATS, type UserAttribute } from "./saml-options";

export type ApplicationPreset = {
  name: string;
  spEntityId?: string;
  acs?: { index: number; url: string; binding: string; isDefault: boolean }[];
  sloUrl?: string;
  nameIdFormat: string;
  nameIdAttribute: "username" | "email" | "userId";
  attributes: { source: UserAttribute; samlName: string }[];
};

export type CatalogEntry = {
  id: string;
  /** Admin API / Auth API entries: an API application (integration key and secret key), not SAML. */
  api?: ApiTemplate;
  name: string;
  protectionType: string;
  description: string;
  /** Shown on the new application's page: what the administrator does next. */
  nextStep: string;
  preset: ApplicationPreset;
};

export const PROTECTION_TYPE = "2FA with SSO hosted by Portcullis";
export const API_PROTECTION_TYPE = "API";

/** Templates of the API applications (README "Admin API and Auth API"). */
export const API_TEMPLATES = ["admin-api", "auth-api"] as const;
export type ApiTemplate = (typeof API_TEMPLATES)[number];
export const isApiTemplate = (t: string): t is ApiTemplate => (API_TEMPLATES as readonly string[]).includes(t);

const NO_SAML: ApplicationPreset = {
  name: "",
  nameIdFormat: NAMEID_FORMATS.unspecified,
  nameIdAttribute: "username",
  attributes: [],
};

export const CATALOG: readonly CatalogEntry[] = [
  {
    id: "generic-saml",
    name: "Generic SAML Service Provider",
    protectionType: PROTECTION_TYPE,
    description: "Any service provider that supports SAML 2.0 single sign-on.",
    nextStep:
      "Fill in the Service Provider section with your service provider's Entity ID and Assertion Consumer Service (ACS) URL, or import its metadata, then Save.",
    preset: {
      name: "Generic SAML Service Provider",
      nameIdFormat: NAMEID_FORMATS.unspecified,
      nameIdAttribute: "username",
      attributes: [],
    },
  },
  {
    id: "cisco-secure-email-encryption",
    name: "Cisco Secure Email Encryption Service",
    protectionType: PROTECTION_TYPE,
    description: "Cisco Secure Email Encryption Service (formerly Cisco Registered Envelope Service, CRES).",
    nextStep:
      "In the CRES portal set SSO Service Provider Entity ID to https://res.cisco.com/, paste the Single Sign-On URL as SSO Customer Service URL, set SSO Alternate Email Attribute Name to email (the transient NameID is an opaque one-time value), and upload the certificate from Download certificate.",
    preset: {
      name: "Cisco Secure Email Encryption Service",
      spEntityId: "https://res.cisco.com/",
      acs: [{ index: 1, url: "https://res.cisco.com/websafe/ssourl", binding: BINDING_POST, isDefault: true }],
      nameIdFormat: NAMEID_FORMATS.transient,
      nameIdAttribute: "email",
      attributes: [{ source: "email", samlName: "email" }],
    },
  },
  {
    id: "mailroute",
    name: "MailRoute",
    protectionType: PROTECTION_TYPE,
    description: "MailRoute email filtering control panel (native SAML2 integration).",
    nextStep:
      "In MailRoute's Control Panel choose External Authentication > SAML2, tick Enabled, paste the Metadata URL and Save.",
    preset: {
      name: "MailRoute",
      spEntityId: "https://admin.mailroute.net/saml2/metadata/",
      acs: [{ index: 1, url: "https://admin.mailroute.net/saml2/acs/", binding: BINDING_POST, isDefault: true }],
      sloUrl: "https://admin.mailroute.net/saml2/ls/",
      nameIdFormat: NAMEID_FORMATS.emailAddress,
      nameIdAttribute: "email",
      attributes: [],
    },
  },
  {
    id: "webex-control-hub",
    name: "Webex Control Hub",
    protectionType: PROTECTION_TYPE,
    description: "Cisco Webex single sign-on for Control Hub, Webex App and Webex Meetings.",
    nextStep:
      "Download the Webex metadata file (idb-meta-<org-ID>-SP.xml) from Control Hub and import it under Service Provider, then Save. Webex identifies users by the uid attribute.",
    preset: {
      name: "Webex Control Hub",
      nameIdFormat: NAMEID_FORMATS.transient,
      nameIdAttribute: "email",
      attributes: [{ source: "email", samlName: "uid" }],
    },
  },
  {
    id: "admin-api",
    api: "admin-api",
    name: "Admin API",
    protectionType: API_PROTECTION_TYPE,
    description:
      "Programmatic administration with Duo's Admin API clients: users, groups, bypass codes, applications and the logs.",
    nextStep:
      "Generate the secret key, choose the permissions this application needs, Save, then give the integration key, secret key and API hostname to the script or client.",
    preset: { ...NO_SAML, name: "Admin API" },
  },
  {
    id: "auth-api",
    api: "auth-api",
    name: "Auth API",
    protectionType: API_PROTECTION_TYPE,
    description:
      "Two-factor authentication for your own applications and for SSH and console logins (Duo's Auth API, login_duo and pam_duo).",
    nextStep:
      "Generate the secret key and give the integration key, secret key and API hostname to your application, login_duo or pam_duo.",
    preset: { ...NO_SAML, name: "Auth API" },
  },
];

export function findCatalogEntry(id: string): CatalogEntry | undefined {
  return CATALOG.find((c) => c.id === id);
}

/** Case-insensitive search over name, description and protection type. */
export function searchCatalog(query: string): CatalogEntry[] {
  const q = query.trim().toLowerCase();
  if (!q) return [...CATALOG];
  return CATALOG.filter((c) => `${c.name} ${c.description} ${c.protectionType}`.toLowerCase().includes(q));
}
