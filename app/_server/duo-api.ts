// HTTP glue of the Admin API and Auth API (lib/services/duo-api): the request as the
// services read it (raw path as signed, query, capped form or JSON body, Date headers) and
// Duo's envelope back as JSON, or as BSON for libduo's legacy /rest/v1 endpoints.
import { BSON } from "bson";
import type { Params } from "@/lib/duo-api/signature";
import type { ApiRequest } from "@/lib/services/duo-api/request";
import { fail, tooLarge, invalidParameter, type Envelope } from "@/lib/duo-api/envelope";
import { clientIpFrom, readBodyCapped } from "./request";

/** Admin API and Auth API bodies are small form posts; 64 KiB is far above any real call. */
export const MAX_API_BODY_BYTES = 64 * 1024;

function paramsOf(search: URLSearchParams): Params {
  const out: Params = {};
  for (const [k, v] of search) (out[k] ??= []).push(v);
  return out;
}

export type Parsed = { ok: true; request: ApiRequest } | { ok: false; status: number; envelope: Envelope };

export async function apiRequest(req: Request): Promise<Parsed> {
  const url = new URL(req.url);
  const raw = await readBodyCapped(req, MAX_API_BODY_BYTES);
  if (raw === null) return { ok: false, status: 413, envelope: fail(tooLarge()) };
  const body = raw.toString("utf8");
  const type = (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  let form: Params = {};
  let json: Record<string, unknown> | null = null;
  if (body.length > 0) {
    if (type === "application/json") {
      try {
        const v: unknown = JSON.parse(body);
        if (typeof v !== "object" || v === null || Array.isArray(v)) throw new Error("not an object");
        json = v as Record<string, unknown>;
      } catch {
        return { ok: false, status: 400, envelope: fail(invalidParameter("body")) };
      }
    } else form = paramsOf(new URLSearchParams(body));
  }
  const h = req.headers;
  return {
    ok: true,
    request: {
      method: req.method.toUpperCase(),
      path: url.pathname,
      query: paramsOf(url.searchParams),
      form,
      body,
      json,
      authorization: h.get("authorization"),
      date: h.get("x-duo-date") ?? h.get("date"),
      ip: clientIpFrom((n) => h.get(n)),
      userAgent: h.get("user-agent"),
    },
  };
}

const NO_STORE = { "cache-control": "no-store" };

export function jsonResponse(status: number, envelope: Envelope): Response {
  return new Response(JSON.stringify(envelope), {
    status,
    headers: { "content-type": "application/json", ...NO_STORE },
  });
}

export function bsonResponse(status: number, envelope: Envelope): Response {
  const bytes = BSON.serialize(envelope as Record<string, unknown>);
  return new Response(Buffer.from(bytes), {
    status,
    headers: { "content-type": "application/bson", ...NO_STORE },
  });
}
