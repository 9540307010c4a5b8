// TOTP for the test administrators. The server accepts a code once per 30 s step per
// administrator (replay protection) and tolerates one step either way, so each sign-in
// takes the code of the next unused step: the current one if it is free, else the next
// one (within tolerance), else it waits. Secrets and used steps live in
// e2e/.auth/secrets.json, shared by the setup project and the specs.
import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import path from "node:path";
import { generateSync } from "otplib";
import { AUTH_DIR } from "./accounts";

const FILE = path.join(AUTH_DIR, "secrets.json");
const PERIOD_MS = 30_000;

type Entry = { secret: string; lastStep?: number };

function load(): Record<string, Entry> {
  return existsSync(FILE) ? (JSON.parse(readFileSync(FILE, "utf8")) as Record<string, Entry>) : {};
}

function store(all: Record<string, Entry>) {
  mkdirSync(AUTH_DIR, { recursive: true });
  writeFileSync(FILE, JSON.stringify(all, null, 2) + "\n");
}

function entry(email: string): Entry {
  const e = load()[email];
  if (!e) throw new Error(`No TOTP secret stored for ${email}: has it enrolled (setup project)?`);
  return e;
}

export function saveTotpSecret(email: string, secret: string) {
  const all = load();
  all[email] = { secret };
  store(all);
}

export function hasTotpSecret(email: string): boolean {
  return !!load()[email];
}

export const codeAtStep = (secret: string, step: number) => generateSync({ secret, epoch: step * (PERIOD_MS / 1000) });

/** The passcode for this administrator's next sign-in; marks its step as used. */
export async function nextPasscode(email: string): Promise<string> {
  for (;;) {
    const e = entry(email);
    const now = Date.now();
    const current = Math.floor(now / PERIOD_MS);
    const target = Math.max(current, (e.lastStep ?? -Infinity) + 1);
    if (target <= current + 1) {
      const all = load();
      all[email] = { ...e, lastStep: target };
      store(all);
      return codeAtStep(e.secret, target);
    }
    // Both the current and the next step are used: wait until the next one is current.
    await new Promise((r) => setTimeout(r, (target - 1) * PERIOD_MS - now + 250));
  }
}

/** A six-digit code that the server rejects now (differs from every code within tolerance). */
export function wrongPasscode(email: string): string {
  const { secret } = entry(email);
  const current = Math.floor(Date.now() / PERIOD_MS);
  const valid = new Set([-2, -1, 0, 1, 2].map((d) => codeAtStep(secret, current + d)));
  for (let n = 123456; ; n = (n + 111111) % 1_000_000) {
    const code = String(n).padStart(6, "0");
    if (!valid.has(code)) return code;
  }
}
