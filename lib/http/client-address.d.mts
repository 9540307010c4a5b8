// Types of client-address.mjs (plain JavaScript, shared by server.mjs and the app).
export declare const CLIENT_ADDRESS_HEADER: "x-portcullis-client-address";
export declare const ADDRESS_HEADERS: readonly string[];
export declare const PROXY_REQUEST_HEADERS: readonly string[];
export declare const PROXY_HEADER_CHOICES: readonly ["x-forwarded-for", "forwarded"];
export declare const MAX_TRUSTED_PROXIES: number;

export type ProxyHeader = "x-forwarded-for" | "forwarded";
export type HeaderSource =
  { get(name: string): string | null | undefined } | Record<string, string | string[] | undefined>;

export declare function normalizeAddress(value: unknown): string | null;
export declare function normalizeAddressEntry(entry: unknown): string | null;
export declare function parseAddressList(text: unknown, max?: number): { entries: string[] } | { error: string };
export declare function isAddressInList(address: string | null | undefined, entries: readonly string[]): boolean;

export type ClientAddress = {
  address: string | null;
  via: "socket" | "proxy";
  trustedPeer: boolean;
  reason: "no_peer_address" | "malformed_forwarded_hop" | null;
};
export declare function resolveClientAddress(input: {
  peer: string | null | undefined;
  headers?: HeaderSource | null;
  trustedProxies: readonly string[];
  proxyHeader?: ProxyHeader;
}): ClientAddress;

export declare function markClientAddressServer(): void;
export declare function clientAddressFromHeaders(get: (name: string) => string | null | undefined): string | null;
