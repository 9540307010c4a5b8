-- CreateTable
CREATE TABLE "PairwiseNameId" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PairwiseNameId_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PairwiseNameId_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SamlTraceEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "applicationId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "direction" TEXT NOT NULL,
    "messageType" TEXT NOT NULL,
    "binding" TEXT,
    "messageId" TEXT,
    "verdict" TEXT NOT NULL,
    "reasonCode" TEXT,
    "reason" TEXT,
    "summary" TEXT,
    "xml" TEXT,
    CONSTRAINT "SamlTraceEntry_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Application" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "notes" TEXT,
    "template" TEXT NOT NULL DEFAULT 'generic-saml',
    "spEntityId" TEXT,
    "sloUrl" TEXT,
    "spLoginUrl" TEXT,
    "defaultRelayState" TEXT,
    "nameIdFormat" TEXT NOT NULL DEFAULT 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified',
    "nameIdFormatsAccepted" TEXT NOT NULL DEFAULT '',
    "nameIdAttribute" TEXT NOT NULL DEFAULT 'username',
    "signatureAlgorithm" TEXT NOT NULL DEFAULT 'SHA256',
    "signResponse" BOOLEAN NOT NULL DEFAULT true,
    "signAssertion" BOOLEAN NOT NULL DEFAULT true,
    "requireSignedRequests" BOOLEAN NOT NULL DEFAULT false,
    "spCertificatePem" TEXT,
    "userAccess" TEXT NOT NULL DEFAULT 'ALL',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Application" ("createdAt", "defaultRelayState", "id", "key", "name", "nameIdAttribute", "nameIdFormat", "notes", "requireSignedRequests", "signAssertion", "signResponse", "signatureAlgorithm", "sloUrl", "spCertificatePem", "spEntityId", "spLoginUrl", "template", "updatedAt", "userAccess") SELECT "createdAt", "defaultRelayState", "id", "key", "name", "nameIdAttribute", "nameIdFormat", "notes", "requireSignedRequests", "signAssertion", "signResponse", "signatureAlgorithm", "sloUrl", "spCertificatePem", "spEntityId", "spLoginUrl", "template", "updatedAt", "userAccess" FROM "Application";
DROP TABLE "Application";
ALTER TABLE "new_Application" RENAME TO "Application";
CREATE UNIQUE INDEX "Application_key_key" ON "Application"("key");
CREATE INDEX "Application_spEntityId_idx" ON "Application"("spEntityId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "PairwiseNameId_value_key" ON "PairwiseNameId"("value");

-- CreateIndex
CREATE INDEX "PairwiseNameId_applicationId_idx" ON "PairwiseNameId"("applicationId");

-- CreateIndex
CREATE UNIQUE INDEX "PairwiseNameId_userId_applicationId_key" ON "PairwiseNameId"("userId", "applicationId");

-- CreateIndex
CREATE INDEX "SamlTraceEntry_applicationId_createdAt_idx" ON "SamlTraceEntry"("applicationId", "createdAt");

-- CreateIndex
CREATE INDEX "SamlTraceEntry_createdAt_idx" ON "SamlTraceEntry"("createdAt");

