// The one way Portcullis fetches a URL an administrator typed (SP metadata by URL, the Cisco
// Secure Endpoint API, later an upstream IdP's metadata). It cannot be aimed inside:
//  - https only; plain http only to a loopback address, and only when the development/test
//    setting PORTCULLIS_OUTBOUND_ALLOW_LOOPBACK is on (the tests' loopback fakes);
//  - the host name is resolved once and EVERY address it resolves to must be public unicast
//    (lib/net/outbound-address.ts); the connection is then made to that checked address (no
//    second lookup, so DNS rebinding cannot swap it), with the original Host header and TLS
//    server name (SNI) and certificate check against the host name;
//  - at most 3 redirects (by default), each one checked the same way; credentials are dropped
//    when a redirect leaves the origin;
//  - one deadline for the whole exchange, and a cap on the response size.
// Failures are an OutboundFetchError with a code and a detail for the server log; callers
// show administrators a generic text that does not tell an open port from a closed one.
import { lookup as dnsLookup } from "node:dns/promises";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { env } from "../env";
import { isLoopbackAddress, isPublicAddress, parseIp } from "./outbound-address";

export type OutboundFailure =
  | "invalid_url"
  | "scheme_not_allowed"
  | "credentials_in_url"
  | "dns_failed"
  | "address_not_allowed"
  | "connect_failed"
  | "timeout"
  | "too_large"
  | "too_many_redirects"
  | "bad_redirect";

export class OutboundFetchError extends Error {
  constructor(
    readonly code: OutboundFailure,
    /** The host (name[:port]) of the URL that failed. */
    readonly host: string,
    /** The exact cause, for the server log and audit detail only. */
    readonly detail: string,
  ) {
    super(`${code} (${host}): ${detail}`);
    this.name = "OutboundFetchError";
  }
}

export type ResolvedAddress = { address: string; family: 4 | 6 };
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export type GuardedFetchOptions = {
  headers?: Record<string, string>;
  /** Largest response body accepted, in bytes. */
  maxBytes: number;
  /** Deadline for the whole exchange (DNS, connection, redirects, body), in milliseconds. */
  timeoutMs: number;
  /** Redirects followed (each re-checked); default 3. */
  maxRedirects?: number;
  /** Loopback targets (and plain http to them); default: PORTCULLIS_OUTBOUND_ALLOW_LOOPBACK. */
  allowLoopback?: boolean;
  /** Name resolution (tests inject one); default: the system resolver, all addresses. */
  resolve?: Resolver;
  /** Extra trusted CA certificates (PEM), for tests against a local https server. */
  ca?: string | string[];
};

export type GuardedResponse = {
  status: number;
  statusText: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  /** The URL that answered (after redirects). */
  url: string;
};

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const SENSITIVE_HEADERS = ["authorization", "cookie", "proxy-authorization"];

const systemResolver: Resolver = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((a) => ({
    address: a.address,
    family: a.family === 6 ? 6 : 4,
  }));

function hostOf(u: URL) {
  return u.host || u.href.slice(0, 100);
}

/** Checks the URL's scheme and resolves + checks its addresses; returns the address to connect to. */
async function checkTarget(u: URL, allowLoopback: boolean, resolve: Resolver, deadline: number) {
  const host = hostOf(u);
  if (u.protocol !== "https:" && u.protocol !== "http:")
    throw new OutboundFetchError("scheme_not_allowed", host, `scheme ${u.protocol}`);
  if (u.username || u.password) throw new OutboundFetchError("credentials_in_url", host, "user info in URL");
  const name = u.hostname.replace(/^\[|\]$/g, "");
  let addresses: ResolvedAddress[];
  if (parseIp(name)) {
    addresses = [{ address: name, family: name.includes(":") ? 6 : 4 }];
  } else {
    const remaining = deadline - Date.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      addresses = await Promise.race([
        resolve(name),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new OutboundFetchError("timeout", host, "DNS lookup timed out")),
            Math.max(0, remaining),
          );
        }),
      ]);
    } catch (e) {
      if (e instanceof OutboundFetchError) throw e;
      throw new OutboundFetchError("dns_failed", host, (e as NodeJS.ErrnoException).code ?? (e as Error).message);
    } finally {
      clearTimeout(timer);
    }
    if (!addresses.length) throw new OutboundFetchError("dns_failed", host, "no addresses");
  }
  for (const a of addresses) {
    const ok = isPublicAddress(a.address) || (allowLoopback && isLoopbackAddress(a.address));
    if (!ok) throw new OutboundFetchError("address_not_allowed", host, `${name} -> ${a.address}`);
  }
  if (u.protocol === "http:" && !(allowLoopback && addresses.every((a) => isLoopbackAddress(a.address))))
    throw new OutboundFetchError("scheme_not_allowed", host, "plain http to a non-loopback address");
  return addresses[0]!;
}

