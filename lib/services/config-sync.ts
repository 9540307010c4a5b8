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
// it differs from the token last seen. A change made through any instance is therefore in
// force everywhere within a quarter of a second (plus one read). When the token cannot be
// read the caches are cleared (fail closed: no configuration is served from memory unchecked).
//
// Within one server (node:cluster workers, server.mjs) it is immediate: configChanged() also
// tells the primary, which has every other worker clear its caches and answers when all have
// (or after 2 s; the 250 ms check still catches a silent worker up). A save therefore returns
// only when every worker of its server has the change: the administrator's next page, served
// by any worker, shows it.
//
// State lives on globalThis: Next bundles route handlers and server actions separately,
// and both must share one registry per process.
import cluster from "node:cluster";
import { randomUUID } from "node:crypto";
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
  /** In a cluster worker: the primary's confirmations still awaited, by request id. */
  awaiting: Map<string, () => void>;
  listening: boolean;
};
const shared = globalThis as unknown as { portcullisConfigSync?: State };
const state: State = (shared.portcullisConfigSync ??= {
  clears: new Map(),
  seen: undefined,
  checkedAt: -Infinity,
  inflight: undefined,
  epoch: 0,
  awaiting: new Map(),
  listening: false,
});

/** Messages between a cluster worker and the primary (server.mjs relays them). */
export const CLUSTER_MESSAGES = {
  /** worker → primary, { id, token }: this worker changed configuration. */
  changed: "portcullis:config-changed",
  /** primary → every other worker, { id, token }: clear your caches. */
  clear: "portcullis:config-clear",
  /** worker → primary, { id }: cleared. */
  cleared: "portcullis:config-cleared",
  /** primary → the worker that changed it, { id }: every other worker has cleared. */
  done: "portcullis:config-changed-done",
} as const;
const SIBLINGS_TIMEOUT_MS = 2_000;

type ClusterMessage = { type?: unknown; id?: unknown; token?: unknown } | null;

function listenToPrimary(): void {
  if (state.listening || !cluster.isWorker || typeof process.send !== "function") return;
  state.listening = true;
  process.on("message", (m: ClusterMessage) => {
    if (!m || typeof m !== "object" || typeof m.id !== "string") return;
    if (m.type === CLUSTER_MESSAGES.clear) {
      clearAll();
      if (typeof m.token === "string") state.seen = m.token;
      process.send?.({ type: CLUSTER_MESSAGES.cleared, id: m.id });
    } else if (m.type === CLUSTER_MESSAGES.done) {
      state.awaiting.get(m.id)?.();
    }
  });
}
listenToPrimary();

/** In a cluster worker: has every other worker clear its caches; resolves when they have. */
function tellSiblings(token: string): Promise<void> {
  if (!state.listening) return Promise.resolve();
  const id = randomUUID();
  return new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      state.awaiting.delete(id);
      console.error(
        "[config] the other workers did not confirm a configuration change within 2 s; they pick it up from config.version",
      );
      resolve();
    }, SIBLINGS_TIMEOUT_MS);
    state.awaiting.set(id, () => {
      clearTimeout(timer);
      state.awaiting.delete(id);
      resolve();
    });
    process.send?.({ type: CLUSTER_MESSAGES.changed, id, token });
  });
}

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

/** Clears the caches when another process changed configuration; checks at most once per CHECK_INTERVAL_MS. */
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

/**
 * Call after writing a change to cached configuration: clears here and in the other workers of
 * this server before it returns, and in other instances within CHECK_INTERVAL_MS.
 */
export async function configChanged(): Promise<void> {
  clearAll();
  const token = await bumpConfigVersion();
  // Again after the token is written: whatever was loaded in between may predate a change
  // another process made just before ours (its token is now overwritten by ours).
  clearAll();
  if (state.seen !== undefined) state.seen = token;
  await tellSiblings(token);
}

/** For tests: forget what was seen and when (as a fresh process would). */
export function resetConfigSyncForTests(): void {
  state.seen = undefined;
  state.checkedAt = -Infinity;
  state.inflight = undefined;
}
