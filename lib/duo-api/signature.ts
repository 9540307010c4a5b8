// Duo's request signing, as Duo's own clients do it (Debian's python3-duo-client 4.5,
// duo_client/client.py; libduo in libpam-duo / login-duo 1.11). Pure: no I/O.
//
//   Authorization: Basic base64(<integration key> ":" hex(HMAC(secret key, canonical)))
//
// canonical, one field per line:
//   v1 (libduo 1.x, /rest/v1 only): METHOD, host, path, params                    HMAC-SHA1
//   v2: Date, METHOD, host, path, params                                   HMAC-SHA1 or -SHA512
//   v4: Date, METHOD, host, path, params (query only), hex(SHA-512(JSON body))      HMAC-SHA512
// params: every key and value percent-encoded (all bytes but A-Z a-z 0-9 _ . - ~), sorted by
// key then value, joined as k=v with "&". The host is lowercased; the Date is the exact
// header value (X-Duo-Date when present, else Date), RFC 2822.
import { createHash, createHmac, timingSafeEqual } from "node:crypto";

export type SignatureVersion = 1 | 2 | 4;
export type Digest = "sha1" | "sha512";
export type Params = Record<string, string[]>;

/** Python's urllib.parse.quote(s, "~") on UTF-8: only unreserved characters stay as they are. */
export function duoQuote(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function canonParams(params: Params): string {
  const args: string[] = [];
  const keys = Object.keys(params).map((k) => [duoQuote(k), k] as const);
  keys.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  for (const [qk, k] of keys) {
    const vals = params[k]!.map(duoQuote).sort();
    for (const v of vals) args.push(`${qk}=${v}`);
  }
  return args.join("&");
}

export type CanonicalInput = {
  method: string;
  host: string;
  path: string;
  params: Params;
  date?: string;
  /** v4: the request body exactly as sent ("" for GET). */
  body?: string;
};

export function canonicalize(version: SignatureVersion, r: CanonicalInput): string {
  const common = [r.method.toUpperCase(), r.host.toLowerCase(), r.path, canonParams(r.params)];
  if (version === 1) return common.join("\n");
  if (version === 2) return [r.date ?? "", ...common].join("\n");
  return [
    r.date ?? "",
    ...common,
    createHash("sha512")
      .update(r.body ?? "", "utf8")
      .digest("hex"),
  ].join("\n");
}

export function signCanonical(secretKey: string, canonical: string, digest: Digest): string {
  return createHmac(digest, Buffer.from(secretKey, "utf8")).update(canonical, "utf8").digest("hex");
}

/** The Authorization header a client sends (used by the tests and the docs' examples). */
export function authorizationHeader(integrationKey: string, signatureHex: string): string {
  return `Basic ${Buffer.from(`${integrationKey}:${signatureHex}`, "utf8").toString("base64")}`;
}

export type Credentials = { integrationKey: string; signature: string; digest: Digest };

/** Splits "Basic base64(ikey:hexsig)"; null when it is not that shape (nothing is thrown). */
export function parseAuthorization(header: string | null | undefined): Credentials | null {
  if (!header || header.length > 2048) return null;
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/.exec(header);
  if (!m) return null;
  const decoded = Buffer.from(m[1]!, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon <= 0) return null;
  const integrationKey = decoded.slice(0, colon);
  const signature = decoded.slice(colon + 1).toLowerCase();
  if (!/^[A-Za-z0-9]{1,64}$/.test(integrationKey)) return null;
  if (/^[0-9a-f]{40}$/.test(signature)) return { integrationKey, signature, digest: "sha1" };
  if (/^[0-9a-f]{128}$/.test(signature)) return { integrationKey, signature, digest: "sha512" };
  return null;
}

/** Constant-time comparison of two hex signatures of the same digest. */
export function sameSignature(a: string, b: string): boolean {
  const x = Buffer.from(a, "hex");
  const y = Buffer.from(b, "hex");
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

/** Allowed difference between the request's Date and our clock. */
export const DATE_SKEW_SECONDS = 300;

/** RFC 2822 date ("Tue, 21 Aug 2012 17:29:18 -0000"); null when unreadable. */
export function parseRequestDate(value: string): Date | null {
  if (value.length > 64 || !/^[A-Za-z]{3}, \d{1,2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$/.test(value.trim()))
    return null;
  const t = Date.parse(value.replace(/-0000$/, "+0000"));
  return Number.isNaN(t) ? null : new Date(t);
}

export type VerifyInput = {
  method: string;
  path: string;
  /** Query parameters (always signed) and, for form-encoded bodies, the body's parameters. */
  params: Params;
  /** The raw body: its SHA-512 is signed by v4 (JSON bodies). */
  body: string;
  /** True when the body is JSON: then only v4 can have signed it, over the query parameters. */
  jsonBody: boolean;
  queryParams: Params;
  date: string | null;
  /** Host names this server answers to as the API hostname (any case, with and without port). */
  hosts: readonly string[];
  /** Accept version 1 (no Date): only on libduo's legacy /rest/v1 endpoints. */
  allowV1: boolean;
};

export type VerifyResult = { ok: true; version: SignatureVersion } | { ok: false };

/**
 * Whether `creds.signature` is a valid signature of the request by `secretKey`, for any of
 * the versions and host names allowed. Every candidate is computed and compared in constant
 * time (no early exit that would tell which part matched).
 */
export function verifySignature(secretKey: string, creds: Credentials, r: VerifyInput): VerifyResult {
  const candidates: { version: SignatureVersion; canonical: string }[] = [];
  for (const host of r.hosts) {
    const base = { method: r.method, host, path: r.path };
    if (r.jsonBody) {
      if (creds.digest === "sha512" && r.date)
        candidates.push({
          version: 4,
          canonical: canonicalize(4, { ...base, params: r.queryParams, date: r.date, body: r.body }),
        });
      continue;
    }
    if (r.date) {
      candidates.push({ version: 2, canonical: canonicalize(2, { ...base, params: r.params, date: r.date }) });
      if (creds.digest === "sha512")
        candidates.push({
          version: 4,
          canonical: canonicalize(4, { ...base, params: r.params, date: r.date, body: r.body }),
        });
    }
    if (r.allowV1 && creds.digest === "sha1")
      candidates.push({ version: 1, canonical: canonicalize(1, { ...base, params: r.params }) });
  }
  let match: SignatureVersion | null = null;
  for (const c of candidates) {
    if (sameSignature(signCanonical(secretKey, c.canonical, creds.digest), creds.signature)) match ??= c.version;
  }
  return match ? { ok: true, version: match } : { ok: false };
}
