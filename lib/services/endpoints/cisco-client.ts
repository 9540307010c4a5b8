// HTTP client for Cisco Secure Endpoint API v1: Basic auth (Client ID : API key), JSON,
// through the guarded outbound fetch (lib/net/guarded-fetch.ts: public https only, no
// redirects, a 3 s deadline, a capped answer). Returns outcomes, never throws for network or
// API errors (the callers log and decide). A failure before any answer is `unreachable`, so
// that nobody reads "Cisco answered" when nothing was reached.
import { describeApiError } from "../../endpoints/cisco";
import { guardedFetch, OutboundFetchError, type OutboundFailure } from "../../net/guarded-fetch";

export const CISCO_TIMEOUT_MS = 3_000;
const MAX_RESPONSE_BYTES = 1024 * 1024;

export type CiscoConnection = { baseUrl: string; clientId: string; apiKey: string; timeoutMs?: number };

export type CiscoUnreachable = {
  host: string;
  /** Why, for the administrator: "DNS lookup failed", "not a public https address", "no connection". */
  cause: string;
  /** The raw cause, for the server log. */
  code: OutboundFailure;
  detail: string;
};

export type CiscoResponse =
  | { ok: true; status: number; body: unknown }
  | { ok: false; status: number | null; error: string; unreachable?: CiscoUnreachable };

function unreachableCause(code: OutboundFailure, timeoutMs: number): string | null {
  switch (code) {
    case "dns_failed":
      return "DNS lookup failed";
    case "address_not_allowed":
    case "scheme_not_allowed":
    case "credentials_in_url":
    case "invalid_url":
      return "not a public https address";
    case "connect_failed":
    case "timeout":
      // Refused, reset, TLS failure or silence read the same: an open port is not told from a closed one.
      return `no connection within ${Math.round(timeoutMs / 1000)} s`;
    default:
      return null; // an answer came: too large, redirected
  }
}

export async function ciscoGet(conn: CiscoConnection, pathAndQuery: string): Promise<CiscoResponse> {
  const url = `${conn.baseUrl}${pathAndQuery}`;
  const timeoutMs = conn.timeoutMs ?? CISCO_TIMEOUT_MS;
  const auth = Buffer.from(`${conn.clientId}:${conn.apiKey}`).toString("base64");
  let res;
  try {
    res = await guardedFetch(url, {
      headers: { Authorization: `Basic ${auth}`, Accept: "application/json" },
      maxBytes: MAX_RESPONSE_BYTES,
      timeoutMs,
      // The API does not redirect; a redirect must not carry the key anywhere.
      maxRedirects: 0,
    });
  } catch (e) {
    if (!(e instanceof OutboundFetchError)) throw e;
    const cause = unreachableCause(e.code, timeoutMs);
    if (cause) {
      const unreachable = { host: e.host, cause, code: e.code, detail: e.detail };
      return { ok: false, status: null, error: `Couldn't reach ${e.host} (${cause}).`, unreachable };
    }
    return {
      ok: false,
      status: null,
      error: e.code === "too_large" ? "The API's answer is too large." : "The API answered with a redirect.",
    };
  }
  const text = res.body.toString("utf8");
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (res.status < 200 || res.status > 299) {
    const described = describeApiError(body);
    return {
      ok: false,
      status: res.status,
      error: (described ?? `HTTP ${res.status} ${res.statusText}`).slice(0, 300),
    };
  }
  if (body === null) return { ok: false, status: res.status, error: "The API did not answer with JSON." };
  return { ok: true, status: res.status, body };
}
