// Authorized networks: parsing, normalizing and matching IP networks (IPv4 and IPv6) with
// ipaddr.js. Pure. A network is written in CIDR notation ("192.0.2.0/24", "2001:db8::/32")
// or as a single address ("192.0.2.7" = /32, "2001:db8::7" = /128).
//
// Normal form: the network address (host bits cleared), IPv6 in RFC 5952 compact form, and
// an IPv4-mapped IPv6 network (::ffff:192.0.2.0/120) written as the IPv4 network it maps.
import ipaddr from "ipaddr.js";

const IPV4_DOTTED = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** Parses one address: strict dotted-quad IPv4 (no octal or short forms) or IPv6 (a zone index is dropped). */
function parseAddress(text: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  const s = text.trim();
  if (IPV4_DOTTED.test(s)) return ipaddr.IPv4.parse(s);
  if (!s.includes(":")) return null;
  const noZone = s.replace(/%[\w.-]+$/, "");
  if (!ipaddr.IPv6.isValid(noZone)) return null;
  return ipaddr.IPv6.parse(noZone);
}

export type ParsedNetwork = { kind: "ipv4" | "ipv6"; cidr: string };

/**
 * Parses and normalizes one network; null when it is not a valid address or CIDR. A prefix
 * longer than the address allows, or a prefix on something that is not an address, is refused.
 */
export function parseNetwork(text: string): ParsedNetwork | null {
  const s = text.trim();
  if (!s || s.length > 64) return null;
  const slash = s.indexOf("/");
  const addrText = slash === -1 ? s : s.slice(0, slash);
  const prefixText = slash === -1 ? null : s.slice(slash + 1);
  let addr = parseAddress(addrText);
  if (!addr) return null;
  const max = addr.kind() === "ipv4" ? 32 : 128;
  let prefix = max;
  if (prefixText !== null) {
    if (!/^\d{1,3}$/.test(prefixText)) return null;
    prefix = Number(prefixText);
    if (prefix > max) return null;
  }
  if (addr.kind() === "ipv6" && (addr as ipaddr.IPv6).isIPv4MappedAddress() && prefix >= 96) {
    addr = (addr as ipaddr.IPv6).toIPv4Address();
    prefix -= 96;
  }
  const network =
    addr.kind() === "ipv4"
      ? ipaddr.IPv4.networkAddressFromCIDR(`${addr.toString()}/${prefix}`)
      : ipaddr.IPv6.networkAddressFromCIDR(`${addr.toString()}/${prefix}`);
  return { kind: addr.kind(), cidr: `${network.toString()}/${prefix}` };
}

/** Normalizes a list, dropping duplicates (first occurrence kept); throws on an invalid entry. */
export function normalizeNetworks(list: readonly string[]): string[] {
  const out: string[] = [];
  for (const item of list) {
    const parsed = parseNetwork(item);
    if (!parsed) throw new Error(`not a network: ${item}`);
    if (!out.includes(parsed.cidr)) out.push(parsed.cidr);
  }
  return out;
}

/** The client address in comparable form: IPv4-mapped IPv6 (::ffff:192.0.2.7) becomes IPv4. */
export function parseClientIp(ip: string | null | undefined): ipaddr.IPv4 | ipaddr.IPv6 | null {
  if (!ip) return null;
  const addr = parseAddress(ip);
  if (!addr) return null;
  return addr.kind() === "ipv6" && (addr as ipaddr.IPv6).isIPv4MappedAddress()
    ? (addr as ipaddr.IPv6).toIPv4Address()
    : addr;
}

/**
 * True when `ip` lies in one of `cidrs`. An unknown or unparseable address is in no network;
 * invalid entries in `cidrs` are skipped (stored lists are validated when saved).
 */
export function isInAuthorizedNetworks(ip: string | null | undefined, cidrs: readonly string[]): boolean {
  const addr = parseClientIp(ip);
  if (!addr) return false;
  for (const c of cidrs) {
    const n = parseNetwork(c);
    if (!n || n.kind !== addr.kind()) continue;
    const [net, prefix] = ipaddr.parseCIDR(n.cidr);
    if (addr.match(net, prefix)) return true;
  }
  return false;
}
