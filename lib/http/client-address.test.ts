import { describe, expect, it } from "vitest";
import {
  clientAddressFromHeaders,
  CLIENT_ADDRESS_HEADER,
  isAddressInList,
  markClientAddressServer,
  normalizeAddress,
  parseAddressList,
  resolveClientAddress,
} from "./client-address.mjs";

const proxies = (text: string) => {
  const p = parseAddressList(text);
  if ("error" in p) throw new Error(p.error);
  return p.entries;
};

describe("normalizeAddress", () => {
  it.each([
    ["203.0.113.7", "203.0.113.7"],
    ["  203.0.113.7 ", "203.0.113.7"],
    ["::ffff:203.0.113.7", "203.0.113.7"],
    ["203.0.113.7:51234", "203.0.113.7"],
    ["[2001:db8::1]", "2001:db8::1"],
    ["[2001:db8::1]:443", "2001:db8::1"],
    ['"[2001:db8:cafe::17]:4711"', "2001:db8:cafe::17"],
    ["2001:DB8:0:0:0:0:0:1", "2001:db8::1"],
    ["fe80::1%eth0", "fe80::1"],
  ])("%s -> %s", (input, out) => expect(normalizeAddress(input)).toBe(out));

  it.each(["", "unknown", "_hidden", "10.1", "0x7f.1", "999.1.1.1", "[::1", "[::1]x", "a".repeat(200), "1.2.3.4:port"])(
    "%s is not an address",
    (input) => expect(normalizeAddress(input)).toBeNull(),
  );
});

describe("parseAddressList", () => {
  it("normalizes addresses and ranges and drops duplicates", () => {
    expect(parseAddressList("10.0.0.5, 10.0.0.0/8\n2001:db8::/32 10.0.0.5 ::ffff:10.1.2.3 10.1.2.3/16")).toEqual({
      entries: ["10.0.0.5", "10.0.0.0/8", "2001:db8::/32", "10.1.2.3", "10.1.0.0/16"],
    });
    expect(parseAddressList("")).toEqual({ entries: [] });
  });
  it("names the first bad entry", () => {
    expect(parseAddressList("10.0.0.5 proxy.example.com")).toEqual({
      error: "“proxy.example.com” is not an IP address or CIDR range (like 10.0.0.5 or 10.0.0.0/24).",
    });
    expect(parseAddressList("10.1/8")).toHaveProperty("error");
  });
  it("matches IPv4-mapped peers against IPv4 entries", () => {
    expect(isAddressInList("::ffff:10.9.8.7", proxies("10.0.0.0/8"))).toBe(true);
    expect(isAddressInList("11.0.0.1", proxies("10.0.0.0/8"))).toBe(false);
    expect(isAddressInList("2001:db8::5", proxies("2001:db8::/32"))).toBe(true);
  });
});

describe("resolveClientAddress", () => {
  const spoof = {
    "x-forwarded-for": "203.0.113.7",
    forwarded: "for=203.0.113.7",
    "x-real-ip": "203.0.113.7",
  };

  it("without trusted proxies, the address is the socket's whatever the headers say", () => {
    expect(resolveClientAddress({ peer: "::ffff:198.51.100.9", headers: spoof, trustedProxies: [] })).toEqual({
      address: "198.51.100.9",
      via: "socket",
      trustedPeer: false,
      reason: null,
    });
  });

  it("a peer that is not a trusted proxy is the client even when proxies are configured", () => {
    const r = resolveClientAddress({ peer: "127.0.0.1", headers: spoof, trustedProxies: proxies("10.0.0.0/8") });
    expect(r).toMatchObject({ address: "127.0.0.1", via: "socket", trustedPeer: false });
  });

  it("from a trusted proxy, the right-most address that is not a trusted proxy is the client", () => {
    const trustedProxies = proxies("10.0.0.0/8, 192.168.1.1");
    const r = resolveClientAddress({
      peer: "10.0.0.2",
      // The client spoofed 1.1.1.1; the edge proxy appended the real 203.0.113.7; an inner proxy appended the edge.
      headers: { "x-forwarded-for": "1.1.1.1, 203.0.113.7, 192.168.1.1" },
      trustedProxies,
    });
    expect(r).toEqual({ address: "203.0.113.7", via: "proxy", trustedPeer: true, reason: null });
  });

  it("reads repeated headers and Fetch Headers alike", () => {
    const trustedProxies = proxies("10.0.0.1");
    expect(
      resolveClientAddress({
        peer: "10.0.0.1",
        headers: { "x-forwarded-for": ["1.1.1.1", "203.0.113.7"] },
        trustedProxies,
      }).address,
    ).toBe("203.0.113.7");
    expect(
      resolveClientAddress({
        peer: "10.0.0.1",
        headers: new Headers({ "X-Forwarded-For": "198.51.100.1, 203.0.113.8:5511" }),
        trustedProxies,
      }).address,
    ).toBe("203.0.113.8");
  });

  it("with PORTCULLIS_PROXY_HEADER=forwarded, only the Forwarded header's for= nodes count", () => {
    const trustedProxies = proxies("10.0.0.1");
    const headers = {
      "x-forwarded-for": "192.0.2.99",
      forwarded: 'for=198.51.100.1;proto=https, for="[2001:db8:cafe::17]:4711";by=10.0.0.1',
    };
    expect(resolveClientAddress({ peer: "10.0.0.1", headers, trustedProxies, proxyHeader: "forwarded" }).address).toBe(
      "2001:db8:cafe::17",
    );
    // The default header ignores Forwarded, which a proxy that writes X-Forwarded-For passes through untouched.
    expect(resolveClientAddress({ peer: "10.0.0.1", headers, trustedProxies }).address).toBe("192.0.2.99");
  });

  it("a trusted proxy without a chain is itself the client (health checks)", () => {
    expect(resolveClientAddress({ peer: "10.0.0.1", headers: {}, trustedProxies: proxies("10.0.0.1") })).toEqual({
      address: "10.0.0.1",
      via: "socket",
      trustedPeer: true,
      reason: null,
    });
  });

  it("every hop trusted: the left-most hop", () => {
    const r = resolveClientAddress({
      peer: "10.0.0.1",
      headers: { "x-forwarded-for": "10.0.0.7, 10.0.0.3" },
      trustedProxies: proxies("10.0.0.0/8"),
    });
    expect(r.address).toBe("10.0.0.7");
  });

  it("fails closed on a hop that is not an address: the client address is unknown", () => {
    const r = resolveClientAddress({
      peer: "10.0.0.1",
      headers: { "x-forwarded-for": "203.0.113.7, unknown" },
      trustedProxies: proxies("10.0.0.1"),
    });
    expect(r).toEqual({ address: null, via: "proxy", trustedPeer: true, reason: "malformed_forwarded_hop" });
    expect(resolveClientAddress({ peer: undefined, headers: {}, trustedProxies: [] })).toMatchObject({
      address: null,
      reason: "no_peer_address",
    });
  });
});

describe("clientAddressFromHeaders", () => {
  it("trusts the internal header only in a process the Portcullis server marked", () => {
    const get = (name: string) => (name === CLIENT_ADDRESS_HEADER ? "203.0.113.7" : null);
    expect(clientAddressFromHeaders(get)).toBeNull();
    markClientAddressServer();
    expect(clientAddressFromHeaders(get)).toBe("203.0.113.7");
    expect(clientAddressFromHeaders(() => "not an address")).toBeNull();
    expect(clientAddressFromHeaders(() => null)).toBeNull();
  });
});
