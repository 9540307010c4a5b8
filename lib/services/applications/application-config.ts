// The sign-in hot path reads an application's configuration from this in-process cache,
// not from the database. Any change is in force in every worker and instance within about a
// second (lib/services/config-sync.ts); saves call configChanged().
import { findApplicationByKey, type ApplicationRecord } from "../../db/applications";
import { registerConfigCache, syncConfig } from "../config-sync";
import { isApiTemplate } from "./catalog";

/** Backstop only (a change written around the services); config-sync is what keeps it exact. */
export const CONFIG_TTL_MS = 60_000;
const MAX_ENTRIES = 5_000;

type Entry = { at: number; value: Promise<ApplicationRecord | null> };
// One cache per process, kept on globalThis: Next bundles route handlers (the SAML
// endpoints) and server actions (the console's saves) separately.
const shared = globalThis as unknown as { portcullisApplicationConfig?: Map<string, Entry> };
const cache = (shared.portcullisApplicationConfig ??= new Map<string, Entry>());
registerConfigCache("applications", () => cache.clear());

export async function getApplicationConfig(key: string, now = Date.now()): Promise<ApplicationRecord | null> {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(key)) return null;
  await syncConfig(now);
  const hit = cache.get(key);
  if (hit && now - hit.at < CONFIG_TTL_MS) return hit.value;
  // Admin API / Auth API applications have no SAML endpoints.
  const value = findApplicationByKey(key).then((a) => (a && !isApiTemplate(a.template) ? a : null));
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  const entry = { at: now, value };
  cache.set(key, entry);
  value.catch(() => {
    if (cache.get(key) === entry) cache.delete(key);
  });
  return value;
}
