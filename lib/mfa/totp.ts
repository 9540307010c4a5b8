// RFC 6238 TOTP (otplib): 6 digits, 30 s, SHA-1 (what authenticator apps support),
// one step of tolerance each way, and a code is accepted at most once: the caller stores
// the accepted time step and passes it back as `lastStep`.
import { generateSecret, generateSync, generateURI, verifySync } from "otplib";

export const TOTP_PERIOD = 30;

export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

export function totpUri(secret: string, issuer: string, label: string): string {
  return generateURI({ issuer, label, secret, period: TOTP_PERIOD, digits: 6 });
}

export function totpCode(secret: string, nowMs: number = Date.now()): string {
  return generateSync({ secret, epoch: Math.floor(nowMs / 1000) });
}

export type TotpCheck = { ok: true; step: number } | { ok: false; reason: "invalid" | "replayed" };

export function checkTotp(
  secret: string,
  code: string,
  lastStep: number | null | undefined,
  nowMs: number = Date.now(),
): TotpCheck {
  const token = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(token)) return { ok: false, reason: "invalid" };
  const epoch = Math.floor(nowMs / 1000);
  const result = verifySync({ secret, token, epoch, epochTolerance: TOTP_PERIOD });
  if (!result.valid) return { ok: false, reason: "invalid" };
  const step = Math.floor(epoch / TOTP_PERIOD) + result.delta;
  if (lastStep != null && step <= lastStep) return { ok: false, reason: "replayed" };
  return { ok: true, step };
}
