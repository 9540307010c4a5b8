-- AlterTable
ALTER TABLE "SsoSession" ADD COLUMN     "proofs" TEXT COLLATE "C" NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "sessionsRevokedAt" TIMESTAMP(3);


-- Data: SSO session and login transaction IDs are now stored as SHA-256 hashes of the cookie
-- value, so rows written before this migration (raw IDs) can no longer be found by any cookie.
-- End them cleanly instead of leaving them usable to whoever holds a copy of the database:
-- live SSO sessions are marked ended now (their rows and participants stay, for the record),
-- and sign-ins in progress (at most 15 minutes old) are dropped: those users sign in again.
UPDATE "SsoSession" SET "endedAt" = CURRENT_TIMESTAMP WHERE "endedAt" IS NULL;
DELETE FROM "LoginTransaction";
