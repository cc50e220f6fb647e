-- CreateEnum
CREATE TYPE "PolicyStateName" AS ENUM ('frozen', 'at_risk', 'no_data', 'healthy');

-- AlterTable
ALTER TABLE "SloStatusRow" ADD COLUMN     "serviceState" "PolicyStateName";

-- CreateIndex
CREATE INDEX "SloStatusRow_burnRate_idx" ON "SloStatusRow"("burnRate");

-- CreateIndex
CREATE INDEX "SloStatusRow_serviceState_idx" ON "SloStatusRow"("serviceState");
