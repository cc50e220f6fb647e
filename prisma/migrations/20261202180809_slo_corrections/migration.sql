-- CreateEnum
CREATE TYPE "SloCorrectionCategory" AS ENUM ('maintenance', 'bad_data', 'load_test', 'other');

-- CreateEnum
CREATE TYPE "SloCorrectionStatus" AS ENUM ('pending', 'approved', 'rejected');

-- CreateTable
CREATE TABLE "SloCorrection" (
    "id" TEXT NOT NULL,
    "sloId" TEXT NOT NULL,
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "endsAt" TIMESTAMPTZ(3) NOT NULL,
    "category" "SloCorrectionCategory" NOT NULL,
    "reason" TEXT NOT NULL,
    "authorId" TEXT,
    "authorLabel" TEXT NOT NULL,
    "status" "SloCorrectionStatus" NOT NULL DEFAULT 'pending',
    "reviewedById" TEXT,
    "reviewedByLabel" TEXT,
    "reviewedAt" TIMESTAMPTZ(3),
    "reviewComment" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SloCorrection_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SloCorrection_sloId_status_startsAt_idx" ON "SloCorrection"("sloId", "status", "startsAt");

-- AddForeignKey
ALTER TABLE "SloCorrection" ADD CONSTRAINT "SloCorrection_sloId_fkey" FOREIGN KEY ("sloId") REFERENCES "Slo"("id") ON DELETE CASCADE ON UPDATE CASCADE;
