// Types of server-config.mjs.
import type { ProxyHeader } from "./client-address.mjs";

export declare class ServerConfigError extends Error {}
export declare const LEGACY_TRUST_PROXY_MESSAGE: string;
export declare function legacyTrustProxyError(env: Record<string, string | undefined>): string | null;
export declare function trustedProxiesFrom(env: Record<string, string | undefined>): string[];
export declare function proxyHeaderFrom(env: Record<string, string | undefined>): ProxyHeader;
export declare function readTlsFiles(certPath: string, keyPath: string): { cert: Buffer; key: Buffer };
export type ServerConfig = {
  port: number;
  host: string | undefined;
  trustedProxies: string[];
  proxyHeader: ProxyHeader;
  tls: { port: number; certPath: string; keyPath: string } | null;
  workers: number;
};
export declare function serverProcessSettings(env: Record<string, string | undefined>): {
  nodeArgs: string[];
  env: { MALLOC_ARENA_MAX: string };
};
export declare function workersFrom(env: Record<string, string | undefined>, cores?: number): number;
export declare function runsServerJobs(env: Record<string, string | undefined>): boolean;
export declare function serverConfigFrom(env: Record<string, string | undefined>): ServerConfig;
