// Applications: protect (create from the catalog), view, save, remove.
import { randomInt } from "node:crypto";
import { AppError } from "../../errors";
import { FieldErrors } from "../../validation";
import {
  deleteApplication,
  existingGroupIds,
  findApplicationById,
  findApplicationNamesStartingWith,
  findApplicationsBySpEntityId,
  insertApplication,
  listApplications,
  updateApplication,
  type ApplicationRecord,
  type ApplicationWrite,
} from "../../db/applications";
import { listGroupOptions } from "../../db/groups";
import { assertCan, audit, type Actor } from "../actor";
import { changedFields } from "../audit-diff";
import { findCatalogEntry, isApiTemplate } from "./catalog";
import { applicationFieldsSchema, applicationSettingsSchema, crossFieldIssues } from "./application-schema";
import { configChanged } from "../config-sync";
import { idpUrls } from "./idp-urls";
import { certificateInfo, splitPemCertificates } from "../../crypto/keys";
import { getTenantSettings } from "../settings/tenant-settings";
import { getSigningMaterial } from "../signing-keys/signing-keys";

/** A stored application, as the application page and its form get it. */
export type { ApplicationRecord };

const KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/** Application keys look like Duo's integration keys: "DI" and 18 random characters. */
export function newApplicationKey(): string {
  let k = "DI";
  for (let i = 0; i < 18; i++) k += KEY_ALPHABET[randomInt(KEY_ALPHABET.length)];
  return k;
}

export async function listApplicationsForConsole(actor: Actor, opts: { q?: string; sort?: string; dir?: string }) {
  assertCan(actor, "applications:view");
  const sort = opts.sort === "createdAt" ? "createdAt" : "name";
  const dir = opts.dir === "desc" ? "desc" : opts.sort ? "asc" : "asc";
  const rows = await listApplications({ sort, dir });
  const q = (opts.q ?? "").trim().toLowerCase();
  return q
    ? rows.filter((r) => r.name.toLowerCase().includes(q) || (r.spEntityId ?? "").toLowerCase().includes(q))
    : rows;
}

/** `base`, or "base 2", "base 3" … : the first that no application has (names compared ignoring case). */
export function uniqueName(base: string, taken: string[]): string {
  const used = new Set(taken.map((n) => n.toLowerCase()));
  if (!used.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) if (!used.has(`${base} ${n}`.toLowerCase())) return `${base} ${n}`;
}

export async function protectApplication(actor: Actor, catalogId: string): Promise<ApplicationRecord> {
  assertCan(actor, "applications:manage");
  const entry = findCatalogEntry(catalogId);
  if (!entry || entry.api) throw new AppError("not_found", "That application type is not in the catalog.");
  const p = entry.preset;
  const app = await insertApplication(newApplicationKey(), entry.id, {
    name: uniqueName(p.name, await findApplicationNamesStartingWith(p.name)),
    notes: null,
    spEntityId: p.spEntityId ?? null,
    acs: p.acs ?? [],
    sloUrl: p.sloUrl ?? null,
    spLoginUrl: null,
    defaultRelayState: null,
    nameIdFormat: p.nameIdFormat,
    nameIdFormatsAccepted: [],
    nameIdAttribute: p.nameIdAttribute,
    signatureAlgorithm: "SHA256",
    signResponse: true,
    signAssertion: true,
    requireSignedRequests: false,
    spCertificatePem: null,
    userAccess: "ALL",
    attributes: p.attributes,
    permittedGroupIds: [],
  });
  // A preset's Single Logout URL joins the logout pages' frame-src (getSloOrigins).
  if (app.sloUrl) await configChanged();
  await audit(actor, {
    action: "application.create",
    targetType: "application",
    targetId: app.id,
    targetLabel: app.name,
    after: { name: app.name, type: entry.name, key: app.key },
  });
  return app;
}

/** Everything the application page shows: settings, IdP URLs, the active certificate. */
export async function getApplication(actor: Actor, id: string) {
  assertCan(actor, "applications:view");
  const app = await findApplicationById(id);
  if (!app || isApiTemplate(app.template))
    throw new AppError("not_found", "That application does not exist or was removed.");
  const [{ publicBaseUrl }, material, groups, sameSp] = await Promise.all([
    getTenantSettings(),
    getSigningMaterial(),
    listGroupOptions(),
    app.spEntityId ? findApplicationsBySpEntityId(app.spEntityId, app.id) : Promise.resolve([]),
  ]);
  return {
    app,
    groups,
    /** Other applications with the same SP Entity ID: the SP's requests cannot tell them apart. */
    sameSp,
    urls: idpUrls(publicBaseUrl, app.key),
    certificate: certificateInfo(material.activeCertificatePem),
    certificatePem: material.activeCertificatePem,
    spCertificates: spCertificateSummaries(app.spCertificatePem),
  };
}