/** One request to the checked address; the body is read up to maxBytes. */
function exchange(
  u: URL,
  target: ResolvedAddress,
  headers: Record<string, string>,
  opts: GuardedFetchOptions,
  deadline: number,
): Promise<Omit<GuardedResponse, "url">> {
  const host = hostOf(u);
  // Every lookup of this request answers with the address that was checked.
  const pinned: LookupFunction = (_hostname, options, callback) => {
    if ((options as { all?: boolean }).all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
  const mod = u.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (e: OutboundFetchError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      reject(e);
    };
    const req = mod.request(
      u,
      {
        method: "GET",
        headers: { ...headers, Host: u.host },
        lookup: pinned,
        agent: false,
        ...(opts.ca ? { ca: opts.ca } : {}),
      },
      (res) => {
        const declared = Number(res.headers["content-length"] ?? "0");
        if (declared > opts.maxBytes)
          return fail(new OutboundFetchError("too_large", host, `content-length ${declared}`));
        const chunks: Buffer[] = [];
        let total = 0;
        res.on("data", (chunk: Buffer) => {
          total += chunk.length;
          if (total > opts.maxBytes)
            fail(new OutboundFetchError("too_large", host, `more than ${opts.maxBytes} bytes`));
          else chunks.push(chunk);
        });
        res.on("end", () => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve({
            status: res.statusCode ?? 0,
            statusText: res.statusMessage ?? "",
            headers: res.headers,
            body: Buffer.concat(chunks),
          });
        });
        res.on("error", (e) => fail(new OutboundFetchError("connect_failed", host, e.message)));
      },
    );
    const timer = setTimeout(
      () => fail(new OutboundFetchError("timeout", host, "no complete answer in time")),
      Math.max(0, deadline - Date.now()),
    );
    req.on("error", (e: NodeJS.ErrnoException) =>
      fail(new OutboundFetchError("connect_failed", host, `${e.code ?? ""} ${e.message}`.trim())),
    );
    req.end();
  });
}

/** GET `url` under the rules above. Throws OutboundFetchError; HTTP error statuses are answers, not errors. */
export async function guardedFetch(url: string, opts: GuardedFetchOptions): Promise<GuardedResponse> {
  const allowLoopback = opts.allowLoopback ?? env().PORTCULLIS_OUTBOUND_ALLOW_LOOPBACK;
  const resolve = opts.resolve ?? systemResolver;
  const maxRedirects = opts.maxRedirects ?? 3;
  const deadline = Date.now() + opts.timeoutMs;
  let current: URL;
  try {
    current = new URL(url);
  } catch {
    throw new OutboundFetchError("invalid_url", String(url).slice(0, 100), "not a URL");
  }
  let headers = { ...opts.headers };
  for (let redirects = 0; ; redirects++) {
    const target = await checkTarget(current, allowLoopback, resolve, deadline);
    const res = await exchange(current, target, headers, opts, deadline);
    const location = res.headers.location;
    if (!REDIRECTS.has(res.status) || !location) return { ...res, url: current.href };
    if (redirects >= maxRedirects)
      throw new OutboundFetchError("too_many_redirects", hostOf(current), `more than ${maxRedirects} redirects`);
    let next: URL;
    try {
      next = new URL(location, current);
    } catch {
      throw new OutboundFetchError("bad_redirect", hostOf(current), `Location ${location.slice(0, 100)}`);
    }
    if (next.origin !== current.origin) {
      headers = Object.fromEntries(
        Object.entries(headers).filter(([k]) => !SENSITIVE_HEADERS.includes(k.toLowerCase())),
      );
    }
    current = next;
  }
}

/** One line for the server log about a failed outbound fetch. */
export function logOutboundFailure(purpose: string, e: OutboundFetchError, extra: Record<string, unknown> = {}) {
  console.warn(
    JSON.stringify({ at: "outbound.fetch", purpose, code: e.code, host: e.host, detail: e.detail, ...extra }),
  );
}
