// Validation of an application's settings, shared by the console form and the service.
import { X509Certificate } from "node:crypto";
import { z } from "zod";
import { splitPemCertificates } from "../../crypto/keys";
import type { ApplicationRecord } from "../../db/applications";
import { httpUrlField } from "../../validation";
import {
  BINDING_POST,
  NAMEID_FORMAT_URIS,
  NAMEID_SOURCES,
  SIGNATURE_ALGORITHMS,
  USER_ATTRIBUTES,
  type UserAttribute,
} from "./saml-options";

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `The ${label} has at most ${max} characters.`)
    .transform((v) => (v === "" ? null : v));

const optionalUrl = (label: string) =>
  z
    .string()
    .trim()
    .transform((v) => (v === "" ? null : v))
    // nullable(), not a union with z.null(): a union reports "Invalid input" instead of the URL message.
    .pipe(httpUrlField(label).nullable());

const checkbox = z
  .union([z.boolean(), z.enum(["on", "true", "false", ""])])
  .transform((v) => v === true || v === "on" || v === "true");

/** SAML entityID: a URI of at most 1024 characters without white space. */
export const entityIdField = z
  .string()
  .trim()
  .min(1, "Enter the service provider's Entity ID.")
  .max(1024, "The Entity ID has at most 1024 characters.")
  .refine((v) => !/\s/.test(v), "The Entity ID cannot contain spaces.")
  .refine(
    (v) => /^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(v),
    "The Entity ID must be a URI, e.g. https://sp.example.com/metadata or urn:example:sp.",
  );

export const acsRowSchema = z.object({
  index: z.coerce
    .number({ message: "The index must be a number." })
    .int("The index must be a whole number.")
    .min(0, "The index cannot be negative.")
    .max(65535, "The index is at most 65535."),
  url: httpUrlField("ACS URL"),
  binding: z.literal(BINDING_POST, { message: "Portcullis sends responses with the HTTP-POST binding." }),
  isDefault: checkbox,
});

export const attributeRowSchema = z.object({
  source: z.enum(Object.keys(USER_ATTRIBUTES) as [UserAttribute, ...UserAttribute[]], {
    message: "Choose a user attribute.",
  }),
  samlName: z
    .string()
    .trim()
    .min(1, "Enter the SAML attribute name.")
    .max(256, "The attribute name has at most 256 characters.")
    .refine((v) => !/[\u0000-\u001f<>]/.test(v), "The attribute name cannot contain control characters or < >."),
});

/** At most this many SP signing certificates (a key rollover needs two or three). */
export const MAX_SP_CERTIFICATES = 10;

/** One or more PEM certificates, stored normalized one after another. */
const pemField = z
  .string()
  .trim()
  .max(16384 * MAX_SP_CERTIFICATES, "The certificates are too long.")
  .transform((v, ctx) => {
    if (v === "") return null;
    const blocks = (v.match(/-----BEGIN CERTIFICATE-----/g) ?? []).length;
    const pems = splitPemCertificates(v);
    const readable = pems.every((pem) => {
      try {
        new X509Certificate(pem);
        return true;
      } catch {
        return false;
      }
    });
    if (pems.length === 0 || pems.length !== blocks || !readable) {
      ctx.addIssue({
        code: "custom",
        message: "Paste one or more PEM certificates (-----BEGIN CERTIFICATE----- …), each one complete.",
      });
      return z.NEVER;
    }
    if (pems.length > MAX_SP_CERTIFICATES) {
      ctx.addIssue({ code: "custom", message: `At most ${MAX_SP_CERTIFICATES} certificates.` });
      return z.NEVER;
    }
    return [...new Set(pems)].join("");
  });

/** Every field of the settings form, each checked on its own. */
export const applicationFieldsSchema = z.object({
  name: z.string().trim().min(1, "Enter a name for the application.").max(100, "The name has at most 100 characters."),
  notes: optionalText(2000, "notes"),
  spEntityId: entityIdField,
  acs: z
    .array(acsRowSchema)
    .min(1, "Add at least one Assertion Consumer Service (ACS) URL.")
    .max(32, "At most 32 ACS URLs."),
  sloUrl: optionalUrl("Single Logout URL"),
  spLoginUrl: optionalUrl("Service Provider Login URL"),
  defaultRelayState: optionalText(1024, "default relay state").refine(
    (v) => v === null || Buffer.byteLength(v) <= 80,
    "The default relay state is at most 80 bytes (SAML bindings limit RelayState to 80 bytes).",
  ),
  nameIdFormat: z.enum(NAMEID_FORMAT_URIS, { message: "Choose a NameID format." }),
  nameIdFormatsAccepted: z
    .array(z.enum(NAMEID_FORMAT_URIS, { message: "Choose NameID formats from the list." }))
    .max(NAMEID_FORMAT_URIS.length)
    .default([]),
  nameIdAttribute: z.enum(NAMEID_SOURCES, { message: "Choose the NameID attribute." }),
  signatureAlgorithm: z.enum(SIGNATURE_ALGORITHMS, { message: "Choose a signature algorithm." }),
  signResponse: checkbox,
  signAssertion: checkbox,
  attributes: z.array(attributeRowSchema).max(50, "At most 50 attributes."),
  requireSignedRequests: checkbox,
  spCertificatePem: pemField,
  userAccess: z.enum(["ALL", "GROUPS"], { message: "Choose who may use the application." }),
  permittedGroupIds: z.array(z.string().min(1).max(64)).max(200),
});
type ApplicationFields = z.output<typeof applicationFieldsSchema>;