export type SpCertificateSummary = {
  subject: string;
  issuer: string;
  notAfter: string;
  expired: boolean;
  sha256Fingerprint: string;
  pem: string;
};

/** Subject, issuer, expiry and SHA-256 fingerprint of each stored SP signing certificate. */
export function spCertificateSummaries(pemBundle: string | null, now = new Date()): SpCertificateSummary[] {
  return splitPemCertificates(pemBundle).map((pem) => {
    const info = certificateInfo(pem);
    return {
      subject: info.subject.replace(/\n/g, ", "),
      issuer: info.issuer.replace(/\n/g, ", "),
      notAfter: info.notAfter.toISOString(),
      expired: info.notAfter.getTime() <= now.getTime(),
      sha256Fingerprint: info.sha256Fingerprint,
      pem,
    };
  });
}

const AUDITED: (keyof ApplicationWrite)[] = [
  "name",
  "notes",
  "spEntityId",
  "acs",
  "sloUrl",
  "spLoginUrl",
  "defaultRelayState",
  "nameIdFormat",
  "nameIdFormatsAccepted",
  "nameIdAttribute",
  "signatureAlgorithm",
  "signResponse",
  "signAssertion",
  "attributes",
  "requireSignedRequests",
  "spCertificatePem",
  "userAccess",
  "permittedGroupIds",
];

function writable(app: ApplicationRecord): ApplicationWrite {
  const { id: _id, key: _key, template: _t, createdAt: _c, updatedAt: _u, ...rest } = app;
  return rest;
}

/** Stored and submitted settings compared as sets where order means nothing (permitted groups). */
function comparable(w: ApplicationWrite): ApplicationWrite {
  return { ...w, permittedGroupIds: [...w.permittedGroupIds].sort() };
}

/**
 * Saves the settings form. Every field is checked at once (each on its own, the rules across
 * fields on the valid ones, chosen groups against the stored ones). Returns the application
 * and whether anything changed: a save without changes writes nothing and no audit entry.
 */
export async function saveApplication(
  actor: Actor,
  id: string,
  input: unknown,
): Promise<{ app: ApplicationRecord; changed: boolean }> {
  assertCan(actor, "applications:manage");
  const current = await findApplicationById(id);
  if (!current || isApiTemplate(current.template))
    throw new AppError("not_found", "That application does not exist or was removed.");
  const errors = new FieldErrors();
  const fields = errors.parseFields(applicationFieldsSchema, input);
  for (const issue of crossFieldIssues(fields)) errors.add(issue.path.join("."), issue.message);
  if (fields.userAccess === "GROUPS" && fields.permittedGroupIds?.length) {
    const known = new Set(await existingGroupIds(fields.permittedGroupIds));
    if (fields.permittedGroupIds.some((g) => !known.has(g)))
      errors.add("permittedGroupIds", "A chosen group no longer exists. Reload the page and choose again.");
  }
  errors.throwIfAny();
  const next = errors.parse(applicationSettingsSchema, input)!;
  errors.throwIfAny();
  const diff = changedFields(comparable(writable(current)), comparable(next), AUDITED);
  if (!diff) return { app: current, changed: false };
  const saved = await updateApplication(id, next);
  await configChanged();
  await audit(actor, {
    action: "application.update",
    targetType: "application",
    targetId: id,
    targetLabel: saved.name,
    ...diff,
  });
  return { app: saved, changed: true };
}

export async function removeApplication(actor: Actor, id: string): Promise<void> {
  assertCan(actor, "applications:manage");
  const current = await findApplicationById(id);
  if (!current) throw new AppError("not_found", "That application does not exist or was removed.");
  // An Admin API application acts on the whole tenant: only an Owner removes it (as at Duo).
  if (current.template === "admin-api") assertCan(actor, "applications:admin_api");
  await deleteApplication(id);
  await configChanged();
  await audit(actor, {
    action: "application.remove",
    targetType: "application",
    targetId: id,
    targetLabel: current.name,
    before: { name: current.name, key: current.key, spEntityId: current.spEntityId },
  });
}
