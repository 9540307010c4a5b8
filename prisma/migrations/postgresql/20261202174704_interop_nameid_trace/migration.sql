-- AlterTable
ALTER TABLE "Application" ADD COLUMN     "nameIdFormatsAccepted" TEXT COLLATE "C" NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "PairwiseNameId" (
    "id" TEXT COLLATE "C" NOT NULL,
    "userId" TEXT COLLATE "C" NOT NULL,
    "applicationId" TEXT COLLATE "C" NOT NULL,
    "value" TEXT COLLATE "C" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PairwiseNameId_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SamlTraceEntry" (
    "id" TEXT COLLATE "C" NOT NULL,
    "applicationId" TEXT COLLATE "C" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "direction" TEXT COLLATE "C" NOT NULL,
    "messageType" TEXT COLLATE "C" NOT NULL,
    "binding" TEXT COLLATE "C",
    "messageId" TEXT COLLATE "C",
    "verdict" TEXT COLLATE "C" NOT NULL,
    "reasonCode" TEXT COLLATE "C",
    "reason" TEXT COLLATE "C",
    "summary" TEXT COLLATE "C",
    "xml" TEXT COLLATE "C",

    CONSTRAINT "SamlTraceEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PairwiseNameId_value_key" ON "PairwiseNameId"("value");

-- CreateIndex
CREATE INDEX "PairwiseNameId_applicationId_idx" ON "PairwiseNameId"("applicationId");

-- CreateIndex
CREATE UNIQUE INDEX "PairwiseNameId_userId_applicationId_key" ON "PairwiseNameId"("userId", "applicationId");

-- CreateIndex
CREATE INDEX "SamlTraceEntry_createdAt_idx" ON "SamlTraceEntry"("createdAt");

-- CreateIndex
CREATE INDEX "SamlTraceEntry_applicationId_createdAt_idx" ON "SamlTraceEntry"("applicationId", "createdAt");

-- AddForeignKey
ALTER TABLE "PairwiseNameId" ADD CONSTRAINT "PairwiseNameId_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PairwiseNameId" ADD CONSTRAINT "PairwiseNameId_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SamlTraceEntry" ADD CONSTRAINT "SamlTraceEntry_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

