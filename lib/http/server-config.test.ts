import { mkdtempSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  serverProcessSettings,
  LEGACY_TRUST_PROXY_MESSAGE,
  ServerConfigError,
  runsServerJobs,
  serverConfigFrom,
  workersFrom,
} from "./server-config.mjs";

const error = (env: Record<string, string>) => {
  try {
    serverConfigFrom(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ServerConfigError);
    return (e as Error).message;
  }
  throw new Error("expected a configuration error");
};

describe("serverConfigFrom", () => {
  it("defaults: port 3000, all interfaces, no trusted proxies, X-Forwarded-For, no TLS, one worker per core", () => {
    expect(serverConfigFrom({})).toEqual({
      port: 3000,
      host: undefined,
      trustedProxies: [],
      proxyHeader: "x-forwarded-for",
      tls: null,
      workers: availableParallelism(),
    });
  });

  it("PORTCULLIS_WORKERS: a whole number from 1 to 256; one per core by default", () => {
    expect(workersFrom({}, 6)).toBe(6);
    expect(workersFrom({ PORTCULLIS_WORKERS: " " }, 2)).toBe(2);
    expect(workersFrom({ PORTCULLIS_WORKERS: "1" }, 8)).toBe(1);
    expect(workersFrom({ PORTCULLIS_WORKERS: "12" }, 2)).toBe(12);
    for (const v of ["0", "-1", "2.5", "two", "257"])
      expect(error({ PORTCULLIS_WORKERS: v })).toBe(
        "PORTCULLIS_WORKERS must be a whole number from 1 to 256 (default: one per core).",
      );
  });

  it("the once-per-server jobs run in a single-process server or in worker 1 only", () => {
    expect(runsServerJobs({})).toBe(true);
    expect(runsServerJobs({ PORTCULLIS_WORKER_INDEX: "1" })).toBe(true);
    expect(runsServerJobs({ PORTCULLIS_WORKER_INDEX: "2" })).toBe(false);
  });

  it("refuses the old PORTCULLIS_TRUST_PROXY, naming what to set instead", () => {
    for (const v of ["true", "false", ""])
      expect(error({ PORTCULLIS_TRUST_PROXY: v })).toBe(LEGACY_TRUST_PROXY_MESSAGE);
    expect(LEGACY_TRUST_PROXY_MESSAGE).toContain("PORTCULLIS_TRUSTED_PROXIES");
  });

  it("parses trusted proxies and the proxy header, and names a bad value", () => {
    expect(
      serverConfigFrom({
        PORTCULLIS_TRUSTED_PROXIES: "10.0.0.10, 10.0.1.0/24 ::1",
        PORTCULLIS_PROXY_HEADER: "Forwarded",
      }),
    ).toMatchObject({ trustedProxies: ["10.0.0.10", "10.0.1.0/24", "::1"], proxyHeader: "forwarded" });
    expect(error({ PORTCULLIS_TRUSTED_PROXIES: "proxy.internal" })).toMatch(
      /^PORTCULLIS_TRUSTED_PROXIES: “proxy.internal”/,
    );
    expect(error({ PORTCULLIS_PROXY_HEADER: "x-real-ip" })).toBe(
      "PORTCULLIS_PROXY_HEADER must be one of: x-forwarded-for, forwarded.",
    );
    expect(error({ PORT: "http" })).toBe("PORT must be a port number (0-65535).");
  });

  it("turns the HTTPS listener on with both PEM files, and refuses half or unreadable ones", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "tls-"));
    const cert = path.join(dir, "cert.pem");
    const key = path.join(dir, "key.pem");
    writeFileSync(cert, "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
    writeFileSync(key, "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n");
    expect(serverConfigFrom({ PORTCULLIS_TLS_CERT: cert, PORTCULLIS_TLS_KEY: key }).tls).toEqual({
      port: 3443,
      certPath: cert,
      keyPath: key,
    });
    expect(error({ PORTCULLIS_TLS_CERT: cert })).toBe(
      "Set both PORTCULLIS_TLS_CERT and PORTCULLIS_TLS_KEY (PEM files) for HTTPS, or neither.",
    );
    expect(error({ PORTCULLIS_TLS_CERT: cert, PORTCULLIS_TLS_KEY: path.join(dir, "missing.pem") })).toMatch(
      /^PORTCULLIS_TLS_KEY: cannot read .*missing\.pem \(ENOENT\)\.$/,
    );
    expect(error({ PORTCULLIS_TLS_CERT: key, PORTCULLIS_TLS_KEY: key })).toMatch(/is not a PEM certificate/);
  });
});

describe("serverProcessSettings", () => {
  it("starts the server with a small young generation and two malloc arenas", () => {
    expect(serverProcessSettings({})).toEqual({
      nodeArgs: ["--max-semi-space-size=2"],
      env: { MALLOC_ARENA_MAX: "2" },
    });
  });

  it("leaves each setting the operator chose to them", () => {
    expect(
      serverProcessSettings({ NODE_OPTIONS: "--max-semi-space-size=16 --enable-source-maps", MALLOC_ARENA_MAX: "8" }),
    ).toEqual({ nodeArgs: [], env: { MALLOC_ARENA_MAX: "8" } });
    expect(serverProcessSettings({ NODE_OPTIONS: "--optimize-for-size  --max_semi_space_size=4" }).nodeArgs).toEqual(
      [],
    );
    expect(serverProcessSettings({ NODE_OPTIONS: "--no-max-semi-space-size" }).nodeArgs).toEqual([]);
    // A flag that only starts like ours is not it.
    expect(serverProcessSettings({ NODE_OPTIONS: "--max-semi-space-sizes=4 --optimize-for-size" }).nodeArgs).toEqual([
      "--max-semi-space-size=2",
    ]);
  });
});
