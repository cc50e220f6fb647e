-- CreateTable
CREATE TABLE "SloStatusRow" (
    "sloId" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "serviceId" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "budgetRemaining" DOUBLE PRECISION,
    "burnRate" DOUBLE PRECISION,
    "noData" BOOLEAN NOT NULL,
    "stale" BOOLEAN NOT NULL,
    "body" JSONB NOT NULL,
    "computedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SloStatusRow_pkey" PRIMARY KEY ("sloId")
);

-- CreateIndex
CREATE INDEX "SloStatusRow_teamId_idx" ON "SloStatusRow"("teamId");

-- CreateIndex
CREATE INDEX "SloStatusRow_serviceId_idx" ON "SloStatusRow"("serviceId");

-- CreateIndex
CREATE INDEX "SloStatusRow_budgetRemaining_idx" ON "SloStatusRow"("budgetRemaining");

-- AddForeignKey
ALTER TABLE "SloStatusRow" ADD CONSTRAINT "SloStatusRow_sloId_fkey" FOREIGN KEY ("sloId") REFERENCES "Slo"("id") ON DELETE CASCADE ON UPDATE CASCADE;
