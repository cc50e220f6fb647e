-- AlterTable
ALTER TABLE "Slo" ADD COLUMN     "alertSettings" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "displayName" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "sliName" TEXT NOT NULL DEFAULT '';
