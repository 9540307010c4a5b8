-- CreateTable
CREATE TABLE "UserImportPreview" (
    "tokenHash" TEXT COLLATE "C" NOT NULL,
    "adminId" TEXT COLLATE "C",
    "sha256" TEXT COLLATE "C" NOT NULL,
    "fileName" TEXT COLLATE "C" NOT NULL,
    "rows" TEXT COLLATE "C" NOT NULL,
    "committing" BOOLEAN NOT NULL DEFAULT false,
    "total" INTEGER NOT NULL DEFAULT 0,
    "done" INTEGER NOT NULL DEFAULT 0,
    "finished" BOOLEAN NOT NULL DEFAULT false,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UserImportPreview_pkey" PRIMARY KEY ("tokenHash")
);

-- CreateIndex
CREATE INDEX "UserImportPreview_expiresAt_idx" ON "UserImportPreview"("expiresAt");

