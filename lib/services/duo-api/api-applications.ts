// Admin API and Auth API applications: created from "Protect an Application" like the SAML
// ones (an Application row whose `key` is the integration key), with a secret key that is
// shown once and stored sealed, "Reset secret key", and for the Admin API the permission
// checkboxes. Duo's rule for who may do what: any role that manages applications protects
// and edits an Auth API application; an Admin API application (it acts on the whole tenant)
// is created, edited, reset and removed by Owners only (permission applications:admin_api).
import { randomInt } from "node:crypto";
import { z } from "zod";
import { AppError } from "../../errors";
import { parseOrThrow } from "../../validation";
import { sealSecret, unsealSecret } from "../../crypto/secrets";
import { env } from "../../env";
import {
  findApplicationById,
  findApplicationByKey,
  findSealedSecretKey,
  insertApplication,
  updateApiApplication,
  type ApplicationRecord,
} from "../../db/applications";
import { parseGrants, serializeGrants, ADMIN_API_GRANTS, type AdminApiGrant } from "../../duo-api/grants";
import { assertCan, audit, type Actor } from "../actor";
import { changedFields } from "../audit-diff";
import { configChanged } from "../config-sync";
import { newApplicationKey } from "../applications/manage-applications";
import { isApiTemplate, type ApiTemplate } from "../applications/catalog";
import { getTenantSettings } from "../settings/tenant-settings";

export { isApiTemplate, type ApiTemplate };

const SECRET_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
/** 40 characters like Duo's secret keys (~238 bits). */
export function newSecretKey(): string {
  let s = "";
  for (let i = 0; i < 40; i++) s += SECRET_ALPHABET[randomInt(SECRET_ALPHABET.length)];
  return s;
}

const sealContext = (applicationId: string) => `api-secret-key:${applicationId}`;

/** The API hostname clients are configured with (README "Admin API and Auth API"). */
export async function apiHostname(): Promise<string> {
  const configured = env().PORTCULLIS_API_HOSTNAME;
  if (configured) return configured.toLowerCase();
  return new URL((await getTenantSettings()).publicBaseUrl).host.toLowerCase();
}

/** Host names a signature may name: the API hostname with and without its port. */
export async function signedHostCandidates(): Promise<string[]> {
  const host = await apiHostname();
  return [...new Set([host, host.replace(/:\d+$/, "")])];
}

function assertManage(actor: Actor, template: ApiTemplate) {
  assertCan(actor, "applications:manage");
  if (template === "admin-api") assertCan(actor, "applications:admin_api");
}

export type ApiApplicationView = {
  app: ApplicationRecord;
  template: ApiTemplate;
  apiHostname: string;
  grants: AdminApiGrant[];
  secretKeySetAt: Date | null;
};

async function requireApiApplication(id: string): Promise<ApplicationRecord & { template: ApiTemplate }> {
  const app = typeof id === "string" && id.length <= 64 ? await findApplicationById(id) : null;
  if (!app || !isApiTemplate(app.template))
    throw new AppError("not_found", "That application does not exist or was removed.");
  return app as ApplicationRecord & { template: ApiTemplate };
}

/**
 * Protect an Admin API or Auth API application. It has no secret key yet: "Generate secret
 * key" on its page shows one once (resetSecretKey), so the key never travels in a redirect.
 */
export async function protectApiApplication(actor: Actor, template: ApiTemplate): Promise<ApplicationRecord> {
  assertManage(actor, template);
  const name = template === "admin-api" ? "Admin API" : "Auth API";
  const app = await insertApplication(newApplicationKey(), template, {
    name,
    notes: null,
    spEntityId: null,
    acs: [],
    sloUrl: null,
    spLoginUrl: null,
    defaultRelayState: null,
    nameIdFormat: "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified",
    nameIdAttribute: "username",
    nameIdFormatsAccepted: [],
    signatureAlgorithm: "SHA256",
    signResponse: true,
    signAssertion: true,
    requireSignedRequests: false,
    spCertificatePem: null,
    userAccess: "ALL",
    attributes: [],
    permittedGroupIds: [],
  });
  await audit(actor, {
    action: "application.create",
    targetType: "application",
    targetId: app.id,
    targetLabel: app.name,
    after: { name: app.name, type: name, key: app.key },
  });
  return app;
}

