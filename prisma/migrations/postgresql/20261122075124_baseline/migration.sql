-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Admin" (
    "id" TEXT COLLATE "C" NOT NULL,
    "email" TEXT COLLATE "C" NOT NULL,
    "emailNormalized" TEXT COLLATE "C" NOT NULL,
    "name" TEXT COLLATE "C" NOT NULL,
    "role" TEXT COLLATE "C" NOT NULL,
    "passwordHash" TEXT COLLATE "C" NOT NULL,
    "totpSecretSealed" TEXT COLLATE "C",
    "totpLastStep" INTEGER,
    "failedLoginCount" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" TIMESTAMP(3),
    "lastLoginAt" TIMESTAMP(3),
    "sessionVersion" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Admin_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AdminAuditLog" (
    "id" TEXT COLLATE "C" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "adminId" TEXT COLLATE "C",
    "actorLabel" TEXT COLLATE "C" NOT NULL,
    "action" TEXT COLLATE "C" NOT NULL,
    "targetType" TEXT COLLATE "C",
    "targetId" TEXT COLLATE "C",
    "targetLabel" TEXT COLLATE "C",
    "before" TEXT COLLATE "C",
    "after" TEXT COLLATE "C",
    "ip" TEXT COLLATE "C",

    CONSTRAINT "AdminAuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT COLLATE "C" NOT NULL,
    "username" TEXT COLLATE "C" NOT NULL,
    "usernameNormalized" TEXT COLLATE "C" NOT NULL,
    "email" TEXT COLLATE "C",
    "emailNormalized" TEXT COLLATE "C",
    "realName" TEXT COLLATE "C",
    "status" TEXT COLLATE "C" NOT NULL DEFAULT 'ACTIVE',
    "passwordHash" TEXT COLLATE "C",
    "failedAttempts" INTEGER NOT NULL DEFAULT 0,
    "lockedAt" TIMESTAMP(3),
    "notes" TEXT COLLATE "C",
    "lastLoginAt" TIMESTAMP(3),
    "deletedAt" TIMESTAMP(3),
    "isEnrolled" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UserAlias" (
    "id" TEXT COLLATE "C" NOT NULL,
    "userId" TEXT COLLATE "C" NOT NULL,
    "alias" TEXT COLLATE "C" NOT NULL,
    "aliasNormalized" TEXT COLLATE "C" NOT NULL,

    CONSTRAINT "UserAlias_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PasswordResetToken" (
    "id" TEXT COLLATE "C" NOT NULL,
    "userId" TEXT COLLATE "C" NOT NULL,
    "tokenHash" TEXT COLLATE "C" NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PasswordResetToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Group" (
    "id" TEXT COLLATE "C" NOT NULL,
    "name" TEXT COLLATE "C" NOT NULL,
    "nameNormalized" TEXT COLLATE "C" NOT NULL,
    "description" TEXT COLLATE "C",
    "status" TEXT COLLATE "C" NOT NULL DEFAULT 'ACTIVE',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Group_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GroupMember" (
    "groupId" TEXT COLLATE "C" NOT NULL,
    "userId" TEXT COLLATE "C" NOT NULL,
    "addedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GroupMember_pkey" PRIMARY KEY ("groupId","userId")
);

