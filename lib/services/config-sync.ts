// In-process caches of configuration (applications, tenant and lockout settings, Trusted
// Endpoints settings, policies, signing material, the device CA, Cisco EDR answers) kept
// consistent across the workers of one server (node:cluster) and across instances sharing
// the database.
//
// How: one Setting row, "config.version", holds a random token. Whoever changes cached
// configuration writes the change, then calls configChanged(): the caches of this process
// are cleared at once and a new token is written. Every cached read first calls
// syncConfig(), which reads the token at most once per CHECK_INTERVAL_MS (250 ms) per process
// (one primary-key read; concurrent callers share it) and clears every registered cache when
// it differs from the token last seen. A change made through any worker or instance is
// therefore in force everywhere within a quarter of a second (plus one read). When the token cannot be read the
// caches are cleared (fail closed: no configuration is served from memory unchecked).
//
// State lives on globalThis: Next bundles route handlers and server actions separately,
// and both must share one registry per process.
import { bumpConfigVersion, readConfigVersion } from "../db/config-version";

export const CHECK_INTERVAL_MS = 250;

type State = {
  clears: Map<string, () => void>;
  /** Token last seen; undefined before the first check. */
  seen: string | null | undefined;
  checkedAt: number;
  inflight: Promise<void> | undefined;
  /** Incremented on every clear: a load begun before a clear must not be stored after it. */
  epoch: number;
};
const shared = globalThis as unknown as { portcullisConfigSync?: State };
const state: State = (shared.portcullisConfigSync ??= {
  clears: new Map(),
  seen: undefined,
  checkedAt: -Infinity,
  inflight: undefined,
  epoch: 0,
});

/** Registers a cache's clear function under a name (re-registering replaces it). */
export function registerConfigCache(name: string, clear: () => void): void {
  state.clears.set(name, clear);
}

/** The local generation of cached configuration; changes whenever the caches are cleared. */
export function configEpoch(): number {
  return state.epoch;
}

function clearAll(): void {
  state.epoch++;
  for (const clear of state.clears.values()) clear();
}

/** Clears the caches when another process changed configuration; checks at most once a second. */
export function syncConfig(now = Date.now()): Promise<void> | void {
  if (now - state.checkedAt < CHECK_INTERVAL_MS) return;
  state.inflight ??= (async () => {
    try {
      const token = await readConfigVersion();
      if (state.seen !== undefined && token !== state.seen) clearAll();
      state.seen = token;
    } catch (e) {
      clearAll();
      state.seen = undefined;
      console.error("[config] could not read the configuration version; caches cleared", e);
    } finally {
      state.checkedAt = now;
      state.inflight = undefined;
    }
  })();
  return state.inflight;
}

/** Call after writing a change to cached configuration: clears here at once, everywhere within a second. */
export async function configChanged(): Promise<void> {
  clearAll();
  const token = await bumpConfigVersion();
  // Again after the token is written: whatever was loaded in between may predate a change
  // another process made just before ours (its token is now overwritten by ours).
  clearAll();
  if (state.seen !== undefined) state.seen = token;
}

/** For tests: forget what was seen and when (as a fresh process would). */
export function resetConfigSyncForTests(): void {
  state.seen = undefined;
  state.checkedAt = -Infinity;
  state.inflight = undefined;
}
