// Proxy trust, the client-certificate header, device assertions, inventories and Cisco parsing.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { isTrustedPeer, parseTrustedProxies } from "./proxy-trust";
import { certificateFromHeader } from "./client-cert-header";
import { assertionKey, deviceCheckBinding, signAssertion, verifyAssertion } from "./device-assertion";
import { parseInventoryText, inventoryBodySchema, MAX_INVENTORY_DEVICES } from "./inventory";
import { describeApiError, matchComputer, normalizeBaseUrl, parseComputerList, parseComputer } from "./cisco";
import { createDeviceCa } from "./device-certificates";

describe("trusted proxies", () => {
  it("normalizes addresses and ranges and refuses anything else", () => {
    expect(parseTrustedProxies("10.0.0.5\n192.168.0.0/24, 2001:db8::/32 10.0.0.5")).toEqual({
      entries: ["10.0.0.5", "192.168.0.0/24", "2001:db8::/32"],
    });
    expect(parseTrustedProxies("10.0.0.300")).toEqual({
      error: expect.stringContaining("“10.0.0.300” is not an IP address"),
    });
    expect(parseTrustedProxies("example.com")).toHaveProperty("error");
    expect(parseTrustedProxies("10.0.0.0/33")).toHaveProperty("error");
  });

  it("matches the socket's peer address, IPv4-mapped IPv6 included", () => {
    const list = ["10.0.0.0/8", "127.0.0.1", "2001:db8::/32"];
    expect(isTrustedPeer("10.1.2.3", list)).toBe(true);
    expect(isTrustedPeer("::ffff:127.0.0.1", list)).toBe(true);
    expect(isTrustedPeer("2001:db8::1", list)).toBe(true);
    expect(isTrustedPeer("11.0.0.1", list)).toBe(false);
    expect(isTrustedPeer("127.0.0.2", list)).toBe(false);
    expect(isTrustedPeer(null, list)).toBe(false);
    expect(isTrustedPeer("10.1.2.3", [])).toBe(false);
  });
});

describe("client certificate header", () => {
  const pem = createDeviceCa("x").certificatePem;
  const body = pem.replace(/-----[^-]+-----|\s/g, "");
  it("reads nginx's URL-encoded PEM, a plain PEM and base64 DER", () => {
    expect(certificateFromHeader(encodeURIComponent(pem))?.replace(/\s/g, "")).toBe(pem.replace(/\s/g, ""));
    expect(certificateFromHeader(pem.replace(/\n/g, " "))?.replace(/\s/g, "")).toBe(pem.replace(/\s/g, ""));
    expect(certificateFromHeader(body)).toContain(body.slice(0, 64));
  });
  it("refuses empty, oversized and non-certificate values", () => {
    expect(certificateFromHeader("")).toBeNull();
    expect(certificateFromHeader("%E0%A4%A")).toBeNull();
    expect(certificateFromHeader("hello world")).toBeNull();
    expect(certificateFromHeader("A".repeat(60_000))).toBeNull();
  });
});

describe("device assertions", () => {
  const key = assertionKey(randomBytes(32));
  const b = deviceCheckBinding("tx-1");
  const claims = { b, d: "LAPTOP-1", f: "AB:CD", v: "tls" as const, r: null };
  it("verify for the same transaction within two minutes", () => {
    const t = signAssertion(claims, key);
    expect(verifyAssertion(t, key, b)).toMatchObject({ d: "LAPTOP-1", v: "tls" });
  });
  it("are refused for another transaction, after expiry, with another key or when altered", () => {
    const t = signAssertion(claims, key, new Date("2026-01-01T00:00:00Z"));
    expect(verifyAssertion(t, key, b, new Date("2026-01-01T00:01:00Z"))).not.toBeNull();
    expect(verifyAssertion(t, key, b, new Date("2026-01-01T00:02:01Z"))).toBeNull();
    const fresh = signAssertion(claims, key);
    expect(verifyAssertion(fresh, key, deviceCheckBinding("tx-2"))).toBeNull();
    expect(verifyAssertion(fresh, assertionKey(randomBytes(32)), b)).toBeNull();
    const [body, mac] = fresh.split(".");
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(body!, "base64url").toString()), d: "OTHER" }),
    ).toString("base64url");
    expect(verifyAssertion(`${forged}.${mac}`, key, b)).toBeNull();
    expect(verifyAssertion("x".repeat(5000), key, b)).toBeNull();
  });
});

