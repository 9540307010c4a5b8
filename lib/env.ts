// The environment, parsed once with zod. Nothing else in the code base reads process.env.
import { z } from "zod";

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
  /** Trust X-Forwarded-For from the reverse proxy in front of Portcullis. */
  PORTCULLIS_TRUST_PROXY: z
    .enum(["true", "false", "1", "0"])
    .default("false")
    .transform((v) => v === "true" || v === "1"),
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
