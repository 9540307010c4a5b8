// The short-lived statement the device check hands back to the sign-in flow: which device
// (if any) proved itself, with which certificate, for which login transaction. HMAC-SHA256
// with a key derived from the seal key; bound to a hash of the transaction ID so an
// assertion cannot be carried into another sign-in. Format: base64url(JSON).base64url(mac).
import { createHash, createHmac, hkdfSync, timingSafeEqual } from "node:crypto";

export const ASSERTION_TTL_MS = 2 * 60_000;
const MAX_ASSERTION_CHARS = 2048;

export type DeviceAssertionClaims = {
  /** binding: deviceCheckBinding(transaction ID) */
  b: string;
  /** device identifier from the verified certificate, or null: checked, nothing verified */
  d: string | null;
  /** SHA-256 fingerprint of that certificate */
  f: string | null;
  /** how: "tls" (client certificate on the listener) or "proxy" (trusted proxy header) */
  v: "tls" | "proxy" | null;
  /** why nothing was verified (for the Authentication Log), e.g. no_certificate, wrong_ca */
  r: string | null;
  /** expiry, ms since epoch */
  e: number;
};

export function assertionKey(sealKey: Buffer): Buffer {
  return Buffer.from(hkdfSync("sha256", sealKey, Buffer.alloc(0), "portcullis device assertion v1", 32));
}

/** What binds an assertion to a login transaction without putting its ID in a URL. */
export function deviceCheckBinding(transactionId: string): string {
  return createHash("sha256").update(`device-check\n${transactionId}`).digest("base64url").slice(0, 32);
}

export function signAssertion(claims: Omit<DeviceAssertionClaims, "e">, key: Buffer, now: Date = new Date()): string {
  const body = Buffer.from(JSON.stringify({ ...claims, e: now.getTime() + ASSERTION_TTL_MS })).toString("base64url");
  return `${body}.${createHmac("sha256", key).update(body).digest("base64url")}`;
}

export function verifyAssertion(
  token: string,
  key: Buffer,
  binding: string,
  now: Date = new Date(),
): DeviceAssertionClaims | null {
  if (typeof token !== "string" || token.length > MAX_ASSERTION_CHARS) return null;
  const [body, mac, extra] = token.split(".");
  if (!body || !mac || extra !== undefined) return null;
  const expected = createHmac("sha256", key).update(body).digest();
  const given = Buffer.from(mac, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let claims: DeviceAssertionClaims;
  try {
    claims = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as DeviceAssertionClaims;
  } catch {
    return null;
  }
  if (typeof claims?.e !== "number" || claims.e < now.getTime()) return null;
  if (claims.b !== binding) return null;
  return claims;
}
