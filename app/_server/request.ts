// Request facts the services need: the client address for policy, throttling and logs.
import { headers } from "next/headers";
import { clientAddressFromHeaders } from "@/lib/http/client-address.mjs";

/**
 * The client address of a request: the one the Portcullis server (server.mjs) decided from
 * the socket and the trusted proxies, and nothing a client sent (README "Security model").
 * Null when unknown: no authorized network contains it.
 */
export function clientIpFrom(get: (name: string) => string | null | undefined): string | null {
  return clientAddressFromHeaders(get);
}

export async function clientIp(): Promise<string | null> {
  const h = await headers();
  return clientIpFrom((n) => h.get(n));
}

/**
 * The request body as bytes, or null when it is larger than `maxBytes`: refused by its
 * declared Content-Length before reading and, if that lies, while reading (the stream is
 * cancelled at the cap, so an endless body costs at most `maxBytes` of memory).
 */
export async function readBodyCapped(req: Request, maxBytes: number): Promise<Buffer | null> {
  if (Number(req.headers.get("content-length") ?? "0") > maxBytes) return null;
  const reader = req.body?.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** Largest body of the hosted pages' small forms (a passcode, a name, a token). */
export const SMALL_FORM_BYTES = 16 * 1024;

/**
 * The request's form fields (urlencoded or multipart), read through readBodyCapped: null when
 * the body is over `maxBytes` or is not a form.
 */
export async function readFormCapped(req: Request, maxBytes: number): Promise<FormData | null> {
  const body = await readBodyCapped(req, maxBytes);
  if (!body) return null;
  const type = req.headers.get("content-type") ?? "application/x-www-form-urlencoded";
  try {
    return await new Response(new Uint8Array(body), { headers: { "content-type": type } }).formData();
  } catch {
    return null;
  }
}
