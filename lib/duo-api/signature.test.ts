// Canonical requests and signatures against vectors computed by Debian's python3-duo-client
// (test/fixtures/duo/make-vectors.py runs duo_client.client.canonicalize and sign).
import { describe, expect, it } from "vitest";
import vectors from "../../test/fixtures/duo/signature-vectors.json";
import {
  canonicalize,
  canonParams,
  parseAuthorization,
  parseRequestDate,
  signCanonical,
  verifySignature,
  type Params,
  type SignatureVersion,
} from "./signature";

type Vector = {
  version: SignatureVersion;
  digest: "sha1" | "sha512";
  method: string;
  host: string;
  path: string;
  params: Record<string, string | string[]>;
  date?: string;
  body?: string;
  canonical: string;
  authorization: string;
};

const asParams = (p: Vector["params"]): Params =>
  Object.fromEntries(Object.entries(p).map(([k, v]) => [k, Array.isArray(v) ? v : [v]]));

const all = vectors.vectors as Vector[];

describe("Duo request signing (vectors from the Debian client)", () => {
  it("has vectors for versions 1, 2 (SHA-1 and SHA-512) and 4", () => {
    expect(new Set(all.map((v) => `${v.version}/${v.digest}`))).toEqual(
      new Set(["1/sha1", "2/sha1", "2/sha512", "4/sha512"]),
    );
  });

  it.each(all.map((v, i) => [i, v.version, v.digest, v.method, v.path, v] as const))(
    "#%i v%i %s %s %s: canonical string and Authorization header",
    (_i, version, digest, method, path, v) => {
      const jsonV4 = version === 4 && method === "POST";
      const params = jsonV4 ? {} : asParams(v.params);
      const canonical = canonicalize(version, {
        method,
        host: v.host,
        path,
        params,
        date: v.date,
        body: v.body,
      });
      expect(canonical).toBe(v.canonical);
      const creds = parseAuthorization(v.authorization);
      expect(creds).toMatchObject({ integrationKey: vectors.ikey, digest });
      expect(signCanonical(vectors.skey, canonical, digest)).toBe(creds!.signature);
      // The verifier accepts it exactly for this version's rules.
      const result = verifySignature(vectors.skey, creds!, {
        method,
        path,
        params: jsonV4 ? {} : asParams(v.params),
        queryParams: {},
        body: v.body ?? "",
        jsonBody: jsonV4,
        date: v.date ?? null,
        hosts: [v.host.toLowerCase()],
        allowV1: version === 1,
      });
      expect(result).toEqual({ ok: true, version });
    },
  );

  it("refuses the same request with another secret, host, path, parameter or date", () => {
    const v = all.find((x) => x.version === 2 && x.digest === "sha1" && x.method === "POST")!;
    const creds = parseAuthorization(v.authorization)!;
    const base = {
      method: v.method,
      path: v.path,
      params: asParams(v.params),
      queryParams: {},
      body: "",
      jsonBody: false,
      date: v.date!,
      hosts: [v.host],
      allowV1: false,
    };
    expect(verifySignature(vectors.skey, creds, base).ok).toBe(true);
    expect(verifySignature(vectors.skey.replace(/.$/, "x"), creds, base).ok).toBe(false);
    expect(verifySignature(vectors.skey, creds, { ...base, hosts: ["api-other.example.com"] }).ok).toBe(false);
    expect(verifySignature(vectors.skey, creds, { ...base, path: "/admin/v1/groups" }).ok).toBe(false);
    expect(verifySignature(vectors.skey, creds, { ...base, method: "DELETE" }).ok).toBe(false);
    expect(verifySignature(vectors.skey, creds, { ...base, params: { ...base.params, status: ["disabled"] } }).ok).toBe(
      false,
    );
    expect(verifySignature(vectors.skey, creds, { ...base, date: "Tue, 21 Aug 2012 17:29:19 -0000" }).ok).toBe(false);
    // A v2 request is not accepted as a date-less v1 request, and v1 only where allowed.
    expect(verifySignature(vectors.skey, creds, { ...base, date: null, allowV1: true }).ok).toBe(false);
  });

  it("refuses a v1 signature where v1 is not allowed (everything but /rest/v1)", () => {
    const v = all.find((x) => x.version === 1)!;
    const creds = parseAuthorization(v.authorization)!;
    const input = {
      method: v.method,
      path: v.path,
      params: asParams(v.params),
      queryParams: {},
      body: "",
      jsonBody: false,
      date: null,
      hosts: [v.host],
    };
    expect(verifySignature(vectors.skey, creds, { ...input, allowV1: true }).ok).toBe(true);
    expect(verifySignature(vectors.skey, creds, { ...input, allowV1: false }).ok).toBe(false);
  });

  it("encodes like Python's quote(s, '~'), sorts by key then value", () => {
    expect(canonParams({ b: ["2", "1"], a: ["x y"], "c~": ["!*'()"], é: ["☃"] })).toBe(
      // duo_client.client.canon_params of the same input prints exactly this.
      "%C3%A9=%E2%98%83&a=x%20y&b=1&b=2&c~=%21%2A%27%28%29",
    );
  });

  it("reads only well-formed credentials", () => {
    const ok = `Basic ${Buffer.from(`DIABC:${"a".repeat(40)}`).toString("base64")}`;
    expect(parseAuthorization(ok)).toEqual({ integrationKey: "DIABC", signature: "a".repeat(40), digest: "sha1" });
    expect(parseAuthorization(undefined)).toBeNull();
    expect(parseAuthorization("Bearer x")).toBeNull();
    expect(parseAuthorization(`Basic ${Buffer.from("DIABC:nothex").toString("base64")}`)).toBeNull();
    expect(parseAuthorization(`Basic ${Buffer.from(`DI ABC:${"a".repeat(40)}`).toString("base64")}`)).toBeNull();
    expect(parseAuthorization(`Basic ${Buffer.from(`DIABC:${"a".repeat(41)}`).toString("base64")}`)).toBeNull();
  });

  it("reads RFC 2822 dates as the clients write them", () => {
    expect(parseRequestDate("Tue, 21 Aug 2012 17:29:18 -0000")?.toISOString()).toBe("2012-08-21T17:29:18.000Z");
    expect(parseRequestDate("Tue, 21 Aug 2012 19:29:18 +0200")?.toISOString()).toBe("2012-08-21T17:29:18.000Z");
    expect(parseRequestDate("2012-08-21T17:29:18Z")).toBeNull();
    expect(parseRequestDate("yesterday")).toBeNull();
  });
});
