// Settings: tenant name and the public base URL every SAML URL is built from.
import { z } from "zod";
import { env } from "../../env";
import { readSettings, writeSettings } from "../../db/settings";
import { httpUrlField, nameField, parseOrThrow } from "../../validation";
import { assertCan, audit, type Actor } from "../actor";
import { changedFields } from "../audit-diff";
import { configChanged, configEpoch, registerConfigCache, syncConfig } from "../config-sync";

export type TenantSettings = { tenantName: string; publicBaseUrl: string };

const KEYS = ["tenantName", "publicBaseUrl"] as const;

/** Normalises a base URL: no trailing slash, no query or fragment. */
export function normalizeBaseUrl(v: string): string {
  const u = new URL(v);
  return `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, "")}`;
}

export const tenantSettingsSchema = z.object({
  tenantName: nameField("tenant name", 80),
  publicBaseUrl: httpUrlField("public base URL")
    .refine((v) => {
      const u = new URL(v);
      return !u.search && !u.hash;
    }, "The public base URL cannot have a query (?…) or fragment (#…).")
    .transform(normalizeBaseUrl),
});

// Kept on globalThis (one per process): route handlers and server actions are bundled
// separately by Next, and a save must reach both at once; the other workers before the save
// returns, other instances within 250 ms (lib/services/config-sync.ts). The TTL is only a backstop.
const shared = globalThis as unknown as {
  portcullisTenantSettings?: { current?: { value: TenantSettings; at: number } };
};
const cached = (shared.portcullisTenantSettings ??= {});
const TTL_MS = 60_000;
registerConfigCache("tenant-settings", () => (cached.current = undefined));

export async function getTenantSettings(): Promise<TenantSettings> {
  await syncConfig();
  const cache = cached.current;
  const epoch = configEpoch();
  if (cache && Date.now() - cache.at < TTL_MS) return cache.value;
  const stored = await readSettings(KEYS);
  const value: TenantSettings = {
    tenantName: typeof stored.tenantName === "string" ? stored.tenantName : "Portcullis",
    publicBaseUrl:
      typeof stored.publicBaseUrl === "string" ? stored.publicBaseUrl : normalizeBaseUrl(env().PORTCULLIS_BASE_URL),
  };
  if (epoch === configEpoch()) cached.current = { value, at: Date.now() };
  return value;
}

/** Saves the settings; `changed` is false (nothing written, no audit entry) when they are the same. */
export async function updateTenantSettings(
  actor: Actor,
  input: unknown,
): Promise<{ settings: TenantSettings; changed: boolean }> {
  assertCan(actor, "settings:manage");
  const next = parseOrThrow(tenantSettingsSchema, input);
  const before = await getTenantSettings();
  const diff = changedFields(before, next, KEYS);
  if (!diff) return { settings: next, changed: false };
  await writeSettings(next);
  await configChanged();
  await audit(actor, { action: "settings.update", targetType: "settings", targetLabel: "Tenant", ...diff });
  return { settings: next, changed: true };
}