describe("inventory text", () => {
  it("reads one identifier a line, skipping blanks and comments", () => {
    const r = parseInventoryText("# exported\nLAPTOP-1\n\n  MAC-2  \r\n");
    expect(r).toEqual({
      ok: true,
      entries: [expect.objectContaining({ deviceId: "LAPTOP-1" }), expect.objectContaining({ deviceId: "MAC-2" })],
    });
  });
  it("reads a CSV with a device_id column and optional hostname, OS, owner, serial", () => {
    const r = parseInventoryText(
      "device_id,hostname,os,owner,serial_number\nLAPTOP-1,laptop-1.corp.example.com,Windows 11,alice,SN1\nMAC-2,,macOS 15,,\n",
    );
    expect(r).toEqual({
      ok: true,
      entries: [
        {
          deviceId: "LAPTOP-1",
          hostname: "laptop-1.corp.example.com",
          os: "Windows 11",
          owner: "alice",
          serialNumber: "SN1",
        },
        { deviceId: "MAC-2", hostname: null, os: "macOS 15", owner: null, serialNumber: null },
      ],
    });
  });
  it("names the line of the first problem", () => {
    expect(parseInventoryText("LAPTOP-1\nbad id\n")).toEqual({
      ok: false,
      error: expect.stringMatching(/^Line 2: “bad id” is not a device identifier/),
    });
    expect(parseInventoryText("LAPTOP-1\nlaptop-1\n")).toEqual({
      ok: false,
      error: "Line 2: “laptop-1” is listed twice.",
    });
    expect(parseInventoryText("device_id,hostname\nA-1,ok\nB-2,bad host!\n")).toEqual({
      ok: false,
      error: "Line 3: A hostname uses letters, digits, dots and hyphens.",
    });
    expect(parseInventoryText('device_id\n"unterminated\n')).toMatchObject({
      ok: false,
      error: expect.stringContaining("could not be read"),
    });
  });
  it("caps size and count", () => {
    expect(parseInventoryText("A".repeat(1024 * 1024 + 1))).toEqual({
      ok: false,
      error: "The inventory is larger than 1 MiB.",
    });
    const many = Array.from({ length: MAX_INVENTORY_DEVICES + 1 }, (_, i) => `D-${i}`).join("\n");
    expect(parseInventoryText(many)).toMatchObject({
      ok: false,
      error: expect.stringContaining("at most 10000 devices"),
    });
  });
  it("API body: strict shape", () => {
    expect(inventoryBodySchema.safeParse({ devices: [{ deviceId: "A-1" }] }).success).toBe(true);
    expect(inventoryBodySchema.safeParse({ devices: [{ deviceId: "A 1" }] }).success).toBe(false);
    expect(inventoryBodySchema.safeParse({ devices: [], extra: 1 }).success).toBe(false);
    expect(inventoryBodySchema.safeParse([]).success).toBe(false);
  });
});

describe("Cisco Secure Endpoint wire format", () => {
  it("describes the API's error envelope", () => {
    expect(
      describeApiError({
        version: "v1.2.0",
        metadata: {},
        errors: [{ error_code: 401, description: "Unauthorized", details: ["Unknown API key or Client ID"] }],
        data: {},
      }),
    ).toBe("401 Unauthorized: Unknown API key or Client ID");
    expect(describeApiError({ data: [] })).toBeNull();
  });
  it("parses computer lists and single computers, skipping malformed entries", () => {
    const list = parseComputerList({
      version: "v1.2.0",
      metadata: { results: { total: 2 } },
      data: [{ connector_guid: "g1", hostname: "a", is_compromised: true }, { hostname: "no guid" }],
    });
    expect(list).toEqual({ computers: [{ connector_guid: "g1", hostname: "a", is_compromised: true }], total: 2 });
    expect(parseComputer({ data: { connector_guid: "g2", is_compromised: false } })).toEqual({
      connector_guid: "g2",
      is_compromised: false,
    });
    expect(parseComputerList({ errors: [] })).toBeNull();
  });
  it("matches a computer by connector GUID, then by hostname (qualified or not)", () => {
    const cs = [
      { connector_guid: "g1", hostname: "laptop-1.corp.example.com" },
      { connector_guid: "g2", hostname: "laptop-10" },
    ];
    expect(matchComputer(cs, { edrGuid: "g2", hostname: "laptop-1" })?.connector_guid).toBe("g2");
    expect(matchComputer(cs, { hostname: "LAPTOP-1" })?.connector_guid).toBe("g1");
    expect(matchComputer(cs, { hostname: "laptop-10.corp.example.com" })?.connector_guid).toBe("g2");
    expect(matchComputer(cs, { hostname: "laptop-2" })).toBeNull();
    expect(matchComputer(cs, {})).toBeNull();
  });
  it("allows https base URLs anywhere and http only on loopback", () => {
    expect(normalizeBaseUrl("https://api.amp.cisco.com/")).toBe("https://api.amp.cisco.com");
    expect(normalizeBaseUrl("http://127.0.0.1:4010", { allowLoopbackHttp: true })).toBe("http://127.0.0.1:4010");
    expect(normalizeBaseUrl("http://127.0.0.1:4010")).toBeNull();
    expect(normalizeBaseUrl("http://10.0.0.1")).toBeNull();
    expect(normalizeBaseUrl("https://user:pw@x.example")).toBeNull();
    expect(normalizeBaseUrl("javascript:alert(1)")).toBeNull();
  });
});
