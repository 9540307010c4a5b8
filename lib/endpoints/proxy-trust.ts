// Which peers may vouch for a client certificate in a header: the reverse proxies that
// terminate mTLS in front of the device check. Addresses and CIDR ranges, IPv4 and IPv6.
import ipaddr from "ipaddr.js";

export const MAX_TRUSTED_PROXIES = 50;

/** Normalizes one entry ("10.0.0.5", "10.0.0.0/8", "2001:db8::/32"); null when invalid. */
export function normalizeProxyEntry(entry: string): string | null {
  const v = entry.trim();
  if (!v || v.length > 64) return null;
  if (v.includes("/")) {
    if (!ipaddr.isValidCIDR(v)) return null;
    const [addr, bits] = ipaddr.parseCIDR(v);
    return `${addr.toString()}/${bits}`;
  }
  if (!ipaddr.isValid(v)) return null;
  return ipaddr.process(v).toString();
}

/** Parses a list typed by an administrator (one per line or comma separated). */
export function parseTrustedProxies(text: string): { entries: string[] } | { error: string } {
  const raw = text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (raw.length > MAX_TRUSTED_PROXIES) return { error: `At most ${MAX_TRUSTED_PROXIES} addresses or ranges.` };
  const entries: string[] = [];
  for (const r of raw) {
    const n = normalizeProxyEntry(r);
    if (!n) return { error: `“${r.slice(0, 64)}” is not an IP address or CIDR range (like 10.0.0.5 or 10.0.0.0/24).` };
    if (!entries.includes(n)) entries.push(n);
  }
  return { entries };
}

/** True when `peer` (a socket's remoteAddress, IPv4-mapped IPv6 allowed) is in one of the entries. */
export function isTrustedPeer(peer: string | null | undefined, entries: readonly string[]): boolean {
  if (!peer || !ipaddr.isValid(peer)) return false;
  const addr = ipaddr.process(peer);
  for (const e of entries) {
    try {
      if (e.includes("/")) {
        const range = ipaddr.parseCIDR(e);
        if (addr.kind() === range[0].kind() && addr.match(range)) return true;
      } else if (ipaddr.process(e).toString() === addr.toString()) {
        return true;
      }
    } catch {
      // a malformed stored entry matches nothing
    }
  }
  return false;
}
