// Authenticator apps in the tests' hands. The server accepts a TOTP code for the current
// 30 s step or one step either way, and each step once per authenticator (replay
// protection). So a test never waits for the clock: it uses the current step, then the next
// one (valid at once, and for at least 30 s more), computed from the secret. A third code
// within one step would need the clock to move: that is a test design error (use another
// user, the SSO session or a bypass code), and next() says so instead of sleeping.
// An authenticator lives in one test's memory: specs sign in only administrators and users
// they created themselves (the setup project's administrators are used through their saved
// sessions).
import { randomBytes } from "node:crypto";
import { generateSync } from "otplib";

const PERIOD_S = 30;

export const currentStep = (now = Date.now()) => Math.floor(now / 1000 / PERIOD_S);
export const codeAtStep = (secret: string, step: number) => generateSync({ secret, epoch: step * PERIOD_S });

/** A random base32 secret of 160 bits (32 characters), as the enrollment page shows one. */
export function randomTotpSecret(): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  return Array.from(randomBytes(32), (b) => alphabet[b & 31]).join("");
}

export class Authenticator {
  private lastStep: number;

  constructor(
    readonly secret: string,
    lastStep?: number,
  ) {
    this.lastStep = lastStep ?? -Infinity;
  }

  /** The code of the next unused step that the server accepts now (the current or the next step). */
  next(): string {
    const current = currentStep();
    const step = Math.max(current, this.lastStep + 1);
    if (step > current + 1)
      throw new Error(
        "Both usable TOTP steps of this authenticator are spent: a test signs one user in with a passcode at most " +
          "twice (then use another user, the SSO session or a bypass code) instead of waiting for the clock.",
      );
    this.lastStep = step;
    return codeAtStep(this.secret, step);
  }

  /** A six-digit code the server refuses now (differs from every code within tolerance). */
  wrong(): string {
    const current = currentStep();
    const valid = new Set([-2, -1, 0, 1, 2].map((d) => codeAtStep(this.secret, current + d)));
    for (let n = 123456; ; n = (n + 111111) % 1_000_000) {
      const code = String(n).padStart(6, "0");
      if (!valid.has(code)) return code;
    }
  }
}
