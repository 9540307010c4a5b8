// Which addresses an outbound fetch may connect to: public unicast only. Everything that
// reaches inside — loopback, private, link-local, unique-local, carrier-grade NAT, multicast,
// unspecified, reserved and documentation ranges, the cloud metadata services and the IPv6
// forms that embed an IPv4 address — is refused. Pure: no DNS, no sockets.
import ipaddr from "ipaddr.js";

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];
const cidrs = (list: string[]): Range[] => list.map((c) => ipaddr.parseCIDR(c) as Range);

/** IPv4 ranges that are not the public Internet (RFC 6890 and friends) plus cloud platform endpoints. */
const BLOCKED_V4 = cidrs([
  "0.0.0.0/8", // "this network", unspecified
  "10.0.0.0/8", // private
  "100.64.0.0/10", // carrier-grade NAT (also Alibaba Cloud's metadata at 100.100.100.200)
  "127.0.0.0/8", // loopback
  "169.254.0.0/16", // link-local, cloud metadata (169.254.169.254, 169.254.170.2)
  "172.16.0.0/12", // private
  "192.0.0.0/24", // IETF protocol assignments (Oracle Cloud metadata at 192.0.0.192)
  "192.0.2.0/24", // documentation
  "192.88.99.0/24", // 6to4 relay anycast
  "192.168.0.0/16", // private
  "198.18.0.0/15", // benchmarking
  "198.51.100.0/24", // documentation
  "203.0.113.0/24", // documentation
  "224.0.0.0/4", // multicast
  "240.0.0.0/4", // reserved, broadcast
  "168.63.129.16/32", // Azure platform (WireServer) endpoint
]);

/** IPv6: only global unicast (2000::/3) may be reached, minus these special blocks. */
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR("2000::/3") as Range;
const BLOCKED_V6 = cidrs([
  "2001::/23", // IETF protocol assignments (Teredo 2001::/32, ORCHID, benchmarking)
  "2001:db8::/32", // documentation
  "2002::/16", // 6to4 (embeds an IPv4 address)
  "3fff::/20", // documentation
]);

const LOOPBACK = cidrs(["127.0.0.0/8", "::1/128"]);

const inAny = (addr: ipaddr.IPv4 | ipaddr.IPv6, ranges: Range[]) =>
  ranges.some(([net, bits]) => net.kind() === addr.kind() && addr.match(net, bits));

/** The address in comparable form (IPv4-mapped IPv6 becomes IPv4); null if it is not one. */
export function parseIp(ip: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  const v = ip.replace(/^\[|\]$/g, "");
  if (!ipaddr.isValid(v)) return null;
  if (!v.includes(":") && !ipaddr.IPv4.isValidFourPartDecimal(v)) return null;
  return ipaddr.process(v);
}

export function isLoopbackAddress(ip: string): boolean {
  const a = parseIp(ip);
  return !!a && inAny(a, LOOPBACK);
}

/** True for a public unicast address an outbound fetch may connect to. */
export function isPublicAddress(ip: string): boolean {
  const a = parseIp(ip);
  if (!a) return false;
  if (a.kind() === "ipv4") return !inAny(a, BLOCKED_V4);
  return inAny(a, [GLOBAL_UNICAST_V6]) && !inAny(a, BLOCKED_V6);
}
