// The Portcullis server's own settings, read from the environment once at start (the app's
// settings are in lib/env.ts). Throws ServerConfigError with a message an operator can act on.
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { PROXY_HEADER_CHOICES, parseAddressList } from "./client-address.mjs";

export class ServerConfigError extends Error {}

export const LEGACY_TRUST_PROXY_MESSAGE =
  "PORTCULLIS_TRUST_PROXY is no longer read: it trusted X-Forwarded-For from any client. " +
  "Remove it and set PORTCULLIS_TRUSTED_PROXIES to the addresses or CIDR ranges of your reverse proxies " +
  "(for example PORTCULLIS_TRUSTED_PROXIES=10.0.0.10,10.0.1.0/24); X-Forwarded-For is then honoured only " +
  "from those peers. Without a reverse proxy, set nothing: the address is the connection's.";

/** The legacy variable is refused wherever the environment is read (server and app). */
export function legacyTrustProxyError(env) {
  return env.PORTCULLIS_TRUST_PROXY !== undefined ? LEGACY_TRUST_PROXY_MESSAGE : null;
}

/** PORTCULLIS_TRUSTED_PROXIES as normalized entries; throws on a bad entry. */
export function trustedProxiesFrom(env) {
  const parsed = parseAddressList(env.PORTCULLIS_TRUSTED_PROXIES ?? "");
  if ("error" in parsed) throw new ServerConfigError(`PORTCULLIS_TRUSTED_PROXIES: ${parsed.error}`);
  return parsed.entries;
}

/** PORTCULLIS_PROXY_HEADER: which header the trusted proxies write (default X-Forwarded-For). */
export function proxyHeaderFrom(env) {
  const v = (env.PORTCULLIS_PROXY_HEADER ?? "x-forwarded-for").trim().toLowerCase();
  if (!PROXY_HEADER_CHOICES.includes(v))
    throw new ServerConfigError(`PORTCULLIS_PROXY_HEADER must be one of: ${PROXY_HEADER_CHOICES.join(", ")}.`);
  return v;
}

function port(name, value, fallback) {
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new ServerConfigError(`${name} must be a port number (0-65535).`);
  return n;
}

/** Reads the PEM files of the HTTPS listener; throws with the file named when one is unreadable. */
export function readTlsFiles(certPath, keyPath) {
  const read = (name, p) => {
    try {
      return readFileSync(p);
    } catch (e) {
      throw new ServerConfigError(`${name}: cannot read ${p} (${e.code ?? e.message}).`);
    }
  };
  const cert = read("PORTCULLIS_TLS_CERT", certPath);
  const key = read("PORTCULLIS_TLS_KEY", keyPath);
  if (!cert.includes("-----BEGIN CERTIFICATE-----"))
    throw new ServerConfigError(`PORTCULLIS_TLS_CERT: ${certPath} is not a PEM certificate.`);
  if (!/-----BEGIN (RSA |EC )?PRIVATE KEY-----/.test(key.toString("latin1")))
    throw new ServerConfigError(`PORTCULLIS_TLS_KEY: ${keyPath} is not a PEM private key.`);
  return { cert, key };
}

/**
 * How the process that runs server.mjs is started (scripts/start.mjs, the benches, the e2e
 * servers), for a smaller memory footprint per worker at the same CPU (README "Speed"; cluster
 * workers inherit all of it):
 *  - `--max-semi-space-size=2`: a 2 MB young-generation semi-space (V8's default of 16 MB holds
 *    garbage a request server does not need kept);
 *  - `MALLOC_ARENA_MAX=2`: two malloc arenas (glibc's default grows one per thread).
 * Not `--optimize-for-size`: it saves ~70 MB per worker but costs rendered pages 20-60% more
 * CPU (README "Memory"); an operator who prefers memory sets it in NODE_OPTIONS.
 * A V8 flag the operator set in NODE_OPTIONS (either spelling, or its --no- form) wins, and so
 * does their MALLOC_ARENA_MAX.
 */
export function serverProcessSettings(env) {
  const chosen = new Set(
    (env.NODE_OPTIONS ?? "")
      .split(/\s+/)
      .filter((o) => o.startsWith("--"))
      .map((o) => o.slice(2).split("=")[0].replace(/_/g, "-").replace(/^no-/, "")),
  );
  return {
    nodeArgs: ["--max-semi-space-size=2"].filter((flag) => !chosen.has(flag.slice(2).split("=")[0])),
    env: { MALLOC_ARENA_MAX: env.MALLOC_ARENA_MAX ?? "2" },
  };
}

/** PORTCULLIS_WORKERS: how many worker processes serve the port (default: one per core). */
export function workersFrom(env, cores = availableParallelism()) {
  const v = env.PORTCULLIS_WORKERS?.trim();
  if (!v) return Math.max(1, cores);
  if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 256)
    throw new ServerConfigError("PORTCULLIS_WORKERS must be a whole number from 1 to 256 (default: one per core).");
  return Number(v);
}

/**
 * Whether this process runs the once-per-server jobs (the purge job, the device check listeners,
 * the first-run setup code): a single-process server, or worker 1 of a cluster
 * (PORTCULLIS_WORKER_INDEX is set by server.mjs for each worker it forks).
 */
export function runsServerJobs(env) {
  const index = env.PORTCULLIS_WORKER_INDEX;
  return index === undefined || index === "" || index === "1";
}

/**
 * The server configuration from `env`:
 *  { port, host, trustedProxies, proxyHeader, tls: { port, certPath, keyPath } | null, workers }.
 */
export function serverConfigFrom(env) {
  const legacy = legacyTrustProxyError(env);
  if (legacy) throw new ServerConfigError(legacy);
  const certPath = env.PORTCULLIS_TLS_CERT?.trim() || null;
  const keyPath = env.PORTCULLIS_TLS_KEY?.trim() || null;
  if (!!certPath !== !!keyPath)
    throw new ServerConfigError(
      "Set both PORTCULLIS_TLS_CERT and PORTCULLIS_TLS_KEY (PEM files) for HTTPS, or neither.",
    );
  const tls = certPath
    ? { port: port("PORTCULLIS_HTTPS_PORT", env.PORTCULLIS_HTTPS_PORT, 3443), certPath, keyPath }
    : null;
  if (tls) readTlsFiles(tls.certPath, tls.keyPath); // fail at start, not at the first handshake
  return {
    port: port("PORT", env.PORT, 3000),
    host: env.PORTCULLIS_HOST?.trim() || undefined,
    trustedProxies: trustedProxiesFrom(env),
    proxyHeader: proxyHeaderFrom(env),
    tls,
    workers: workersFrom(env),
  };
}
