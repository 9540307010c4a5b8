// The sign-in hot path reads an application's configuration from this in-process cache,
// not from the database. Saves call configChanged(): the change is in force in every worker of
// the server when the save returns, in other instances within 250 ms (lib/services/config-sync.ts).
import { findApplicationByKey, listSloUrls, type ApplicationRecord } from "../../db/applications";
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
registerConfigCache("applications", () => {
  cache.clear();
  slo.origins = undefined;
});

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

/** Backstop only, as CONFIG_TTL_MS: an application's save clears it in every worker and instance (config-sync). */
const SLO_ORIGINS_TTL_MS = 60_000;
const slo = ((
  globalThis as unknown as { portcullisSloOrigins?: { at: number; origins?: Promise<string[]> } }
).portcullisSloOrigins ??= { at: 0 });

/**
 * The origins of every application's Single Logout URL: the only pages besides our own that
 * the IdP-initiated logout pages may load in a frame (their Content-Security-Policy frame-src).
 */
export async function getSloOrigins(now = Date.now()): Promise<string[]> {
  await syncConfig(now);
  if (slo.origins && now - slo.at < SLO_ORIGINS_TTL_MS) return slo.origins;
  slo.at = now;
  const origins = listSloUrls().then((urls) => {
    const out = new Set<string>();
    for (const u of urls) {
      try {
        const url = new URL(u);
        if (url.protocol === "https:" || url.protocol === "http:") out.add(url.origin);
      } catch {
        // validated when saved
      }
    }
    return [...out].sort();
  });
  slo.origins = origins;
  origins.catch(() => {
    if (slo.origins === origins) slo.origins = undefined;
  });
  return origins;
}
