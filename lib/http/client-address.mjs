// The client address of a request, decided once per request by the Portcullis server
// (server.mjs, lib/http/request-wiring.mjs) from the TCP peer. Proxy headers count only when
// the peer is a configured trusted proxy (PORTCULLIS_TRUSTED_PROXIES), and then the
// right-most address that is not a trusted proxy is the client. The server strips every
// inbound header that could carry an address and passes the answer to the application in
// one internal header (CLIENT_ADDRESS_HEADER), which app code reads through
// clientAddressFromHeaders() (app/_server/request.ts) and nothing else.
//
// Plain JavaScript (with client-address.d.mts) because the server runs it without a build
// step and the Next bundle imports it too: one implementation for both.
import ipaddr from "ipaddr.js";

/** The internal request header that carries the decided client address. */
export const CLIENT_ADDRESS_HEADER = "x-portcullis-client-address";

/**
 * Request headers that carry (or are commonly read as) the client address. Inbound copies are
 * removed from every request; the server sets X-Forwarded-For and CLIENT_ADDRESS_HEADER to the
 * decided address afterwards.
 */
export const ADDRESS_HEADERS = Object.freeze([
  CLIENT_ADDRESS_HEADER,
  "x-forwarded-for",
  "forwarded",
  "x-real-ip",
  "x-client-ip",
  "x-cluster-client-ip",
  "true-client-ip",
  "cf-connecting-ip",
  "fastly-client-ip",
  "x-original-forwarded-for",
]);

/** Headers a reverse proxy sets about the original request; kept only from trusted proxies. */
export const PROXY_REQUEST_HEADERS = Object.freeze(["x-forwarded-host", "x-forwarded-proto", "x-forwarded-port"]);

/** Which header a trusted proxy uses for the chain of addresses. */
export const PROXY_HEADER_CHOICES = Object.freeze(["x-forwarded-for", "forwarded"]);

export const MAX_TRUSTED_PROXIES = 50;
/** At most this many hops of a chain are examined (from the right). */
const MAX_HOPS = 32;

const processed = (addr) => (addr.kind() === "ipv6" && addr.isIPv4MappedAddress() ? addr.toIPv4Address() : addr);

/**
 * An address in canonical text form: IPv4-mapped IPv6 becomes IPv4, IPv6 is compressed and
 * loses its zone. Accepts "[v6]", "[v6]:port" and "v4:port" (as proxies write them); null for
 * anything that is not an IP address ("unknown", an obfuscated Forwarded identifier, junk).
 */
export function normalizeAddress(value) {
  if (typeof value !== "string") return null;
  let v = value.trim();
  if (!v || v.length > 100) return null;
  if (v.startsWith('"') && v.endsWith('"') && v.length >= 2) v = v.slice(1, -1);
  if (v.startsWith("[")) {
    const end = v.indexOf("]");
    if (end < 0) return null;
    const rest = v.slice(end + 1);
    if (rest && !/^:\d{1,5}$/.test(rest)) return null;
    v = v.slice(1, end);
  } else if (/^\d{1,3}(\.\d{1,3}){3}:\d{1,5}$/.test(v)) {
    v = v.slice(0, v.lastIndexOf(":"));
  }
  const zone = v.indexOf("%");
  if (zone >= 0) v = v.slice(0, zone);
  if (!ipaddr.isValid(v)) return null;
  // ipaddr.isValid accepts shorthand IPv4 ("10.1", "0x7f.1"); only the four-part form counts.
  if (!v.includes(":") && !ipaddr.IPv4.isValidFourPartDecimal(v)) return null;
  return processed(ipaddr.parse(v)).toString();
}

/** Normalizes one list entry ("10.0.0.5", "10.0.0.0/8", "2001:db8::/32"); null when invalid. */
export function normalizeAddressEntry(entry) {
  if (typeof entry !== "string") return null;
  const v = entry.trim();
  if (!v || v.length > 64) return null;
  if (v.includes("/")) {
    if (!ipaddr.isValidCIDR(v)) return null;
    if (!v.includes(":") && !ipaddr.IPv4.isValidCIDRFourPartDecimal(v)) return null;
    const [addr, bits] = ipaddr.parseCIDR(v);
    const mapped = addr.kind() === "ipv6" && addr.isIPv4MappedAddress() && bits >= 96;
    if (mapped) return `${addr.toIPv4Address().toString()}/${bits - 96}`;
    // The network address itself ("10.1.2.3/8" is stored as "10.0.0.0/8").
    const network =
      addr.kind() === "ipv4" ? ipaddr.IPv4.networkAddressFromCIDR(v) : ipaddr.IPv6.networkAddressFromCIDR(v);
    return `${network.toString()}/${bits}`;
  }
  return normalizeAddress(v);
}

/**
 * Parses a list of addresses and CIDR ranges, separated by commas, spaces or new lines.
 * Returns the normalized, de-duplicated entries, or an error naming the first bad one.
 */
