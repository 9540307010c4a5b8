-- AlterTable
ALTER TABLE "Application" ADD COLUMN     "authSourceId" TEXT COLLATE "C",
ADD COLUMN     "authSourceMode" TEXT COLLATE "C" NOT NULL DEFAULT 'DEFAULT';

-- CreateTable
CREATE TABLE "AuthSource" (
    "id" TEXT COLLATE "C" NOT NULL,
    "key" TEXT COLLATE "C" NOT NULL,
    "name" TEXT COLLATE "C" NOT NULL,
    "nameNormalized" TEXT COLLATE "C" NOT NULL,
    "type" TEXT COLLATE "C" NOT NULL DEFAULT 'SAML',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "idpEntityId" TEXT COLLATE "C" NOT NULL,
    "ssoUrl" TEXT COLLATE "C" NOT NULL,
    "certificatesPem" TEXT COLLATE "C" NOT NULL,
    "metadataUrl" TEXT COLLATE "C",
    "nameIdFormat" TEXT COLLATE "C",
    "identifierAttribute" TEXT COLLATE "C" NOT NULL DEFAULT 'NameID',
    "matchBy" TEXT COLLATE "C" NOT NULL DEFAULT 'EMAIL',
    "emailAttribute" TEXT COLLATE "C",
    "realNameAttribute" TEXT COLLATE "C",
    "jitEnabled" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AuthSource_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuthSourceGroup" (
    "sourceId" TEXT COLLATE "C" NOT NULL,
    "groupId" TEXT COLLATE "C" NOT NULL,

    CONSTRAINT "AuthSourceGroup_pkey" PRIMARY KEY ("sourceId","groupId")
);

-- CreateTable
CREATE TABLE "AuthSourceDomain" (
    "domain" TEXT COLLATE "C" NOT NULL,
    "sourceId" TEXT COLLATE "C" NOT NULL,

    CONSTRAINT "AuthSourceDomain_pkey" PRIMARY KEY ("domain")
);

-- CreateIndex
CREATE UNIQUE INDEX "AuthSource_key_key" ON "AuthSource"("key");

-- CreateIndex
CREATE UNIQUE INDEX "AuthSource_nameNormalized_key" ON "AuthSource"("nameNormalized");

-- CreateIndex
CREATE INDEX "AuthSourceGroup_groupId_idx" ON "AuthSourceGroup"("groupId");

-- CreateIndex
CREATE INDEX "AuthSourceDomain_sourceId_idx" ON "AuthSourceDomain"("sourceId");

-- CreateIndex
CREATE INDEX "Application_authSourceId_idx" ON "Application"("authSourceId");

-- AddForeignKey
ALTER TABLE "Application" ADD CONSTRAINT "Application_authSourceId_fkey" FOREIGN KEY ("authSourceId") REFERENCES "AuthSource"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuthSourceGroup" ADD CONSTRAINT "AuthSourceGroup_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "AuthSource"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuthSourceGroup" ADD CONSTRAINT "AuthSourceGroup_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuthSourceDomain" ADD CONSTRAINT "AuthSourceDomain_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "AuthSource"("id") ON DELETE CASCADE ON UPDATE CASCADE;

