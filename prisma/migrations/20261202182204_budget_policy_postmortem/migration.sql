-- AlterTable
ALTER TABLE "BudgetPolicy" ADD COLUMN     "postmortemAbove" DOUBLE PRECISION NOT NULL DEFAULT 0.2;

-- AlterTable
ALTER TABLE "Postmortem" ADD COLUMN     "budgetTrigger" JSONB;
