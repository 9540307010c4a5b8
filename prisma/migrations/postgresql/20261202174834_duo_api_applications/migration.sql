-- AlterTable
ALTER TABLE "Application" ADD COLUMN     "apiGrants" TEXT COLLATE "C",
ADD COLUMN     "secretKeySealed" TEXT COLLATE "C",
ADD COLUMN     "secretKeySetAt" TIMESTAMP(3);

