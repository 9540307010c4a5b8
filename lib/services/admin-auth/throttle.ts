// Throttling of administrator sign-in failures, per account and per client address.
import { clearThrottle, readThrottle, writeThrottle } from "../../db/throttle";

export const ACCOUNT_FREE_FAILURES = 5;
const ACCOUNT_BASE_DELAY_MS = 30_000;
const ACCOUNT_MAX_DELAY_MS = 15 * 60_000;

export const IP_WINDOW_MS = 15 * 60_000;
export const IP_MAX_FAILURES = 20;
const IP_BLOCK_MS = 15 * 60_000;

/** After the free failures, each further one doubles the lock: 30 s, 1 min, 2 min … 15 min. */
export function accountLockDelayMs(consecutiveFailures: number): number {
  if (consecutiveFailures < ACCOUNT_FREE_FAILURES) return 0;
  const exp = consecutiveFailures - ACCOUNT_FREE_FAILURES;
  return Math.min(ACCOUNT_MAX_DELAY_MS, ACCOUNT_BASE_DELAY_MS * 2 ** Math.min(exp, 10));
}

export async function isAddressBlocked(ip: string | null | undefined, now = new Date()): Promise<boolean> {
  if (!ip) return false;
  const t = await readThrottle(`ip:${ip}`);
  return !!t?.blockedUntil && t.blockedUntil > now;
}

export async function recordAddressFailure(ip: string | null | undefined, now = new Date()): Promise<void> {
  if (!ip) return;
  const key = `ip:${ip}`;
  const t = await readThrottle(key);
  const fresh = !t || now.getTime() - t.windowStart.getTime() > IP_WINDOW_MS;
  const failures = fresh ? 1 : t.failures + 1;
  await writeThrottle(key, {
    failures,
    windowStart: fresh ? now : t.windowStart,
    blockedUntil: failures >= IP_MAX_FAILURES ? new Date(now.getTime() + IP_BLOCK_MS) : (t?.blockedUntil ?? null),
  });
}

export async function resetAddress(ip: string | null | undefined): Promise<void> {
  if (ip) await clearThrottle(`ip:${ip}`);
}
