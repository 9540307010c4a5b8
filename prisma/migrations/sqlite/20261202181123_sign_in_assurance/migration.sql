-- AlterTable
ALTER TABLE "User" ADD COLUMN "sessionsRevokedAt" DATETIME;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_SsoSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "authnInstant" DATETIME NOT NULL,
    "factors" TEXT NOT NULL,
    "proofs" TEXT NOT NULL DEFAULT '{}',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "endedAt" DATETIME,
    CONSTRAINT "SsoSession_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_SsoSession" ("authnInstant", "createdAt", "endedAt", "expiresAt", "factors", "id", "userId") SELECT "authnInstant", "createdAt", "endedAt", "expiresAt", "factors", "id", "userId" FROM "SsoSession";
DROP TABLE "SsoSession";
ALTER TABLE "new_SsoSession" RENAME TO "SsoSession";
CREATE INDEX "SsoSession_userId_idx" ON "SsoSession"("userId");
CREATE INDEX "SsoSession_expiresAt_idx" ON "SsoSession"("expiresAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


-- Data: SSO session and login transaction IDs are now stored as SHA-256 hashes of the cookie
-- value, so rows written before this migration (raw IDs) can no longer be found by any cookie.
-- End them cleanly instead of leaving them usable to whoever holds a copy of the database:
-- live SSO sessions are marked ended now (their rows and participants stay, for the record),
-- and sign-ins in progress (at most 15 minutes old) are dropped; those users sign in again.
UPDATE "SsoSession" SET "endedAt" = CURRENT_TIMESTAMP WHERE "endedAt" IS NULL;
DELETE FROM "LoginTransaction";
