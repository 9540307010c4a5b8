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
  const hops = xff.split(",").map((s) => s.trim()).filter(Boolean);
  const ip = env().PORTCULLIS_TRUST_PROXY ? hops[hops.length - 1] : hops[0];
  return ip ? ip.slice(0, 64) : null;
}

export async function clientIp(): Promise<string | null> {
  const h = await headers();
  return clientIpFrom((n) => h.get(n));
}
