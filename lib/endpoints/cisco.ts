// Cisco Secure Endpoint (formerly AMP for Endpoints) API v1: regions, the base URL rule,
// and parsing of its JSON envelope. Pure; the HTTP client is lib/services/endpoints/cisco-client.ts.
//
// Every v1 response is { version, metadata, data } on success and
// { version, metadata, errors: [{ error_code, description, details: [...] }], data: {} } on
// failure. /v1/computers lists computers with connector_guid, hostname, operating_system,
// is_compromised, isolation {available, status}, last_seen ...; authentication is HTTP Basic
// with the 3rd Party API Client ID and the API key.
import { z } from "zod";

export const CISCO_REGIONS = [
  { value: "api.amp.cisco.com", label: "North America (api.amp.cisco.com)" },
  { value: "api.eu.amp.cisco.com", label: "Europe (api.eu.amp.cisco.com)" },
  { value: "api.apjc.amp.cisco.com", label: "Asia Pacific, Japan and China (api.apjc.amp.cisco.com)" },
] as const;
export type CiscoRegion = (typeof CISCO_REGIONS)[number]["value"];
export const isCiscoRegion = (v: string): v is CiscoRegion => CISCO_REGIONS.some((r) => r.value === v);

/**
 * The API base URL override (advanced field, for a lab or the tests' loopback fake): https,
 * or plain http to a loopback address when the development setting allows it (the guarded
 * fetch checks the resolved addresses again). Returns the normalized origin+path or null.
 */
export function normalizeBaseUrl(value: string, opts: { allowLoopbackHttp?: boolean } = {}): string | null {
  let u: URL;
  try {
    u = new URL(value.trim());
  } catch {
    return null;
  }
  if (u.username || u.password || u.search || u.hash) return null;
  const loopback = u.hostname === "localhost" || u.hostname === "127.0.0.1" || u.hostname === "[::1]";
  if (!(u.protocol === "https:" || (u.protocol === "http:" && loopback && opts.allowLoopbackHttp))) return null;
  return `${u.origin}${u.pathname.replace(/\/+$/, "")}`;
}

export const baseUrlOf = (region: string, override: string | null | undefined) => override || `https://${region}`;

const errorEnvelope = z.object({
  errors: z
    .array(
      z.object({
        error_code: z.union([z.number(), z.string()]).optional(),
        description: z.string().optional(),
        details: z.array(z.unknown()).optional(),
      }),
    )
    .min(1),
});

/** "401 Unauthorized: Unknown API key or Client ID" from an error envelope; null if it is none. */
export function describeApiError(body: unknown): string | null {
  const r = errorEnvelope.safeParse(body);
  if (!r.success) return null;
  const e = r.data.errors[0]!;
  const details = (e.details ?? []).filter((d): d is string => typeof d === "string").join("; ");
  return [e.error_code, e.description].filter(Boolean).join(" ") + (details ? `: ${details}` : "") || null;
}

export const computerSchema = z.object({
  connector_guid: z.string().min(1).max(100),
  hostname: z.string().max(253).optional().nullable(),
  operating_system: z.string().max(200).optional().nullable(),
  is_compromised: z.boolean().optional().nullable(),
  isolation: z.object({ status: z.string().optional() }).partial().optional().nullable(),
  last_seen: z.string().optional().nullable(),
});
export type Computer = z.infer<typeof computerSchema>;

const computerList = z.object({
  data: z.array(z.unknown()),
  metadata: z
    .object({ results: z.object({ total: z.number().optional() }).partial().optional() })
    .partial()
    .optional(),
});
const computerOne = z.object({ data: computerSchema });

/** The computers of a /v1/computers response (malformed entries skipped), and the total. */
export function parseComputerList(body: unknown): { computers: Computer[]; total: number | null } | null {
  const r = computerList.safeParse(body);
  if (!r.success) return null;
  const computers = r.data.data.flatMap((c) => {
    const p = computerSchema.safeParse(c);
    return p.success ? [p.data] : [];
  });
  return { computers, total: r.data.metadata?.results?.total ?? null };
}

export function parseComputer(body: unknown): Computer | null {
  const r = computerOne.safeParse(body);
  return r.success ? r.data.data : null;
}

/** The computer that is this endpoint: by connector GUID when known, else by exact hostname (case-insensitive). */
export function matchComputer(
  computers: Computer[],
  endpoint: { edrGuid?: string | null; hostname?: string | null },
): Computer | null {
  if (endpoint.edrGuid) {
    const byGuid = computers.find((c) => c.connector_guid === endpoint.edrGuid);
    if (byGuid) return byGuid;
  }
  const host = endpoint.hostname?.toLowerCase();
  if (!host) return null;
  const short = (h: string) => h.split(".")[0]!;
  const exact = computers.find((c) => c.hostname?.toLowerCase() === host);
  if (exact) return exact;
  // "laptop-42" matches "laptop-42.corp.example.com" (either side may be unqualified).
  const matches = computers.filter((c) => {
    const h = c.hostname?.toLowerCase();
    return !!h && (!h.includes(".") || !host.includes(".")) && short(h) === short(host);
  });
  return matches[0] ?? null;
}