export async function getApiApplication(actor: Actor, id: string): Promise<ApiApplicationView> {
  assertCan(actor, "applications:view");
  const app = await requireApiApplication(id);
  return {
    app,
    template: app.template,
    apiHostname: await apiHostname(),
    grants: parseGrants(app.apiGrants),
    secretKeySetAt: app.secretKeySetAt,
  };
}

/** A new secret key (the first, or a replacement: the old one stops working at once). Returned this once. */
export async function resetSecretKey(actor: Actor, id: string): Promise<string> {
  const app = await requireApiApplication(id);
  assertManage(actor, app.template);
  const secretKey = newSecretKey();
  await updateApiApplication(app.id, {
    secretKeySealed: sealSecret(secretKey, sealContext(app.id)),
    secretKeySetAt: new Date(),
  });
  await configChanged();
  await audit(actor, {
    action: app.secretKeySetAt ? "application.secret_key_reset" : "application.secret_key_create",
    targetType: "application",
    targetId: app.id,
    targetLabel: app.name,
    after: { key: app.key, secretKey: "(new, not logged)" },
  });
  return secretKey;
}

export const apiApplicationSchema = z.object({
  name: z.string().trim().min(1, "Enter a name.").max(100, "The name has at most 100 characters."),
  notes: z
    .string()
    .trim()
    .max(1000, "Notes have at most 1000 characters.")
    .transform((v) => v || null),
  grants: z
    .array(z.enum(ADMIN_API_GRANTS, "Choose permissions from the list."))
    .max(ADMIN_API_GRANTS.length)
    .default([]),
});

/** Saves name, notes and (Admin API) permissions; false when nothing changed (nothing written, no audit entry). */
export async function saveApiApplication(actor: Actor, id: string, input: unknown): Promise<boolean> {
  const app = await requireApiApplication(id);
  assertManage(actor, app.template);
  const data = parseOrThrow(apiApplicationSchema, input);
  const before = { name: app.name, notes: app.notes, permissions: parseGrants(app.apiGrants) };
  const grants = app.template === "admin-api" ? serializeGrants(data.grants) : null;
  const after = { name: data.name, notes: data.notes, permissions: parseGrants(grants) };
  const diff = changedFields(before, after, ["name", "notes", "permissions"]);
  if (!diff) return false;
  await updateApiApplication(app.id, { name: data.name, notes: data.notes, apiGrants: grants });
  await configChanged();
  await audit(actor, {
    action: "application.update",
    targetType: "application",
    targetId: app.id,
    targetLabel: data.name,
    ...diff,
  });
  return true;
}

// ------------------------------------------------------------------ requests

export type ApiCredentialRecord = {
  id: string;
  key: string;
  name: string;
  template: ApiTemplate;
  grants: AdminApiGrant[];
  userAccess: string;
  permittedGroupIds: string[];
  secretKey: string;
};

/** The API application holding `integrationKey` with its secret key unsealed, or null. */
export async function findApiCredentials(
  integrationKey: string,
  template: ApiTemplate,
): Promise<ApiCredentialRecord | null> {
  if (!/^DI[A-Z0-9]{18}$/.test(integrationKey)) return null;
  const app = await findApplicationByKey(integrationKey);
  if (!app || app.template !== template) return null;
  const sealed = await findSealedSecretKey(app.id);
  if (!sealed) return null;
  let secretKey: string;
  try {
    secretKey = unsealSecret(sealed, sealContext(app.id));
  } catch {
    return null; // sealed with another key: unusable, fail closed
  }
  return {
    id: app.id,
    key: app.key,
    name: app.name,
    template,
    grants: parseGrants(app.apiGrants),
    userAccess: app.userAccess,
    permittedGroupIds: app.permittedGroupIds,
    secretKey,
  };
}
