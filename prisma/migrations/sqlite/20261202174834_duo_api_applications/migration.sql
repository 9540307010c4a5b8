-- AlterTable
ALTER TABLE "Application" ADD COLUMN "apiGrants" TEXT;
ALTER TABLE "Application" ADD COLUMN "secretKeySealed" TEXT;
ALTER TABLE "Application" ADD COLUMN "secretKeySetAt" DATETIME;

