// Settings > Authentication Sources: the built-in password store and any number of SAML 2.0
// identity providers. Adding or editing one takes its metadata (an uploaded file or its URL,
// fetched through the guarded outbound fetch) or typed Entity ID, SSO URL and certificates;
// attribute mapping (the identifier: NameID or an attribute, matched by email, username or
// alias), just-in-time creation into groups, and the email domains routed to it. Every change
// is validated as a whole, audited, and never loses what is stored on a refusal.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { AppError } from "../../errors";
import {
  deleteAuthSource,
  findApplicationSourceChoice,
  findAuthSourceById,
  findApplicationsUsingSource,
  findTakenDomains,
  insertAuthSource,
  listAuthSources,
  updateApplicationSourceChoice,
  updateAuthSource,
  type AuthSourceInput,
  type AuthSourceRecord,
} from "../../db/auth-sources";
import { findApplicationById } from "../../db/applications";
import { listGroupOptions } from "../../db/groups";
import { writeSettings } from "../../db/settings";
import { NAMEID_FORMATS, parseIdpMetadata, readPemCertificates } from "../../saml";
import { httpUrlField, nameField, validateAll } from "../../validation";
import { assertCan, audit, type Actor } from "../actor";
import { fetchMetadata } from "../applications/import-sp-metadata";
import { getSigningMaterial } from "../signing-keys/signing-keys";
import { getTenantSettings } from "../settings/tenant-settings";
import { DEFAULT_SOURCE_SETTING, getDefaultSourceId, sourceUrls } from "./upstream-sign-in";

/** The claim URIs Entra ID and AD FS send, offered in the attribute fields. */
export const CLAIM_URIS = [
  {
    uri: "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
    label: "Email address (Entra ID, AD FS)",
  },
  { uri: "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn", label: "UPN (AD FS)" },
  { uri: "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name", label: "Name (Entra ID: the UPN)" },
  { uri: "http://schemas.microsoft.com/identity/claims/displayname", label: "Display name (Entra ID)" },
  { uri: "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname", label: "Given name" },
  { uri: "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname", label: "Surname" },
] as const;

export const MATCH_BY = { EMAIL: "Email address", USERNAME: "Username", ALIAS: "Alias" } as const;

const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const ATTRIBUTE = z.string().trim().max(512, "An attribute name has at most 512 characters.");

const sourceSchema = z.object({
  name: nameField("name", 80),
  enabled: z.boolean(),
  idpEntityId: z
    .string()
    .trim()
    .min(1, "Enter the identity provider's Entity ID.")
    .max(1024, "The Entity ID has at most 1024 characters."),
  ssoUrl: httpUrlField("Single Sign-On URL"),
  certificatesPem: z.string().trim().min(1, "Paste the identity provider's signing certificate (PEM)."),
  nameIdFormat: z
    .string()
    .refine((v) => v === "" || NAMEID_FORMATS.includes(v), "Choose a NameID format from the list."),
  identifierAttribute: ATTRIBUTE.min(1, "Choose NameID or enter the attribute that identifies the user."),
  matchBy: z.enum(["EMAIL", "USERNAME", "ALIAS"], { message: "Choose how users are matched." }),
  emailAttribute: ATTRIBUTE,
  realNameAttribute: ATTRIBUTE,
  jitEnabled: z.boolean(),
  jitGroupIds: z.array(z.string()).max(100),
  domains: z.string().max(4000, "List at most a few hundred domains."),
});

export type SourceForm = Record<string, string | string[] | undefined>;

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[v.length - 1] ?? "") : (v ?? ""));
const many = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v ? [v] : []);

/** Domains typed in a text field (comma, space or new line separated), lowercase, each checked. */
export function parseDomains(text: string): { domains: string[]; bad?: string } {
  const domains = [
    ...new Set(
      text
        .split(/[\s,;]+/)
        .map((d) => d.trim().toLowerCase().replace(/^@/, ""))
        .filter(Boolean),
    ),
  ];
  const bad = domains.find((d) => !DOMAIN.test(d));
  return { domains, bad };
}

export type SourceView = AuthSourceRecord & {
  sp: { entityId: string; acsUrl: string; metadataUrl: string; downloadUrl: string };
  certificateCount: number;
  applications: string[];
};

async function view(source: AuthSourceRecord): Promise<SourceView> {
  const { publicBaseUrl } = await getTenantSettings();
  const urls = sourceUrls(publicBaseUrl, source.key);
  let certificateCount = 0;
  try {
    certificateCount = readPemCertificates(source.certificatesPem).length;
  } catch {
    certificateCount = 0;
  }
  return {
    ...source,
    sp: { ...urls, downloadUrl: `/saml2/sp/${encodeURIComponent(source.key)}/metadata?download=1` },
    certificateCount,
    applications: await findApplicationsUsingSource(source.id),
  };
}

