-- AlterTable
ALTER TABLE "SsoSession" ADD COLUMN     "proofs" TEXT COLLATE "C" NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "sessionsRevokedAt" TIMESTAMP(3);

