-- DropIndex
DROP INDEX "AuthLog_reason_createdAt_idx";

-- DropIndex
DROP INDEX "AuthLog_result_createdAt_idx";

-- DropIndex
DROP INDEX "AuthLog_applicationId_createdAt_idx";

-- DropIndex
DROP INDEX "AuthLog_userId_createdAt_idx";

-- AlterTable
ALTER TABLE "Endpoint" ADD COLUMN "edrGuid" TEXT;
ALTER TABLE "Endpoint" ADD COLUMN "hostname" TEXT;
ALTER TABLE "Endpoint" ADD COLUMN "serialNumber" TEXT;

-- AlterTable
ALTER TABLE "Policy" ADD COLUMN "description" TEXT;

-- CreateTable
CREATE TABLE "DeviceCa" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "state" TEXT NOT NULL,
    "privateKeySealed" TEXT NOT NULL,
    "certificatePem" TEXT NOT NULL,
    "sha256Fingerprint" TEXT NOT NULL,
    "notAfter" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "DeviceCertificate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "endpointId" TEXT NOT NULL,
    "serialNumber" TEXT NOT NULL,
    "sha256Fingerprint" TEXT NOT NULL,
    "notAfter" DATETIME NOT NULL,
    "revokedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DeviceCertificate_endpointId_fkey" FOREIGN KEY ("endpointId") REFERENCES "Endpoint" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RememberedDevice" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "applicationId" TEXT,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RememberedDevice_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RememberedDevice_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Authenticator" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "secretSealed" TEXT,
    "lastUsedStep" INTEGER,
    "credentialId" TEXT,
    "publicKey" TEXT,
    "counter" BIGINT NOT NULL DEFAULT 0,
    "transports" TEXT,
    "deviceType" TEXT,
    "backedUp" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" DATETIME,
    CONSTRAINT "Authenticator_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Authenticator" ("counter", "createdAt", "credentialId", "id", "lastUsedAt", "lastUsedStep", "name", "publicKey", "secretSealed", "transports", "type", "userId") SELECT "counter", "createdAt", "credentialId", "id", "lastUsedAt", "lastUsedStep", "name", "publicKey", "secretSealed", "transports", "type", "userId" FROM "Authenticator";
DROP TABLE "Authenticator";
ALTER TABLE "new_Authenticator" RENAME TO "Authenticator";
CREATE UNIQUE INDEX "Authenticator_credentialId_key" ON "Authenticator"("credentialId");
CREATE INDEX "Authenticator_userId_idx" ON "Authenticator"("userId");
CREATE TABLE "new_BypassCode" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "remainingUses" INTEGER,
    "usedCount" INTEGER NOT NULL DEFAULT 0,
    "lastUsedAt" DATETIME,
    "expiresAt" DATETIME,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "BypassCode_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_BypassCode" ("codeHash", "createdAt", "createdById", "expiresAt", "id", "remainingUses", "userId") SELECT "codeHash", "createdAt", "createdById", "expiresAt", "id", "remainingUses", "userId" FROM "BypassCode";
DROP TABLE "BypassCode";
ALTER TABLE "new_BypassCode" RENAME TO "BypassCode";
CREATE INDEX "BypassCode_userId_idx" ON "BypassCode"("userId");
CREATE TABLE "new_PolicyAssignment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "policyId" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "groupId" TEXT,
    "position" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "PolicyAssignment_policyId_fkey" FOREIGN KEY ("policyId") REFERENCES "Policy" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PolicyAssignment_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PolicyAssignment_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_PolicyAssignment" ("applicationId", "groupId", "id", "policyId") SELECT "applicationId", "groupId", "id", "policyId" FROM "PolicyAssignment";
DROP TABLE "PolicyAssignment";
ALTER TABLE "new_PolicyAssignment" RENAME TO "PolicyAssignment";
CREATE INDEX "PolicyAssignment_policyId_idx" ON "PolicyAssignment"("policyId");
CREATE UNIQUE INDEX "PolicyAssignment_applicationId_groupId_policyId_key" ON "PolicyAssignment"("applicationId", "groupId", "policyId");
CREATE TABLE "new_User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "username" TEXT NOT NULL,
    "usernameNormalized" TEXT NOT NULL,
    "email" TEXT,
    "emailNormalized" TEXT,
    "realName" TEXT,
    "status" TEXT NOT NULL DEFAULT 'ACTIVE',
    "passwordHash" TEXT,
    "failedAttempts" INTEGER NOT NULL DEFAULT 0,
    "lockedAt" DATETIME,
    "notes" TEXT,
    "lastLoginAt" DATETIME,
    "deletedAt" DATETIME,
    "isEnrolled" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_User" ("createdAt", "deletedAt", "email", "emailNormalized", "failedAttempts", "id", "lastLoginAt", "lockedAt", "notes", "passwordHash", "realName", "status", "updatedAt", "username", "usernameNormalized") SELECT "createdAt", "deletedAt", "email", "emailNormalized", "failedAttempts", "id", "lastLoginAt", "lockedAt", "notes", "passwordHash", "realName", "status", "updatedAt", "username", "usernameNormalized" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_usernameNormalized_key" ON "User"("usernameNormalized");
CREATE INDEX "User_emailNormalized_idx" ON "User"("emailNormalized");
CREATE INDEX "User_status_usernameNormalized_idx" ON "User"("status", "usernameNormalized");
CREATE INDEX "User_isEnrolled_usernameNormalized_idx" ON "User"("isEnrolled", "usernameNormalized");
CREATE INDEX "User_lastLoginAt_id_idx" ON "User"("lastLoginAt", "id");
CREATE INDEX "User_deletedAt_idx" ON "User"("deletedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "DeviceCertificate_serialNumber_key" ON "DeviceCertificate"("serialNumber");

-- CreateIndex
CREATE UNIQUE INDEX "DeviceCertificate_sha256Fingerprint_key" ON "DeviceCertificate"("sha256Fingerprint");

-- CreateIndex
CREATE INDEX "DeviceCertificate_endpointId_idx" ON "DeviceCertificate"("endpointId");

-- CreateIndex
CREATE UNIQUE INDEX "RememberedDevice_tokenHash_key" ON "RememberedDevice"("tokenHash");

-- CreateIndex
CREATE INDEX "RememberedDevice_userId_idx" ON "RememberedDevice"("userId");

-- CreateIndex
CREATE INDEX "RememberedDevice_expiresAt_idx" ON "RememberedDevice"("expiresAt");

-- CreateIndex
CREATE INDEX "AuthLog_userId_createdAt_id_idx" ON "AuthLog"("userId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "AuthLog_username_createdAt_id_idx" ON "AuthLog"("username", "createdAt", "id");

-- CreateIndex
CREATE INDEX "AuthLog_applicationId_createdAt_id_idx" ON "AuthLog"("applicationId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "AuthLog_result_createdAt_id_idx" ON "AuthLog"("result", "createdAt", "id");

-- CreateIndex
CREATE INDEX "AuthLog_reason_createdAt_id_idx" ON "AuthLog"("reason", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Endpoint_lastSeenAt_idx" ON "Endpoint"("lastSeenAt");


-- Backfill the denormalized enrollment flag for users who already have an authenticator.
UPDATE "User" SET "isEnrolled" = true WHERE "id" IN (SELECT "userId" FROM "Authenticator");
