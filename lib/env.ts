// The environment, parsed once with zod. Nothing else in the code base reads process.env.
import { z } from "zod";
import { PROXY_HEADER_CHOICES, parseAddressList } from "./http/client-address.mjs";
import { LEGACY_TRUST_PROXY_MESSAGE } from "./http/server-config.mjs";

const base64Key = z.string().refine((v) => Buffer.from(v, "base64").length === 32, "must be 32 bytes, base64-encoded");

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** SQLite (`file:…`, the embedded default; `libsql://…`) or PostgreSQL (`postgresql://…`). */
  DATABASE_URL: z
    .string()
    .min(1)
    .regex(/^(file:|libsql:\/\/|postgres(ql)?:\/\/)/i, "must be a file:, libsql:// or postgresql:// URL")
    .default("file:./data/portcullis.db"),
  /** PostgreSQL: connections each process may open (default 10). */
  PORTCULLIS_DB_POOL_MAX: z.coerce.number().int().min(1).max(1000).optional(),
  PORTCULLIS_DATA_DIR: z.string().min(1).default("./data"),
  /** AES-256-GCM key that seals secrets at rest (private keys, TOTP seeds, API keys). */
  PORTCULLIS_SEAL_KEY: base64Key,
  /** Signs the administrator session cookie (next-auth). */
  NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters"),
  /** Public base URL used until Settings stores one; SAML URLs are built from it. */
  PORTCULLIS_BASE_URL: z.url().default("http://localhost:3000"),
  /** Refused: replaced by PORTCULLIS_TRUSTED_PROXIES (it trusted X-Forwarded-For from anyone). */
  PORTCULLIS_TRUST_PROXY: z.undefined({ error: LEGACY_TRUST_PROXY_MESSAGE }).optional(),
  /** Reverse proxies whose X-Forwarded-For (or Forwarded) counts: addresses and CIDR ranges. */
  PORTCULLIS_TRUSTED_PROXIES: z
    .string()
    .default("")
    .transform((v, ctx) => {
      const parsed = parseAddressList(v);
      if ("error" in parsed) {
        ctx.addIssue({ code: "custom", message: parsed.error });
        return z.NEVER;
      }
      return parsed.entries;
    }),
  /** Which header the trusted proxies write the client chain into. */
  PORTCULLIS_PROXY_HEADER: z
    .string()
    .default("x-forwarded-for")
    .transform((v) => v.trim().toLowerCase())
    .pipe(z.enum(PROXY_HEADER_CHOICES)),
  /**
   * Development and tests only: outbound fetches (metadata URLs, Cisco Secure Endpoint) may reach
   * loopback addresses, also over plain http (the tests' local fakes). Off by default.
   */
  PORTCULLIS_OUTBOUND_ALLOW_LOOPBACK: z
    .enum(["true", "false", "1", "0"])
    .default("false")
    .transform((v) => v === "true" || v === "1"),
  /**
   * Host name (and port, when not 443) that Admin API / Auth API clients are configured with
   * and sign requests for; default: the host of the public base URL (Settings).
   */
  PORTCULLIS_API_HOSTNAME: z
    .string()
    .regex(/^[A-Za-z0-9.-]+(:\d{1,5})?$/, "must be a host name, optionally with :port")
    .optional(),
  // Trusted Endpoints device check listeners (README "Trusted Endpoints: how a device proves itself").
  /** HTTPS port that asks browsers for a device certificate (TLS client authentication); off when unset. */
  PORTCULLIS_DEVICE_CHECK_TLS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** Plain HTTP port for a reverse proxy that terminates mTLS and forwards the certificate in a header; off when unset. */
  PORTCULLIS_DEVICE_CHECK_PROXY_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** Address the device check listeners bind to. */
  PORTCULLIS_DEVICE_CHECK_HOST: z.string().min(1).default("0.0.0.0"),
  /** PEM files of the TLS listener's server certificate and key; without them one is issued by the device CA. */
  PORTCULLIS_DEVICE_CHECK_TLS_CERT: z.string().min(1).optional(),
  PORTCULLIS_DEVICE_CHECK_TLS_KEY: z.string().min(1).optional(),
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

/** Returns the parsed environment; throws one readable error listing every bad variable. */
export function env(): Env {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}\nSee README.md "Configuration".`);
  }
  cached = parsed.data;
  return cached;
}
