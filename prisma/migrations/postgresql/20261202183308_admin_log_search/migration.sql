-- AlterTable
ALTER TABLE "AdminAuditLog" ADD COLUMN     "targetLabelNormalized" TEXT COLLATE "C";

-- CreateIndex
CREATE INDEX "AdminAuditLog_targetLabelNormalized_createdAt_idx" ON "AdminAuditLog"("targetLabelNormalized", "createdAt");

-- CreateIndex
CREATE INDEX "AdminAuditLog_targetType_createdAt_id_idx" ON "AdminAuditLog"("targetType", "createdAt", "id");


-- Existing entries become searchable too.
UPDATE "AdminAuditLog" SET "targetLabelNormalized" = lower("targetLabel") WHERE "targetLabel" IS NOT NULL;
