import { describe, expect, it } from "vitest";
import { isInAuthorizedNetworks, normalizeNetworks, parseNetwork } from "./networks";

describe("parseNetwork", () => {
  it.each([
    ["192.0.2.0/24", "192.0.2.0/24", "ipv4"],
    [" 192.0.2.77/24 ", "192.0.2.0/24", "ipv4"],
    ["10.1.2.3", "10.1.2.3/32", "ipv4"],
    ["0.0.0.0/0", "0.0.0.0/0", "ipv4"],
    ["2001:DB8:0:0::1/32", "2001:db8::/32", "ipv6"],
    ["2001:db8::7", "2001:db8::7/128", "ipv6"],
    ["::/0", "::/0", "ipv6"],
    ["::ffff:192.0.2.0/120", "192.0.2.0/24", "ipv4"],
    ["fe80::1%eth0", "fe80::1/128", "ipv6"],
  ])("%s -> %s", (input, cidr, kind) => {
    expect(parseNetwork(input)).toEqual({ cidr, kind });
  });

  it.each([
    ["", "empty"],
    ["10.0.0.300/8", "octet out of range"],
    ["10.0.0.0/33", "prefix too long for IPv4"],
    ["2001:db8::/129", "prefix too long for IPv6"],
    ["10.1/16", "short IPv4 form"],
    ["010.0.0.1", "octal-looking octet"],
    ["10.0.0.0/-1", "negative prefix"],
    ["10.0.0.0/", "missing prefix"],
    ["10.0.0.0/8/8", "two prefixes"],
    ["example.com", "a host name"],
    ["1.2.3.4-1.2.3.10", "a range"],
    ["gggg::1", "bad hex"],
  ])("refuses %j (%s)", (input) => {
    expect(parseNetwork(input)).toBeNull();
  });
});

describe("normalizeNetworks", () => {
  it("normalizes and drops duplicates in order", () => {
    expect(normalizeNetworks(["192.0.2.9/24", "2001:db8::/32", "192.0.2.0/24", "2001:DB8::/32"])).toEqual([
      "192.0.2.0/24",
      "2001:db8::/32",
    ]);
  });
  it("throws on an invalid entry", () => {
    expect(() => normalizeNetworks(["10.0.0.0/8", "nope"])).toThrow(/nope/);
  });
});

describe("isInAuthorizedNetworks", () => {
  const list = ["192.0.2.0/24", "10.0.0.0/8", "2001:db8::/32"];
  it.each([
    ["192.0.2.1", true],
    ["192.0.2.255", true],
    ["192.0.3.1", false],
    ["10.200.1.1", true],
    ["11.0.0.1", false],
    ["2001:db8::1", true],
    ["2001:db8:ffff::1", true],
    ["2001:db9::1", false],
    ["::ffff:10.1.2.3", true], // IPv4-mapped IPv6 (a dual-stack socket)
    ["::ffff:198.51.100.1", false],
    ["::1", false],
    ["fe80::1%eth0", false],
    ["not an ip", false],
    ["", false],
  ])("%s -> %s", (ip, expected) => {
    expect(isInAuthorizedNetworks(ip, list)).toBe(expected);
  });

  it("is false for an unknown address and for an empty list", () => {
    expect(isInAuthorizedNetworks(null, list)).toBe(false);
    expect(isInAuthorizedNetworks(undefined, list)).toBe(false);
    expect(isInAuthorizedNetworks("10.0.0.1", [])).toBe(false);
  });

  it("matches a single address and ::/0, and skips invalid stored entries", () => {
    expect(isInAuthorizedNetworks("198.51.100.7", ["bogus", "198.51.100.7"])).toBe(true);
    expect(isInAuthorizedNetworks("2001:db8::5", ["::/0"])).toBe(true);
    expect(isInAuthorizedNetworks("192.0.2.5", ["::/0"])).toBe(false);
    expect(isInAuthorizedNetworks("192.0.2.5", ["0.0.0.0/0"])).toBe(true);
  });
});
