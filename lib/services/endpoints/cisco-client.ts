// HTTP client for Cisco Secure Endpoint API v1: Basic auth (Client ID : API key), JSON,
// a bounded timeout and a capped response size. Returns outcomes, never throws for
// network or API errors (the callers log and decide).
import { describeApiError } from "../../endpoints/cisco";

export const CISCO_TIMEOUT_MS = 3_000;
const MAX_RESPONSE_BYTES = 1024 * 1024;

export type CiscoConnection = { baseUrl: string; clientId: string; apiKey: string; timeoutMs?: number };

export type CiscoResponse =
  { ok: true; status: number; body: unknown } | { ok: false; status: number | null; error: string };

export async function ciscoGet(conn: CiscoConnection, pathAndQuery: string): Promise<CiscoResponse> {
  const url = `${conn.baseUrl}${pathAndQuery}`;
  const auth = Buffer.from(`${conn.clientId}:${conn.apiKey}`).toString("base64");
  let res: Response;
  try {
    res = await fetch(url, {
      headers: { Authorization: `Basic ${auth}`, Accept: "application/json" },
      redirect: "error",
      signal: AbortSignal.timeout(conn.timeoutMs ?? CISCO_TIMEOUT_MS),
    });
  } catch (e) {
    const name = (e as Error).name;
    if (name === "TimeoutError" || name === "AbortError")
      return {
        ok: false,
        status: null,
        error: `No answer from ${new URL(url).host} within ${((conn.timeoutMs ?? CISCO_TIMEOUT_MS) / 1000).toFixed(0)} s.`,
      };
    return {
      ok: false,
      status: null,
      error:
        `Could not reach ${new URL(url).host}: ${(e as Error & { cause?: { code?: string } }).cause?.code ?? (e as Error).message}`.slice(
          0,
          200,
        ),
    };
  }
  let text: string;
  try {
    const declared = Number(res.headers.get("content-length") ?? "0");
    if (declared > MAX_RESPONSE_BYTES)
      return { ok: false, status: res.status, error: "The API's answer is too large." };
    const buf = Buffer.from(await res.arrayBuffer());
    if (buf.length > MAX_RESPONSE_BYTES)
      return { ok: false, status: res.status, error: "The API's answer is too large." };
    text = buf.toString("utf8");
  } catch (e) {
    const name = (e as Error).name;
    return {
      ok: false,
      status: res.status,
      error:
        name === "TimeoutError" || name === "AbortError"
          ? "The API's answer did not arrive in time."
          : "The API's answer could not be read.",
    };
  }
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!res.ok) {
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
