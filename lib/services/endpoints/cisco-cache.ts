// The short cache of compromise answers (60 s), on globalThis: route handlers and server
// actions are bundled separately by Next and must see one cache per process. A change to the
// integrations clears it in every worker before the save returns and in other
// instances within 250 ms (lib/services/config-sync.ts); cachedAssessment's callers sync first.
import { registerConfigCache } from "../config-sync";

export const CISCO_CACHE_TTL_MS = 60_000;
const MAX_ENTRIES = 10_000;

export type CachedAssessment = { compromised: boolean | null; checkedVia: string; edrGuid: string | null };

const shared = globalThis as unknown as {
  portcullisCiscoCache?: Map<string, { value: CachedAssessment; expires: number }>;
};
const cache = () => (shared.portcullisCiscoCache ??= new Map());
registerConfigCache("cisco-answers", () => cache().clear());

export function cachedAssessment(key: string, now = Date.now()): CachedAssessment | null {
  const hit = cache().get(key);
  if (!hit) return null;
  if (hit.expires <= now) {
    cache().delete(key);
    return null;
  }
  return hit.value;
}

export function storeAssessment(key: string, value: CachedAssessment, now = Date.now()) {
  const c = cache();
  if (c.size >= MAX_ENTRIES) c.clear();
  c.set(key, { value, expires: now + CISCO_CACHE_TTL_MS });
}

export function clearCiscoCache() {
  cache().clear();
}