export async function listSourcesForConsole(actor: Actor) {
  assertCan(actor, "settings:view");
  const [sources, defaultSourceId, groups] = await Promise.all([
    listAuthSources(),
    getDefaultSourceId(),
    listGroupOptions(),
  ]);
  return { sources: await Promise.all(sources.map(view)), defaultSourceId, groups };
}

export async function getSourceForConsole(actor: Actor, id: string) {
  assertCan(actor, "settings:view");
  const source = await findAuthSourceById(id);
  if (!source) return null;
  const [groups, defaultSourceId, material] = await Promise.all([
    listGroupOptions(),
    getDefaultSourceId(),
    getSigningMaterial(),
  ]);
  return {
    source: await view(source),
    groups,
    isDefault: defaultSourceId === id,
    signingCertificatePem: material.activeCertificatePem,
  };
}

/** The metadata's values over the typed ones (file or URL; the URL is kept). */
async function fromMetadata(form: SourceForm, metadata: { xml?: string; url?: string }): Promise<SourceForm> {
  if (!metadata.xml?.trim() && !metadata.url?.trim()) return form;
  let xml: string;
  if (metadata.url?.trim()) xml = await fetchMetadata(metadata.url.trim());
  else xml = metadata.xml!;
  let parsed;
  try {
    parsed = parseIdpMetadata(xml);
  } catch (e) {
    const field = metadata.url?.trim() ? "metadataUrl" : "metadataFile";
    if (e instanceof AppError) throw new AppError("validation", e.message, { fieldErrors: { [field]: e.message } });
    throw e;
  }
  return {
    ...form,
    idpEntityId: parsed.entityId,
    ssoUrl: parsed.ssoUrl,
    certificatesPem: parsed.certificates.join("\n"),
    ...(metadata.url?.trim() ? { metadataUrl: metadata.url.trim() } : {}),
  };
}

async function validate(
  form: SourceForm,
  exceptId?: string,
): Promise<AuthSourceInput & { metadataUrl: string | null }> {
  const input = {
    name: one(form.name),
    enabled: one(form.enabled) === "on" || one(form.enabled) === "true",
    idpEntityId: one(form.idpEntityId),
    ssoUrl: one(form.ssoUrl),
    certificatesPem: one(form.certificatesPem),
    nameIdFormat: one(form.nameIdFormat),
    identifierAttribute: one(form.identifierAttribute) || "NameID",
    matchBy: one(form.matchBy) || "EMAIL",
    emailAttribute: one(form.emailAttribute),
    realNameAttribute: one(form.realNameAttribute),
    jitEnabled: one(form.jitEnabled) === "on" || one(form.jitEnabled) === "true",
    jitGroupIds: many(form.jitGroupIds).filter(Boolean),
    domains: one(form.domains),
  };
  let certificates: string[] = [];
  let domains: string[] = [];
  const data = await validateAll(sourceSchema, input, async (fields, errors) => {
    if (fields.certificatesPem !== undefined) {
      try {
        certificates = readPemCertificates(fields.certificatesPem);
        if (certificates.length === 0)
          errors.add("certificatesPem", "Paste the identity provider's signing certificate (PEM).");
      } catch (e) {
        errors.add("certificatesPem", e instanceof AppError ? e.message : "The certificate cannot be read.");
      }
    }
    if (fields.domains !== undefined) {
      const parsed = parseDomains(fields.domains);
      if (parsed.bad) errors.add("domains", `"${parsed.bad.slice(0, 80)}" is not a domain name like example.com.`);
      else {
        domains = parsed.domains;
        const taken = await findTakenDomains(domains, exceptId);
        if (taken.length) errors.add("domains", `Already routed to another source: ${taken.join(", ")}.`);
      }
    }
    if (fields.jitGroupIds?.length) {
      const known = new Set((await listGroupOptions()).map((g) => g.id));
      if (fields.jitGroupIds.some((g) => !known.has(g))) errors.add("jitGroupIds", "A chosen group no longer exists.");
    }
    const { sources } = { sources: await listAuthSources() };
    if (
      fields.name &&
      sources.some((s) => s.id !== exceptId && s.name.trim().toLowerCase() === fields.name!.trim().toLowerCase())
    )
      errors.add("name", "Another authentication source has this name.");
  });
  const metadataUrl = one(form.metadataUrl).trim();
  return {
    name: data.name,
    enabled: data.enabled,
    idpEntityId: data.idpEntityId,
    ssoUrl: data.ssoUrl,
    certificatesPem: certificates.join("\n"),
    metadataUrl: metadataUrl || null,
    nameIdFormat: data.nameIdFormat || null,
    identifierAttribute: data.identifierAttribute,
    matchBy: data.matchBy,
    emailAttribute: data.emailAttribute || null,
    realNameAttribute: data.realNameAttribute || null,
    jitEnabled: data.jitEnabled,
    jitGroupIds: [...new Set(data.jitGroupIds)],
    domains,
  };
}

/** A URL-safe key from the name, with a random suffix (it appears in Portcullis's SP URLs). */
const newKey = (name: string) =>
  `${
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 24) || "source"
  }-${randomBytes(3).toString("hex")}`;

