// Settings > Lockout: after how many consecutive failed sign-in attempts (password or second
// factor) an end user is Locked Out, and whether the lock lifts by itself after some minutes.
// Read on every failed attempt, so cached per process on globalThis; a change is in force in
// every worker when the save returns, in other instances within 250 ms (lib/services/config-sync.ts).
import { z } from "zod";
import { readSettings, writeSettings } from "../../db/settings";
import { lockoutSettingsSchema, readLockoutSettings, type LockoutSettings } from "../../mfa/lockout";
import { parseOrThrow } from "../../validation";
import { assertCan, audit, type Actor } from "../actor";
import { changedFields } from "../audit-diff";
import { configChanged, configEpoch, registerConfigCache, syncConfig } from "../config-sync";

const KEYS = ["lockoutThreshold", "autoUnlockMinutes"] as const;
const TTL_MS = 60_000;
const shared = globalThis as unknown as {
  portcullisLockoutSettings?: { current?: { value: LockoutSettings; at: number } };
};
const cached = (shared.portcullisLockoutSettings ??= {});
registerConfigCache("lockout-settings", () => (cached.current = undefined));

export async function getLockoutSettings(): Promise<LockoutSettings> {
  await syncConfig();
  const hit = cached.current;
  const epoch = configEpoch();
  if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
  const value = readLockoutSettings(await readSettings(KEYS));
  if (epoch === configEpoch()) cached.current = { value, at: Date.now() };
  return value;
}

/** The form's text fields: a whole number of attempts, and minutes or empty (administrator unlock only). */
const formSchema = z.object({
  lockoutThreshold: z
    .string()
    .trim()
    .min(1, "Enter a whole number of attempts.")
    .regex(/^\d+$/, "Enter a whole number of attempts.")
    .transform(Number)
    .pipe(lockoutSettingsSchema.shape.lockoutThreshold.unwrap()),
  autoUnlockMinutes: z
    .string()
    .trim()
    .regex(/^\d*$/, "Enter a whole number of minutes.")
    .transform((v) => (v === "" ? null : Number(v)))
    .pipe(lockoutSettingsSchema.shape.autoUnlockMinutes.unwrap()),
});

/** Saves the settings; `changed` is false (nothing written, no audit entry) when they are the same. */
export async function updateLockoutSettings(
  actor: Actor,
  input: unknown,
): Promise<{ settings: LockoutSettings; changed: boolean }> {
  assertCan(actor, "settings:manage");
  const raw = (input ?? {}) as Record<string, unknown>;
  const next = parseOrThrow(formSchema, {
    lockoutThreshold: String(raw.lockoutThreshold ?? ""),
    autoUnlockMinutes: String(raw.autoUnlockMinutes ?? ""),
  });
  const before = await getLockoutSettings();
  const diff = changedFields(before, next, KEYS);
  if (!diff) return { settings: next, changed: false };
  await writeSettings(next);
  await configChanged();
  await audit(actor, { action: "settings.update", targetType: "settings", targetLabel: "Lockout", ...diff });
  return { settings: next, changed: true };
}