-- CreateTable
CREATE TABLE "Authenticator" (
    "id" TEXT COLLATE "C" NOT NULL,
    "userId" TEXT COLLATE "C" NOT NULL,
    "type" TEXT COLLATE "C" NOT NULL,
    "name" TEXT COLLATE "C" NOT NULL,
    "secretSealed" TEXT COLLATE "C",
    "lastUsedStep" INTEGER,
    "credentialId" TEXT COLLATE "C",
    "publicKey" TEXT COLLATE "C",
    "counter" BIGINT NOT NULL DEFAULT 0,
    "transports" TEXT COLLATE "C",
    "deviceType" TEXT COLLATE "C",
    "backedUp" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),

    CONSTRAINT "Authenticator_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BypassCode" (
    "id" TEXT COLLATE "C" NOT NULL,
    "userId" TEXT COLLATE "C" NOT NULL,
    "codeHash" TEXT COLLATE "C" NOT NULL,
    "remainingUses" INTEGER,
    "usedCount" INTEGER NOT NULL DEFAULT 0,
    "lastUsedAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3),
    "createdById" TEXT COLLATE "C",
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BypassCode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SigningKey" (
    "id" TEXT COLLATE "C" NOT NULL,
    "state" TEXT COLLATE "C" NOT NULL,
    "privateKeySealed" TEXT COLLATE "C" NOT NULL,
    "certificatePem" TEXT COLLATE "C" NOT NULL,
    "sha1Fingerprint" TEXT COLLATE "C" NOT NULL,
    "sha256Fingerprint" TEXT COLLATE "C" NOT NULL,
    "notBefore" TIMESTAMP(3) NOT NULL,
    "notAfter" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "promotedAt" TIMESTAMP(3),
    "retiredAt" TIMESTAMP(3),

    CONSTRAINT "SigningKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Application" (
    "id" TEXT COLLATE "C" NOT NULL,
    "key" TEXT COLLATE "C" NOT NULL,
    "name" TEXT COLLATE "C" NOT NULL,
    "notes" TEXT COLLATE "C",
    "template" TEXT COLLATE "C" NOT NULL DEFAULT 'generic-saml',
    "spEntityId" TEXT COLLATE "C",
    "sloUrl" TEXT COLLATE "C",
    "spLoginUrl" TEXT COLLATE "C",
    "defaultRelayState" TEXT COLLATE "C",
    "nameIdFormat" TEXT COLLATE "C" NOT NULL DEFAULT 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified',
    "nameIdAttribute" TEXT COLLATE "C" NOT NULL DEFAULT 'username',
    "signatureAlgorithm" TEXT COLLATE "C" NOT NULL DEFAULT 'SHA256',
    "signResponse" BOOLEAN NOT NULL DEFAULT true,
    "signAssertion" BOOLEAN NOT NULL DEFAULT true,
    "requireSignedRequests" BOOLEAN NOT NULL DEFAULT false,
    "spCertificatePem" TEXT COLLATE "C",
    "userAccess" TEXT COLLATE "C" NOT NULL DEFAULT 'ALL',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Application_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AcsEndpoint" (
    "id" TEXT COLLATE "C" NOT NULL,
    "applicationId" TEXT COLLATE "C" NOT NULL,
    "index" INTEGER NOT NULL,
    "url" TEXT COLLATE "C" NOT NULL,
    "binding" TEXT COLLATE "C" NOT NULL DEFAULT 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST',
    "isDefault" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "AcsEndpoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AttributeMapping" (
    "id" TEXT COLLATE "C" NOT NULL,
    "applicationId" TEXT COLLATE "C" NOT NULL,
    "source" TEXT COLLATE "C" NOT NULL,
    "samlName" TEXT COLLATE "C" NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "AttributeMapping_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApplicationGroup" (
    "applicationId" TEXT COLLATE "C" NOT NULL,
    "groupId" TEXT COLLATE "C" NOT NULL,

    CONSTRAINT "ApplicationGroup_pkey" PRIMARY KEY ("applicationId","groupId")
);

-- CreateTable
CREATE TABLE "Policy" (
    "id" TEXT COLLATE "C" NOT NULL,
    "name" TEXT COLLATE "C" NOT NULL,
    "isGlobal" BOOLEAN NOT NULL DEFAULT false,
    "description" TEXT COLLATE "C",
    "settings" TEXT COLLATE "C" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Policy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PolicyAssignment" (
    "id" TEXT COLLATE "C" NOT NULL,
    "policyId" TEXT COLLATE "C" NOT NULL,
    "applicationId" TEXT COLLATE "C" NOT NULL,
    "groupId" TEXT COLLATE "C",
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "PolicyAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EndpointIntegration" (
    "id" TEXT COLLATE "C" NOT NULL,
    "kind" TEXT COLLATE "C" NOT NULL,
    "name" TEXT COLLATE "C" NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "clientId" TEXT COLLATE "C",
    "apiKeySealed" TEXT COLLATE "C",
    "region" TEXT COLLATE "C",
    "baseUrl" TEXT COLLATE "C",
    "hostname" TEXT COLLATE "C",
    "apiTokenHash" TEXT COLLATE "C",
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EndpointIntegration_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Endpoint" (
    "id" TEXT COLLATE "C" NOT NULL,
    "deviceId" TEXT COLLATE "C" NOT NULL,
    "name" TEXT COLLATE "C",
    "os" TEXT COLLATE "C",
    "userId" TEXT COLLATE "C",
    "integrationId" TEXT COLLATE "C",
    "trusted" BOOLEAN NOT NULL DEFAULT false,
    "hostname" TEXT COLLATE "C",
    "serialNumber" TEXT COLLATE "C",
    "edrGuid" TEXT COLLATE "C",
    "edrStatus" TEXT COLLATE "C",
    "edrCheckedAt" TIMESTAMP(3),
    "lastSeenAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Endpoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeviceCa" (
    "id" TEXT COLLATE "C" NOT NULL,
    "state" TEXT COLLATE "C" NOT NULL,
    "privateKeySealed" TEXT COLLATE "C" NOT NULL,
    "certificatePem" TEXT COLLATE "C" NOT NULL,
    "sha256Fingerprint" TEXT COLLATE "C" NOT NULL,
    "notAfter" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeviceCa_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeviceCertificate" (
    "id" TEXT COLLATE "C" NOT NULL,
    "endpointId" TEXT COLLATE "C" NOT NULL,
    "serialNumber" TEXT COLLATE "C" NOT NULL,
    "sha256Fingerprint" TEXT COLLATE "C" NOT NULL,
    "notAfter" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeviceCertificate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RememberedDevice" (
    "id" TEXT COLLATE "C" NOT NULL,
    "userId" TEXT COLLATE "C" NOT NULL,
    "applicationId" TEXT COLLATE "C",
    "tokenHash" TEXT COLLATE "C" NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RememberedDevice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LoginTransaction" (
    "id" TEXT COLLATE "C" NOT NULL,
    "applicationId" TEXT COLLATE "C",
    "requestId" TEXT COLLATE "C",
    "acsUrl" TEXT COLLATE "C",
    "acsBinding" TEXT COLLATE "C",
    "relayState" TEXT COLLATE "C",
    "forceAuthn" BOOLEAN NOT NULL DEFAULT false,
    "userId" TEXT COLLATE "C",
    "state" TEXT COLLATE "C" NOT NULL DEFAULT 'IDENTIFY',
    "data" TEXT COLLATE "C",
    "ip" TEXT COLLATE "C",
    "userAgent" TEXT COLLATE "C",
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LoginTransaction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SsoSession" (
    "id" TEXT COLLATE "C" NOT NULL,
    "userId" TEXT COLLATE "C" NOT NULL,
    "authnInstant" TIMESTAMP(3) NOT NULL,
    "factors" TEXT COLLATE "C" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "endedAt" TIMESTAMP(3),

    CONSTRAINT "SsoSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SsoParticipant" (
    "id" TEXT COLLATE "C" NOT NULL,
    "sessionId" TEXT COLLATE "C" NOT NULL,
    "applicationId" TEXT COLLATE "C" NOT NULL,
    "sessionIndex" TEXT COLLATE "C" NOT NULL,
    "nameId" TEXT COLLATE "C" NOT NULL,
    "nameIdFormat" TEXT COLLATE "C" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SsoParticipant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReplayEntry" (
    "key" TEXT COLLATE "C" NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReplayEntry_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "AuthLog" (
    "id" TEXT COLLATE "C" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "userId" TEXT COLLATE "C",
    "username" TEXT COLLATE "C",
    "applicationId" TEXT COLLATE "C",
    "applicationName" TEXT COLLATE "C",
    "result" TEXT COLLATE "C" NOT NULL,
    "reason" TEXT COLLATE "C" NOT NULL,
    "factor" TEXT COLLATE "C",
    "ip" TEXT COLLATE "C",
    "userAgent" TEXT COLLATE "C",
    "endpointId" TEXT COLLATE "C",
    "detail" TEXT COLLATE "C",

    CONSTRAINT "AuthLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT COLLATE "C" NOT NULL,
    "value" TEXT COLLATE "C" NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Setting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "LoginThrottle" (
    "key" TEXT COLLATE "C" NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "blockedUntil" TIMESTAMP(3),

    CONSTRAINT "LoginThrottle_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "Admin_emailNormalized_key" ON "Admin"("emailNormalized");

-- CreateIndex
CREATE INDEX "AdminAuditLog_createdAt_id_idx" ON "AdminAuditLog"("createdAt", "id");

-- CreateIndex
CREATE INDEX "AdminAuditLog_action_createdAt_idx" ON "AdminAuditLog"("action", "createdAt");

-- CreateIndex
CREATE INDEX "AdminAuditLog_adminId_createdAt_idx" ON "AdminAuditLog"("adminId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "User_usernameNormalized_key" ON "User"("usernameNormalized");

-- CreateIndex
CREATE INDEX "User_emailNormalized_idx" ON "User"("emailNormalized");

-- CreateIndex
CREATE INDEX "User_status_usernameNormalized_idx" ON "User"("status", "usernameNormalized");

-- CreateIndex
CREATE INDEX "User_isEnrolled_usernameNormalized_idx" ON "User"("isEnrolled", "usernameNormalized");

-- CreateIndex
-- Users sorted by Last login put "never" (NULL) first ascending and last descending, as on
-- SQLite (lib/db/users.ts): the index is ordered that way so both directions are index scans.
CREATE INDEX "User_lastLoginAt_id_idx" ON "User"("lastLoginAt" ASC NULLS FIRST, "id" ASC);

-- CreateIndex
CREATE INDEX "User_deletedAt_idx" ON "User"("deletedAt");

-- CreateIndex
CREATE UNIQUE INDEX "UserAlias_aliasNormalized_key" ON "UserAlias"("aliasNormalized");

-- CreateIndex
CREATE INDEX "UserAlias_userId_idx" ON "UserAlias"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "PasswordResetToken_tokenHash_key" ON "PasswordResetToken"("tokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "Group_nameNormalized_key" ON "Group"("nameNormalized");

-- CreateIndex
CREATE INDEX "GroupMember_userId_idx" ON "GroupMember"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Authenticator_credentialId_key" ON "Authenticator"("credentialId");

-- CreateIndex
CREATE INDEX "Authenticator_userId_idx" ON "Authenticator"("userId");

-- CreateIndex
CREATE INDEX "BypassCode_userId_idx" ON "BypassCode"("userId");

-- CreateIndex
CREATE INDEX "SigningKey_state_idx" ON "SigningKey"("state");

-- CreateIndex
CREATE UNIQUE INDEX "Application_key_key" ON "Application"("key");

-- CreateIndex
CREATE INDEX "Application_spEntityId_idx" ON "Application"("spEntityId");

-- CreateIndex
CREATE UNIQUE INDEX "AcsEndpoint_applicationId_index_key" ON "AcsEndpoint"("applicationId", "index");

-- CreateIndex
CREATE UNIQUE INDEX "AttributeMapping_applicationId_samlName_key" ON "AttributeMapping"("applicationId", "samlName");

-- CreateIndex
CREATE INDEX "ApplicationGroup_groupId_idx" ON "ApplicationGroup"("groupId");

-- CreateIndex
CREATE UNIQUE INDEX "Policy_name_key" ON "Policy"("name");

-- CreateIndex
CREATE INDEX "PolicyAssignment_policyId_idx" ON "PolicyAssignment"("policyId");

-- CreateIndex
CREATE UNIQUE INDEX "PolicyAssignment_applicationId_groupId_policyId_key" ON "PolicyAssignment"("applicationId", "groupId", "policyId");

-- CreateIndex
CREATE UNIQUE INDEX "Endpoint_deviceId_key" ON "Endpoint"("deviceId");

-- CreateIndex
CREATE INDEX "Endpoint_userId_idx" ON "Endpoint"("userId");

-- CreateIndex
CREATE INDEX "Endpoint_lastSeenAt_idx" ON "Endpoint"("lastSeenAt");

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
CREATE INDEX "LoginTransaction_expiresAt_idx" ON "LoginTransaction"("expiresAt");

-- CreateIndex
CREATE INDEX "SsoSession_userId_idx" ON "SsoSession"("userId");

-- CreateIndex
CREATE INDEX "SsoSession_expiresAt_idx" ON "SsoSession"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "SsoParticipant_sessionIndex_key" ON "SsoParticipant"("sessionIndex");

-- CreateIndex
CREATE UNIQUE INDEX "SsoParticipant_sessionId_applicationId_key" ON "SsoParticipant"("sessionId", "applicationId");

-- CreateIndex
CREATE INDEX "ReplayEntry_expiresAt_idx" ON "ReplayEntry"("expiresAt");

-- CreateIndex
CREATE INDEX "AuthLog_createdAt_id_idx" ON "AuthLog"("createdAt", "id");

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

-- AddForeignKey
ALTER TABLE "AdminAuditLog" ADD CONSTRAINT "AdminAuditLog_adminId_fkey" FOREIGN KEY ("adminId") REFERENCES "Admin"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UserAlias" ADD CONSTRAINT "UserAlias_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PasswordResetToken" ADD CONSTRAINT "PasswordResetToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GroupMember" ADD CONSTRAINT "GroupMember_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GroupMember" ADD CONSTRAINT "GroupMember_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Authenticator" ADD CONSTRAINT "Authenticator_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BypassCode" ADD CONSTRAINT "BypassCode_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AcsEndpoint" ADD CONSTRAINT "AcsEndpoint_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AttributeMapping" ADD CONSTRAINT "AttributeMapping_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApplicationGroup" ADD CONSTRAINT "ApplicationGroup_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApplicationGroup" ADD CONSTRAINT "ApplicationGroup_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PolicyAssignment" ADD CONSTRAINT "PolicyAssignment_policyId_fkey" FOREIGN KEY ("policyId") REFERENCES "Policy"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PolicyAssignment" ADD CONSTRAINT "PolicyAssignment_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PolicyAssignment" ADD CONSTRAINT "PolicyAssignment_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Endpoint" ADD CONSTRAINT "Endpoint_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Endpoint" ADD CONSTRAINT "Endpoint_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "EndpointIntegration"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeviceCertificate" ADD CONSTRAINT "DeviceCertificate_endpointId_fkey" FOREIGN KEY ("endpointId") REFERENCES "Endpoint"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RememberedDevice" ADD CONSTRAINT "RememberedDevice_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RememberedDevice" ADD CONSTRAINT "RememberedDevice_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SsoSession" ADD CONSTRAINT "SsoSession_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SsoParticipant" ADD CONSTRAINT "SsoParticipant_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "SsoSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SsoParticipant" ADD CONSTRAINT "SsoParticipant_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

