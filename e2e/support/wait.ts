// Waiting for something the tests started (a server, an SP's daemon, a reloaded
// configuration) to reach a state: `check` is asked again and again by Playwright's
// expect.poll until it holds, until `timeoutMs` passes, or until `gaveUp` names a reason it
// never will (the process exited). The one place the e2e and interop helpers wait; nothing in
// them sleeps for a fixed time.
import { expect } from "@playwright/test";

export type WaitOptions = {
  /** What is awaited, for the error: "shibd's socket". */
  what: string;
  timeoutMs?: number;
  /** A reason to stop waiting at once (e.g. "exited with code 1"), or undefined. */
  gaveUp?: () => string | undefined;
  /** Appended to the error (logs). */
  detail?: () => string;
};

export async function waitUntil(check: () => boolean | Promise<boolean>, opts: WaitOptions): Promise<void> {
  const timeout = opts.timeoutMs ?? 30_000;
  let reason: string | undefined;
  let last = "";
  try {
    await expect
      .poll(
        async () => {
          reason = opts.gaveUp?.();
          if (reason) return true;
          try {
            return await check();
          } catch (e) {
            last = (e as Error).message;
            return false;
          }
        },
        { timeout, intervals: [50, 100, 200, 250] },
      )
      .toBe(true);
  } catch {
    reason = `not within ${timeout / 1000} s${last ? ` (${last})` : ""}`;
  }
  if (reason) throw new Error(`${opts.what}: ${reason}${opts.detail ? `\n${opts.detail()}` : ""}`);
}
