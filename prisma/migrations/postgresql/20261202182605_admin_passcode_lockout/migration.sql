-- AlterTable
ALTER TABLE "Admin" ADD COLUMN     "passcodeFailures" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "passcodeLockedAt" TIMESTAMP(3);

