// The end-user messages of the second-factor steps, by error code (lib/login/mfa-step).
import type { MessageKey } from "@/lib/i18n/messages";

export type SsoT = (key: MessageKey, vars?: Record<string, string>) => string;

const CODES = [
  "invalid_passcode",
  "replayed_passcode",
  "invalid_bypass_code",
  "webauthn_failed",
  "webauthn_cancelled",
  "webauthn_unsupported",
  "missing_code",
  "not_allowed",
] as const;

export function factorErrors(t: SsoT): Record<string, string> {
  return Object.fromEntries(CODES.map((c) => [c, t(`error.${c}` as MessageKey)]));
}