/** Adds a SAML identity provider. */
export async function createSource(actor: Actor, form: SourceForm, metadata: { xml?: string; url?: string } = {}) {
  assertCan(actor, "settings:manage");
  const data = await validate(await fromMetadata(form, metadata));
  const created = await insertAuthSource(newKey(data.name), data);
  await audit(actor, {
    action: "auth_source.create",
    targetType: "auth_source",
    targetId: created.id,
    targetLabel: created.name,
    after: JSON.stringify(auditable(created)),
  });
  return created;
}

/** Saves a source's settings (or re-imports its metadata). */
export async function saveSource(
  actor: Actor,
  id: string,
  form: SourceForm,
  metadata: { xml?: string; url?: string } = {},
) {
  assertCan(actor, "settings:manage");
  const current = await findAuthSourceById(id);
  if (!current) throw new AppError("not_found", "That authentication source does not exist or was removed.");
  const data = await validate(await fromMetadata(form, metadata), id);
  const before = auditable(current);
  const saved = await updateAuthSource(id, data);
  const after = auditable(saved);
  const changed = JSON.stringify(before) !== JSON.stringify(after);
  if (changed)
    await audit(actor, {
      action: "auth_source.update",
      targetType: "auth_source",
      targetId: id,
      targetLabel: saved.name,
      before: JSON.stringify(before),
      after: JSON.stringify(after),
    });
  return { source: saved, changed };
}

export async function removeSource(actor: Actor, id: string): Promise<void> {
  assertCan(actor, "settings:manage");
  const current = await findAuthSourceById(id);
  if (!current) throw new AppError("not_found", "That authentication source does not exist or was removed.");
  if ((await getDefaultSourceId()) === id)
    throw new AppError("validation", "This source is the tenant default. Choose another default source first.");
  await deleteAuthSource(id);
  await audit(actor, {
    action: "auth_source.delete",
    targetType: "auth_source",
    targetId: id,
    targetLabel: current.name,
  });
}

/** The tenant default: null = built-in passwords. */
export async function setDefaultSource(actor: Actor, sourceId: string | null): Promise<{ changed: boolean }> {
  assertCan(actor, "settings:manage");
  const current = await getDefaultSourceId();
  if (sourceId) {
    const s = await findAuthSourceById(sourceId);
    if (!s)
      throw new AppError("validation", "Choose an authentication source from the list.", {
        fieldErrors: { defaultSource: "Choose an authentication source from the list." },
      });
    if (!s.enabled)
      throw new AppError("validation", "A disabled source cannot be the default.", {
        fieldErrors: { defaultSource: "Enable the source first." },
      });
  }
  if (current === sourceId) return { changed: false };
  await writeSettings({ [DEFAULT_SOURCE_SETTING]: sourceId });
  await audit(actor, {
    action: "settings.update",
    targetType: "settings",
    targetLabel: "Default authentication source",
    before: JSON.stringify({ defaultSource: current }),
    after: JSON.stringify({ defaultSource: sourceId }),
  });
  return { changed: true };
}

/** The application's choice as the console's select names it (DEFAULT, BUILTIN or a source id), and the sources. */
export async function applicationSourceOptions(actor: Actor, applicationId: string) {
  assertCan(actor, "applications:view");
  const [choice, sources] = await Promise.all([findApplicationSourceChoice(applicationId), listAuthSources()]);
  const current = choice?.mode === "SOURCE" && choice.sourceId ? choice.sourceId : (choice?.mode ?? "DEFAULT");
  return { current, sources: sources.map((s) => ({ id: s.id, name: s.name })) };
}

/** An application's source: the tenant default, built-in passwords, or one source. */
export async function setApplicationSource(
  actor: Actor,
  applicationId: string,
  choice: string,
): Promise<{ changed: boolean }> {
  assertCan(actor, "applications:manage");
  const app = await findApplicationById(applicationId);
  if (!app) throw new AppError("not_found", "That application does not exist or was removed.");
  const mode = choice === "DEFAULT" || choice === "BUILTIN" ? choice : "SOURCE";
  const sourceId = mode === "SOURCE" ? choice : null;
  if (sourceId && !(await findAuthSourceById(sourceId)))
    throw new AppError("validation", "Choose an authentication source from the list.", {
      fieldErrors: { authSource: "Choose an authentication source from the list." },
    });
  await updateApplicationSourceChoice(applicationId, { mode, sourceId });
  await audit(actor, {
    action: "application.update",
    targetType: "application",
    targetId: applicationId,
    targetLabel: app.name,
    after: JSON.stringify({ authenticationSource: choice }),
  });
  return { changed: true };
}

/** What the Administrator Log keeps of a source (no certificates' bodies: their count). */
function auditable(s: AuthSourceRecord) {
  const { certificatesPem, createdAt: _c, updatedAt: _u, ...rest } = s;
  return { ...rest, certificates: (certificatesPem.match(/BEGIN CERTIFICATE/g) ?? []).length };
}
