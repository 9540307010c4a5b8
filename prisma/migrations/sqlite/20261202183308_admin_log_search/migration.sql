-- AlterTable
ALTER TABLE "AdminAuditLog" ADD COLUMN "targetLabelNormalized" TEXT;

-- CreateIndex
CREATE INDEX "AdminAuditLog_targetType_createdAt_id_idx" ON "AdminAuditLog"("targetType", "createdAt", "id");

-- CreateIndex
CREATE INDEX "AdminAuditLog_targetLabelNormalized_createdAt_idx" ON "AdminAuditLog"("targetLabelNormalized", "createdAt");


-- Existing entries become searchable too.
UPDATE "AdminAuditLog" SET "targetLabelNormalized" = lower("targetLabel") WHERE "targetLabel" IS NOT NULL;
