// Trusted Endpoints integrations: Management Tools (a device inventory, uploaded or typed by
// administrators, or replaced by the management tool through the device API) and the
// Enabled toggle shared with Cisco Secure Endpoint.
//
// Trust: an endpoint is trusted when its device identifier is in the inventory of an
// enabled Management Tools integration (issuing a device certificate for an integration
// puts the device in its inventory). A device is in at most one inventory.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { AppError, validationError } from "../../errors";
import {
  deleteIntegration,
  findIntegration,
  findIntegrationWithSecrets,
  findUserIdsByIdentifiers,
  insertIntegration,
  InventoryConflict,
  listIntegrations,
  replaceInventory,
  updateIntegration,
  type IntegrationRow,
  type ReplaceResult,
} from "../../db/endpoints";
import { parseInventoryText, type InventoryEntry } from "../../endpoints/inventory";
import { nameField, parseOrThrow } from "../../validation";
import { assertCan, audit, type Actor } from "../actor";
import { configChanged } from "../config-sync";

export const INVENTORY_KIND_LABEL = "Device inventory";

export async function listIntegrationsForConsole(actor: Actor) {
  assertCan(actor, "endpoints:view");
  return listIntegrations();
}

export async function getIntegration(actor: Actor, id: string): Promise<IntegrationRow> {
  assertCan(actor, "endpoints:view");
  const row = await findIntegration(id);
  if (!row) throw new AppError("not_found", "That integration no longer exists.");
  return row;
}

// ------------------------------------------------------------------ device API tokens

const TOKEN_PREFIX = "pcte_";
const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");
const newToken = () => `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;

/** True when `token` is the integration's device API token (constant-time on the hashes). */
export function tokenMatches(token: string, storedHash: string | null): boolean {
  if (!storedHash || !token.startsWith(TOKEN_PREFIX) || token.length > 100) return false;
  const a = Buffer.from(hashToken(token), "hex");
  const b = Buffer.from(storedHash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}

const createSchema = z.object({ name: nameField("name", 80) });

/** Adds a Management Tools integration (disabled until an administrator enables it); the device API token is returned once. */
export async function addInventoryIntegration(
  actor: Actor,
  input: { name: unknown },
): Promise<{ integration: IntegrationRow; token: string }> {
  assertCan(actor, "endpoints:manage");
  const v = parseOrThrow(createSchema, input);
  const token = newToken();
  const integration = await insertIntegration({
    kind: "DEVICE_INVENTORY",
    name: v.name,
    enabled: false,
    apiTokenHash: hashToken(token),
  });
  await audit(actor, {
    action: "endpoints.integration_create",
    targetType: "endpoint_integration",
    targetId: integration.id,
    targetLabel: v.name,
    after: { kind: "DEVICE_INVENTORY", name: v.name, enabled: false },
  });
  return { integration, token };
}

export async function rotateDeviceApiToken(actor: Actor, id: string): Promise<string> {
  assertCan(actor, "endpoints:manage");
  const row = await findIntegration(id);
  if (!row || row.kind !== "DEVICE_INVENTORY") throw new AppError("not_found", "That integration no longer exists.");
  const token = newToken();
  await updateIntegration(id, { apiTokenHash: hashToken(token) });
  await audit(actor, {
    action: "endpoints.api_token_rotate",
    targetType: "endpoint_integration",
    targetId: id,
    targetLabel: row.name,
    after: { token: "replaced" },
  });
  return token;
}

/** Renames an inventory integration; returns false (nothing written) when the name is the same. */
export async function renameIntegration(actor: Actor, id: string, input: { name: unknown }): Promise<boolean> {
  assertCan(actor, "endpoints:manage");
  const row = await findIntegration(id);
  if (!row || row.kind !== "DEVICE_INVENTORY") throw new AppError("not_found", "That integration no longer exists.");
  const v = parseOrThrow(createSchema, input);
  if (v.name === row.name) return false;
  await updateIntegration(id, { name: v.name });
  await audit(actor, {
    action: "endpoints.integration_update",
    targetType: "endpoint_integration",
    targetId: id,
    targetLabel: v.name,
    before: { name: row.name },
    after: { name: v.name },
  });
  return true;
}

export async function setIntegrationEnabled(actor: Actor, id: string, enabled: boolean): Promise<IntegrationRow> {
  assertCan(actor, "endpoints:manage");
  const row = await findIntegration(id);
  if (!row) throw new AppError("not_found", "That integration no longer exists.");
  if (row.enabled === enabled) return row;
  const saved = await updateIntegration(id, { enabled });
  await configChanged();
  await audit(actor, {
    action: enabled ? "endpoints.integration_enable" : "endpoints.integration_disable",
    targetType: "endpoint_integration",
    targetId: id,
    targetLabel: row.name,
    before: { enabled: row.enabled },
    after: { enabled },
  });
  return saved;
}

export async function removeIntegration(actor: Actor, id: string): Promise<void> {
  assertCan(actor, "endpoints:manage");
  const row = await findIntegration(id);
  if (!row) throw new AppError("not_found", "That integration no longer exists.");
  await deleteIntegration(id);
  await configChanged();
  await audit(actor, {
    action: "endpoints.integration_remove",
    targetType: "endpoint_integration",
    targetId: id,
    targetLabel: row.name,
    before: { kind: row.kind, name: row.name, enabled: row.enabled },
  });
}

// ------------------------------------------------------------------ inventories

async function writeInventory(
  integrationId: string,
  entries: InventoryEntry[],
): Promise<ReplaceResult & { unknownOwners: string[] }> {
  const owners = await findUserIdsByIdentifiers(entries.flatMap((e) => (e.owner ? [e.owner] : [])));
  const unknownOwners = [
    ...new Set(entries.flatMap((e) => (e.owner && !owners.has(e.owner.toLowerCase()) ? [e.owner] : []))),
  ];
  try {
    const r = await replaceInventory(
      integrationId,
      entries.map((e) => ({
        deviceId: e.deviceId,
        hostname: e.hostname,
        os: e.os,
        serialNumber: e.serialNumber,
        userId: e.owner ? (owners.get(e.owner.toLowerCase()) ?? null) : null,
      })),
    );
    await configChanged();
    return { ...r, unknownOwners };
  } catch (e) {
    if (e instanceof InventoryConflict) {
      const shown = e.deviceIds.slice(0, 5).join(", ");
      throw new AppError(
        "conflict",
        `${e.deviceIds.length} device${e.deviceIds.length === 1 ? " is" : "s are"} already in another integration's inventory (${shown}${e.deviceIds.length > 5 ? ", …" : ""}). A device can be trusted by one integration only; nothing was changed.`,
        {
          fieldErrors: {
            inventory: `Already in another integration's inventory: ${shown}${e.deviceIds.length > 5 ? ", …" : ""}`,
          },
        },
      );
    }
    throw e;
  }
}

