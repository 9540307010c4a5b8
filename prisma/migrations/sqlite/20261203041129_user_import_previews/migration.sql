-- CreateTable
CREATE TABLE "UserImportPreview" (
    "tokenHash" TEXT NOT NULL PRIMARY KEY,
    "adminId" TEXT,
    "sha256" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "rows" TEXT NOT NULL,
    "committing" BOOLEAN NOT NULL DEFAULT false,
    "total" INTEGER NOT NULL DEFAULT 0,
    "done" INTEGER NOT NULL DEFAULT 0,
    "finished" BOOLEAN NOT NULL DEFAULT false,
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "UserImportPreview_expiresAt_idx" ON "UserImportPreview"("expiresAt");

