// The Auth API's asynchronous transaction ID (auth with async=1, then auth_status): the
// outcome is decided at once and carried in the txid itself, HMAC-SHA256 signed with a key
// derived from the seal key, bound to the integration key that asked and valid 5 minutes.
// Nothing is stored, so any process can answer auth_status. Pure (key passed in).
import { createHmac, timingSafeEqual } from "node:crypto";

export const TXID_TTL_MS = 5 * 60_000;

export type TxOutcome = { result: "allow" | "deny"; status: string; status_msg: string };

type Claims = TxOutcome & { i: string; e: number };

export function issueTxid(outcome: TxOutcome, integrationKey: string, key: Buffer, now = Date.now()): string {
  const body = Buffer.from(JSON.stringify({ ...outcome, i: integrationKey, e: now + TXID_TTL_MS })).toString(
    "base64url",
  );
  return `${body}.${createHmac("sha256", key).update(body).digest("base64url")}`;
}

/** The outcome, or null when the txid is malformed, forged, expired or another application's. */
export function readTxid(txid: string, integrationKey: string, key: Buffer, now = Date.now()): TxOutcome | null {
  if (txid.length > 1024) return null;
  const [body, mac, extra] = txid.split(".");
  if (!body || !mac || extra !== undefined) return null;
  const want = createHmac("sha256", key).update(body).digest();
  const got = Buffer.from(mac, "base64url");
  if (got.length !== want.length || !timingSafeEqual(got, want)) return null;
  let c: Claims;
  try {
    c = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as Claims;
  } catch {
    return null;
  }
  if (c.i !== integrationKey || typeof c.e !== "number" || c.e < now) return null;
  if (c.result !== "allow" && c.result !== "deny") return null;
  return { result: c.result, status: String(c.status), status_msg: String(c.status_msg) };
}