export const summarize = (r: ReplaceResult & { unknownOwners: string[] }) =>
  `Inventory replaced: ${r.total} device${r.total === 1 ? "" : "s"} (${r.added} added, ${r.updated} kept, ${r.removed} removed).` +
  (r.unknownOwners.length
    ? ` Owners not found in Users: ${r.unknownOwners.slice(0, 5).join(", ")}${r.unknownOwners.length > 5 ? ", …" : ""}.`
    : "");

/** Replaces the inventory from an upload or typed list (the console). */
export async function replaceInventoryFromText(actor: Actor, id: string, text: string) {
  assertCan(actor, "endpoints:manage");
  const row = await findIntegration(id);
  if (!row || row.kind !== "DEVICE_INVENTORY") throw new AppError("not_found", "That integration no longer exists.");
  const parsed = parseInventoryText(text);
  if (!parsed.ok) throw validationError({ inventory: parsed.error }, parsed.error);
  if (parsed.entries.length === 0)
    throw validationError({ inventory: "The inventory lists no devices. To empty it, use “Remove all devices”." });
  const r = await writeInventory(id, parsed.entries);
  await audit(actor, {
    action: "endpoints.inventory_replace",
    targetType: "endpoint_integration",
    targetId: id,
    targetLabel: row.name,
    after: { source: "console", total: r.total, added: r.added, removed: r.removed },
  });
  return r;
}

export async function clearInventory(actor: Actor, id: string) {
  assertCan(actor, "endpoints:manage");
  const row = await findIntegration(id);
  if (!row || row.kind !== "DEVICE_INVENTORY") throw new AppError("not_found", "That integration no longer exists.");
  const r = await writeInventory(id, []);
  await audit(actor, {
    action: "endpoints.inventory_replace",
    targetType: "endpoint_integration",
    targetId: id,
    targetLabel: row.name,
    after: { source: "console", total: 0, removed: r.removed },
  });
  return r;
}

/** The device API's authentication: the integration whose bearer token this is. Throws AppError 401. */
export async function authenticateDeviceApi(
  integrationId: string,
  bearer: string | null,
): Promise<{ id: string; name: string }> {
  const row = await findIntegrationWithSecrets(integrationId);
  // The same answer for an unknown integration and a wrong token: the caller learns nothing.
  if (!row || row.kind !== "DEVICE_INVENTORY" || !bearer || !tokenMatches(bearer, row.apiTokenHash))
    throw new AppError("unauthenticated", "Unknown integration or invalid API token.");
  return { id: row.id, name: row.name };
}

/** The device API: replaces the inventory of an authenticated integration. Throws AppError (409). */
export async function replaceInventoryFromApi(
  integration: { id: string; name: string },
  entries: InventoryEntry[],
  ip: string | null,
) {
  const r = await writeInventory(integration.id, entries);
  await audit(null, {
    actorLabel: `device API (${integration.name})`,
    ip,
    action: "endpoints.inventory_replace",
    targetType: "endpoint_integration",
    targetId: integration.id,
    targetLabel: integration.name,
    after: { source: "device_api", total: r.total, added: r.added, removed: r.removed },
  });
  return r;
}
