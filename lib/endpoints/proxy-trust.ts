// Which peers may vouch for a client certificate in a header: the reverse proxies that
// terminate mTLS in front of the device check. Addresses and CIDR ranges, IPv4 and IPv6; the
// parsing and matching are the client-address module's (one implementation for the server's
// PORTCULLIS_TRUSTED_PROXIES and this list).
import {
  isAddressInList,
  MAX_TRUSTED_PROXIES,
  normalizeAddressEntry,
  parseAddressList,
} from "../http/client-address.mjs";

export { MAX_TRUSTED_PROXIES };

/** Normalizes one entry ("10.0.0.5", "10.0.0.0/8", "2001:db8::/32"); null when invalid. */
export const normalizeProxyEntry = (entry: string): string | null => normalizeAddressEntry(entry);

/** Parses a list typed by an administrator (one per line or comma separated). */
export const parseTrustedProxies = (text: string): { entries: string[] } | { error: string } => parseAddressList(text);

/** True when `peer` (a socket's remoteAddress, IPv4-mapped IPv6 allowed) is in one of the entries. */
export const isTrustedPeer = (peer: string | null | undefined, entries: readonly string[]): boolean =>
  isAddressInList(peer, entries);
