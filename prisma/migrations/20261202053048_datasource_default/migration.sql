-- AlterTable
ALTER TABLE "DataSource" ADD COLUMN     "isDefault" BOOLEAN NOT NULL DEFAULT false;
