// Bypass codes: an administrator generates them for one user, they are shown once, stored
// hashed, used a set number of times (default 1; null = unlimited until expiry) and expire.
// Repository-free: the caller passes the user's stored rows and applies the returned update.
//
// Hashing: argon2id (lib/crypto/password.ts, OWASP parameters, own salt per code). A code
// has only 9 digits (~30 bits), so a fast hash of a leaked row falls to brute force in
// seconds; argon2id makes each guess cost ~20-50 ms of CPU and 19 MiB, i.e. years of core
// time for the space, and needs no server-side key to keep and rotate (a keyed HMAC would
// be as strong only while its key stays out of the leak). Online guessing is bounded by the
// lockout: 10 tries against at most MAX_LIVE_BYPASS_CODES codes of 10^9 each.
// Constant time: each stored hash is compared inside argon2's verify; every live code is
// checked (no early exit), and a user with none still pays one decoy verification.
import { randomInt } from "node:crypto";
import { z } from "zod";
import { hashPassword, verifyPassword } from "../crypto/password";

export const BYPASS_CODE_LENGTHS = [9, 10] as const;
export type BypassCodeLength = (typeof BYPASS_CODE_LENGTHS)[number];
/** The most codes one request may generate, and the most live codes a user should hold (verification cost). */
export const MAX_LIVE_BYPASS_CODES = 10;

/** What an administrator asks for (Users > user > Bypass codes). An unlimited code must expire. */
export const bypassCodeRequestSchema = z
  .object({
    count: z
      .int("Enter a whole number of codes.")
      .min(1, "Generate at least 1 code.")
      .max(MAX_LIVE_BYPASS_CODES, `Generate at most ${MAX_LIVE_BYPASS_CODES} codes.`)
      .default(1),
    reuseCount: z
      .int("Enter a whole number of uses.")
      .min(1, "A code can be used at least once.")
      .max(100, "A code can be used at most 100 times.")
      .nullable()
      .default(1),
    expiresInMinutes: z
      .int("Enter a whole number of minutes.")
      .min(1, "A code expires after at least 1 minute.")
      .max(60 * 24 * 365, "A code expires within one year.")
      .nullable()
      .default(null),
  })
  .refine((v) => v.reuseCount !== null || v.expiresInMinutes !== null, {
    message: "A code with unlimited uses must expire.",
    path: ["expiresInMinutes"],
  });
export type BypassCodeRequest = z.infer<typeof bypassCodeRequestSchema>;

/** A BypassCode row as stored (the columns this module reads). */
export type StoredBypassCode = { id: string; codeHash: string; remainingUses: number | null; expiresAt: Date | null };

/** A new random code of `length` digits (uniform; leading zeros allowed). */
export function generateBypassCode(length: BypassCodeLength = 9): string {
  let code = "";
  for (let i = 0; i < length; i++) code += String(randomInt(10));
  return code;
}

/** Strips spaces and dashes a person may type; null unless 9 or 10 digits remain. */
export function normalizeBypassCode(input: string): string | null {
  const code = input.replace(/[\s-]+/g, "");
  return /^\d{9,10}$/.test(code) ? code : null;
}

/** The argon2id hash stored in BypassCode.codeHash. */
export async function hashBypassCode(code: string): Promise<string> {
  const normalized = normalizeBypassCode(code);
  if (!normalized) throw new Error("a bypass code has 9 or 10 digits");
  return hashPassword(normalized);
}

/** New codes for a request: `codes` to show once, `rows` to insert (same order). */
export async function issueBypassCodes(
  request: BypassCodeRequest,
  now: Date,
  length: BypassCodeLength = 9,
): Promise<{ codes: string[]; rows: { codeHash: string; remainingUses: number | null; expiresAt: Date | null }[] }> {
  const codes = new Set<string>();
  while (codes.size < request.count) codes.add(generateBypassCode(length));
  const expiresAt =
    request.expiresInMinutes === null ? null : new Date(now.getTime() + request.expiresInMinutes * 60_000);
  const list = [...codes];
  const hashes = await Promise.all(list.map((c) => hashPassword(c)));
  return { codes: list, rows: hashes.map((codeHash) => ({ codeHash, remainingUses: request.reuseCount, expiresAt })) };
}

/** Whether a stored code can still be used at `now` (unexpired, uses left). */
export function isBypassCodeUsable(row: Pick<StoredBypassCode, "remainingUses" | "expiresAt">, now: Date): boolean {
  return (
    (row.expiresAt === null || row.expiresAt.getTime() > now.getTime()) &&
    (row.remainingUses === null || row.remainingUses > 0)
  );
}

export type BypassCodeCheck =
  | {
      ok: true;
      codeId: string;
      /** True when this use was the last one: the caller may delete the row instead of updating it. */
      usedUp: boolean;
      /**
       * Apply atomically: `updateMany({ where: { id, remainingUses: whereRemainingUses }, data: { remainingUses: setRemainingUses } })`
       * and treat a count of 0 as a failed attempt (the same use was spent concurrently). Null: unlimited, nothing to write.
       */
      update: { id: string; whereRemainingUses: number; setRemainingUses: number } | null;
    }
  | { ok: false; reason: "malformed" | "no_usable_code" | "invalid" };

/** Checks a typed code against the user's stored codes; says which matched and what to write. */
export async function verifyBypassCode(
  rows: readonly StoredBypassCode[],
  typed: string,
  now: Date,
): Promise<BypassCodeCheck> {
  const code = normalizeBypassCode(typed);
  const live = rows.filter((r) => isBypassCodeUsable(r, now));
  if (!code) return { ok: false, reason: "malformed" };
  if (live.length === 0) {
    await verifyPassword(null, code); // the same cost as a wrong code
    return { ok: false, reason: "no_usable_code" };
  }
  const results = await Promise.all(live.map((r) => verifyPassword(r.codeHash, code)));
  const match = live.find((_, i) => results[i]);
  if (!match) return { ok: false, reason: "invalid" };
  if (match.remainingUses === null) return { ok: true, codeId: match.id, usedUp: false, update: null };
  const left = match.remainingUses - 1;
  return {
    ok: true,
    codeId: match.id,
    usedUp: left === 0,
    update: { id: match.id, whereRemainingUses: match.remainingUses, setRemainingUses: left },
  };
}
