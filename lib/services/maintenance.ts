// The server's periodic clean-up, run by instrumentation.ts at start and every ten minutes:
// expired login transactions, replay entries and SSO sessions, users deleted more than 7 days
// ago, used or expired password reset links, expired remembered devices and user import previews. Logout chains
// an SP never answered get their log row before their transactions go.
import { deleteExpiredRememberedDevices } from "../db/remembered-devices";
import { purgeExpired } from "../db/sign-in-state";
import { purgeImportPreviews } from "../db/user-import-previews";
import { purgeResetTokens } from "../db/user-reset-tokens";
import { purgeDeletedUsers } from "../db/user-trash";
import { closeAbandonedLogoutChains } from "./sign-in/saml-slo";

export async function purgeExpiredState(now = new Date()): Promise<void> {
  await Promise.all([
    closeAbandonedLogoutChains().then(() => purgeExpired(now)),
    purgeDeletedUsers(now),
    purgeResetTokens(now),
    deleteExpiredRememberedDevices(now),
    purgeImportPreviews(now),
  ]);
}