export function parseAddressList(text, max = MAX_TRUSTED_PROXIES) {
  const raw = String(text ?? "")
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (raw.length > max) return { error: `At most ${max} addresses or ranges.` };
  const entries = [];
  for (const r of raw) {
    const n = normalizeAddressEntry(r);
    if (!n) return { error: `“${r.slice(0, 64)}” is not an IP address or CIDR range (like 10.0.0.5 or 10.0.0.0/24).` };
    if (!entries.includes(n)) entries.push(n);
  }
  return { entries };
}

/** True when `address` (any form normalizeAddress accepts) is in one of the normalized entries. */
export function isAddressInList(address, entries) {
  const a = normalizeAddress(address);
  if (!a) return false;
  const addr = ipaddr.parse(a);
  for (const e of entries) {
    try {
      if (e.includes("/")) {
        const range = ipaddr.parseCIDR(e);
        if (addr.kind() === range[0].kind() && addr.match(range)) return true;
      } else if (normalizeAddress(e) === a) {
        return true;
      }
    } catch {
      // a malformed entry matches nothing
    }
  }
  return false;
}

const headerValue = (headers, name) => {
  const v = typeof headers.get === "function" ? headers.get(name) : headers[name];
  if (v == null) return null;
  return Array.isArray(v) ? v.join(", ") : String(v);
};

/** Splits a header list at commas that are not inside a quoted string. */
function splitList(value) {
  const out = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '"') quoted = !quoted;
    if (c === "," && !quoted) {
      out.push(cur);
      cur = "";
    } else cur += c;
  }
  out.push(cur);
  return out.map((s) => s.trim()).filter(Boolean);
}

/** The `for=` node of each element of a Forwarded header (RFC 7239), left to right; "" when absent. */
function forwardedFor(value) {
  return splitList(value).map((element) => {
    for (const pair of element.split(";")) {
      const eq = pair.indexOf("=");
      if (eq > 0 && pair.slice(0, eq).trim().toLowerCase() === "for") return pair.slice(eq + 1).trim();
    }
    return "";
  });
}

/**
 * Decides the client address of one request.
 *  - `peer`: the socket's remote address;
 *  - `headers`: the request headers (a Node headers object or a Fetch Headers);
 *  - `trustedProxies`: normalized entries (parseAddressList);
 *  - `proxyHeader`: which header the trusted proxies write ("x-forwarded-for" or "forwarded").
 * Returns { address, via, trustedPeer, reason }: via "socket" (the peer) or "proxy" (from the
 * chain); trustedPeer: the peer is a trusted proxy (its X-Forwarded-Host/-Proto count);
 * address null (with a reason) when a trusted proxy's chain holds something that is not an
 * address: fail closed, an unknown address is on no authorized network.
 */
export function resolveClientAddress({ peer, headers, trustedProxies, proxyHeader = "x-forwarded-for" }) {
  const peerAddress = normalizeAddress(peer ?? "");
  if (!peerAddress) return { address: null, via: "socket", trustedPeer: false, reason: "no_peer_address" };
  if (!trustedProxies.length || !isAddressInList(peerAddress, trustedProxies))
    return { address: peerAddress, via: "socket", trustedPeer: false, reason: null };
  const value = headers ? headerValue(headers, proxyHeader) : null;
  if (!value) return { address: peerAddress, via: "socket", trustedPeer: true, reason: null };
  const hops = proxyHeader === "forwarded" ? forwardedFor(value) : splitList(value);
  const examined = hops.slice(-MAX_HOPS);
  for (let i = examined.length - 1; i >= 0; i--) {
    const hop = normalizeAddress(examined[i]);
    if (!hop) return { address: null, via: "proxy", trustedPeer: true, reason: "malformed_forwarded_hop" };
    if (!isAddressInList(hop, trustedProxies)) return { address: hop, via: "proxy", trustedPeer: true, reason: null };
  }
  // Every hop is a trusted proxy: the left-most one is where the request started.
  return { address: normalizeAddress(examined[0]), via: "proxy", trustedPeer: true, reason: null };
}

const SERVER_MARK = Symbol.for("portcullis.server.clientAddress");

/** Called by the Portcullis server: from now on this process's requests carry CLIENT_ADDRESS_HEADER. */
export function markClientAddressServer() {
  globalThis[SERVER_MARK] = true;
}

/**
 * The client address for application code, read from the header the Portcullis server set.
 * Null when the process was not started by that server (`next start` or `next dev` directly):
 * then no header can be trusted, and an unknown address is on no authorized network.
 */
export function clientAddressFromHeaders(get) {
  if (globalThis[SERVER_MARK] !== true) return null;
  const v = get(CLIENT_ADDRESS_HEADER);
  if (typeof v !== "string") return null;
  return normalizeAddress(v);
}
