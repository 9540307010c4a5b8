// The one-time setup code: while no administrator exists, whoever reaches /admin/setup first
// could create the Owner, so setup also asks for a code that only the operator sees — it is
// printed in the server's log at start (instrumentation.ts) and on every later start until the
// Owner exists. It is stored sealed (lib/crypto/secrets.ts) so that every process of the
// instance prints and checks the same code; it is deleted when the Owner is created. The demo
// seeds its Owner and never needs one.
import { randomInt, timingSafeEqual } from "node:crypto";
import { sealSecret, unsealSecret } from "../../crypto/secrets";
import { deleteSetting, insertSettingOnce, readSettings } from "../../db/settings";

const KEY = "setup.code";
const CONTEXT = "first-run-setup-code";
/** Letters and digits that cannot be mistaken for one another (no 0/O, 1/I/L). */
const ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
const GROUPS = 3;
const GROUP_LENGTH = 4;

/** The form an operator types: upper case, without spaces or dashes. */
export function normalizeSetupCode(input: unknown): string {
  return typeof input === "string" ? input.toUpperCase().replace(/[\s-]/g, "").slice(0, 64) : "";
}

function newCode(): string {
  const groups: string[] = [];
  for (let g = 0; g < GROUPS; g++) {
    let s = "";
    for (let i = 0; i < GROUP_LENGTH; i++) s += ALPHABET[randomInt(ALPHABET.length)];
    groups.push(s);
  }
  return groups.join("-");
}

async function storedCode(): Promise<string | null> {
  const sealed = (await readSettings([KEY]))[KEY];
  if (typeof sealed !== "string") return null;
  try {
    return unsealSecret(sealed, CONTEXT);
  } catch {
    return null; // sealed with another key: a new one is issued below
  }
}

/** The current setup code, created on first use (the first process to store one wins). */
export async function ensureSetupCode(): Promise<string> {
  const existing = await storedCode();
  if (existing) return existing;
  await deleteSetting(KEY); // unreadable leftovers
  await insertSettingOnce(KEY, sealSecret(newCode(), CONTEXT));
  return (await storedCode())!;
}

/** True when `input` is the current setup code (compared in constant time). */
export async function checkSetupCode(input: unknown): Promise<boolean> {
  const stored = await storedCode();
  if (!stored) return false;
  const a = Buffer.from(normalizeSetupCode(stored));
  const b = Buffer.from(normalizeSetupCode(input));
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function discardSetupCode(): Promise<void> {
  await deleteSetting(KEY);
}

/** The lines the server prints at start while the tenant has no administrator. */
export function setupCodeBanner(code: string, setupUrl: string): string {
  return [
    "",
    "  ================================================================",
    "  Portcullis has no administrator yet. To create the Owner, open",
    `    ${setupUrl}`,
    "  and enter this one-time setup code:",
    "",
    `    ${code}`,
    "",
    "  It is printed at every start until the Owner exists.",
    "  ================================================================",
    "",
  ].join("\n");
}
