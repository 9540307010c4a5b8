-- CreateTable
CREATE TABLE "AuthSource" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameNormalized" TEXT NOT NULL,
    "type" TEXT NOT NULL DEFAULT 'SAML',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "idpEntityId" TEXT NOT NULL,
    "ssoUrl" TEXT NOT NULL,
    "certificatesPem" TEXT NOT NULL,
    "metadataUrl" TEXT,
    "nameIdFormat" TEXT,
    "identifierAttribute" TEXT NOT NULL DEFAULT 'NameID',
    "matchBy" TEXT NOT NULL DEFAULT 'EMAIL',
    "emailAttribute" TEXT,
    "realNameAttribute" TEXT,
    "jitEnabled" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "AuthSourceGroup" (
    "sourceId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,

    PRIMARY KEY ("sourceId", "groupId"),
    CONSTRAINT "AuthSourceGroup_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "AuthSource" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AuthSourceGroup_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuthSourceDomain" (
    "domain" TEXT NOT NULL PRIMARY KEY,
    "sourceId" TEXT NOT NULL,
    CONSTRAINT "AuthSourceDomain_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "AuthSource" ("id") ON DELETE CASCADE ON UPDATE CASCADE
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
    "secretKeySealed" TEXT,
    "secretKeySetAt" DATETIME,
    "apiGrants" TEXT,
    "authSourceMode" TEXT NOT NULL DEFAULT 'DEFAULT',
    "authSourceId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Application_authSourceId_fkey" FOREIGN KEY ("authSourceId") REFERENCES "AuthSource" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Application" ("apiGrants", "createdAt", "defaultRelayState", "id", "key", "name", "nameIdAttribute", "nameIdFormat", "nameIdFormatsAccepted", "notes", "requireSignedRequests", "secretKeySealed", "secretKeySetAt", "signAssertion", "signResponse", "signatureAlgorithm", "sloUrl", "spCertificatePem", "spEntityId", "spLoginUrl", "template", "updatedAt", "userAccess") SELECT "apiGrants", "createdAt", "defaultRelayState", "id", "key", "name", "nameIdAttribute", "nameIdFormat", "nameIdFormatsAccepted", "notes", "requireSignedRequests", "secretKeySealed", "secretKeySetAt", "signAssertion", "signResponse", "signatureAlgorithm", "sloUrl", "spCertificatePem", "spEntityId", "spLoginUrl", "template", "updatedAt", "userAccess" FROM "Application";
DROP TABLE "Application";
ALTER TABLE "new_Application" RENAME TO "Application";
CREATE UNIQUE INDEX "Application_key_key" ON "Application"("key");
CREATE INDEX "Application_spEntityId_idx" ON "Application"("spEntityId");
CREATE INDEX "Application_authSourceId_idx" ON "Application"("authSourceId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "AuthSource_key_key" ON "AuthSource"("key");

-- CreateIndex
CREATE UNIQUE INDEX "AuthSource_nameNormalized_key" ON "AuthSource"("nameNormalized");

-- CreateIndex
CREATE INDEX "AuthSourceGroup_groupId_idx" ON "AuthSourceGroup"("groupId");

-- CreateIndex
CREATE INDEX "AuthSourceDomain_sourceId_idx" ON "AuthSourceDomain"("sourceId");

