// The server's periodic clean-up, run by instrumentation.ts at start and every ten minutes:
// expired login transactions, replay entries and SSO sessions, users deleted more than 7 days
// ago, used or expired password reset links, and expired remembered devices.
import { deleteExpiredRememberedDevices } from "../db/remembered-devices";
import { purgeExpired } from "../db/sign-in-state";
import { purgeResetTokens } from "../db/user-reset-tokens";
import { purgeDeletedUsers } from "../db/user-trash";

export async function purgeExpiredState(now = new Date()): Promise<void> {
  await Promise.all([
    purgeExpired(now),
    purgeDeletedUsers(now),
    purgeResetTokens(now),
    deleteExpiredRememberedDevices(now),
  ]);
}
