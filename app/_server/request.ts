// Request facts the services need: the client address for logs and throttling.
import { headers } from "next/headers";
import { env } from "@/lib/env";

/**
 * With PORTCULLIS_TRUST_PROXY the address is the last X-Forwarded-For hop, the one the
 * reverse proxy appended; without it, the first entry, which `next start` fills with the
 * socket address when the client sent none (README: "Client addresses").
 */
export function clientIpFrom(get: (name: string) => string | null | undefined): string | null {
  const xff = get("x-forwarded-for");
  if (!xff) return null;
  const hops = xff
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const ip = env().PORTCULLIS_TRUST_PROXY ? hops[hops.length - 1] : hops[0];
  return ip ? ip.slice(0, 64) : null;
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