/**
 * The rules across fields (duplicate ACS URLs and indexes, one default, distinct attribute
 * names, something signed, a certificate when requests must be signed, a group when access
 * is limited), on whichever fields are valid, so that they are reported together with the
 * other fields' errors.
 */
export function crossFieldIssues(v: Partial<ApplicationFields>): { path: (string | number)[]; message: string }[] {
  const issues: { path: (string | number)[]; message: string }[] = [];
  if (v.acs) {
    const urls = new Set<string>();
    const indexes = new Set<number>();
    v.acs.forEach((row, i) => {
      if (urls.has(row.url)) issues.push({ path: ["acs", i, "url"], message: "This ACS URL is already listed." });
      if (indexes.has(row.index))
        issues.push({ path: ["acs", i, "index"], message: "Each ACS URL needs its own index." });
      urls.add(row.url);
      indexes.add(row.index);
    });
    const defaults = v.acs.filter((r) => r.isDefault).length;
    if (v.acs.length > 1 && defaults !== 1)
      issues.push({ path: ["acs"], message: "Mark exactly one ACS URL as the default." });
  }
  if (v.attributes) {
    const names = new Set<string>();
    v.attributes.forEach((row, i) => {
      if (names.has(row.samlName))
        issues.push({ path: ["attributes", i, "samlName"], message: "This attribute name is already mapped." });
      names.add(row.samlName);
    });
  }
  if (v.signResponse === false && v.signAssertion === false)
    issues.push({
      path: ["signAssertion"],
      message: "Sign the response, the assertion, or both: unsigned responses are never sent.",
    });
  if (v.requireSignedRequests && v.spCertificatePem === null)
    issues.push({
      path: ["spCertificatePem"],
      message: "Paste the service provider's signing certificate to require signed requests.",
    });
  if (v.userAccess === "GROUPS" && v.permittedGroupIds?.length === 0)
    issues.push({ path: ["permittedGroupIds"], message: "Choose at least one permitted group." });
  return issues;
}

export const applicationSettingsSchema = applicationFieldsSchema
  .superRefine((v, ctx) => {
    for (const issue of crossFieldIssues(v)) ctx.addIssue({ code: "custom", ...issue });
  })
  .transform((v) => ({
    ...v,
    // With one ACS URL it is the default.
    acs: v.acs.length === 1 ? v.acs.map((r) => ({ ...r, isDefault: true })) : v.acs,
    permittedGroupIds: v.userAccess === "GROUPS" ? [...new Set(v.permittedGroupIds)] : [],
    // The default format is answered anyway; the others keep the list's order.
    nameIdFormatsAccepted: NAMEID_FORMAT_URIS.filter(
      (f) => f !== v.nameIdFormat && v.nameIdFormatsAccepted.includes(f),
    ),
  }));

export type ApplicationSettingsInput = z.input<typeof applicationSettingsSchema>;
export type ApplicationSettings = z.output<typeof applicationSettingsSchema>;

/** A stored application as the settings form submits it unchanged (empty strings for unset fields). */
export function applicationSettingsInput(app: ApplicationRecord) {
  return {
    name: app.name,
    notes: app.notes ?? "",
    spEntityId: app.spEntityId ?? "",
    acs: app.acs,
    sloUrl: app.sloUrl ?? "",
    spLoginUrl: app.spLoginUrl ?? "",
    defaultRelayState: app.defaultRelayState ?? "",
    nameIdFormat: app.nameIdFormat,
    nameIdFormatsAccepted: app.nameIdFormatsAccepted,
    nameIdAttribute: app.nameIdAttribute,
    signatureAlgorithm: app.signatureAlgorithm,
    signResponse: app.signResponse,
    signAssertion: app.signAssertion,
    attributes: app.attributes,
    requireSignedRequests: app.requireSignedRequests,
    spCertificatePem: app.spCertificatePem ?? "",
    userAccess: app.userAccess,
    permittedGroupIds: app.permittedGroupIds,
  };
}
