-- Every refresh rewrites each SLO's stored status (10,000 rows per 30 s at 10,000 SLOs). With an index on
-- a column the refresh changes (budget left, fastest burn, service state), no update can be HOT: each one
-- inserts into every index of the table, and PostgreSQL used about 0.6 of a core at rest for it (issue 17,
-- bench/load.mjs). The overview orders every matching row at once and caches that order per process
-- (lib/db/repos/slos.ts findSloOrder), which these indexes do not spare. The filters by team and service
-- keep theirs. Free space in each page (fillfactor 70) lets the new version of a row stay in its page.

-- DropIndex
DROP INDEX "SloStatusRow_budgetRemaining_idx";

-- DropIndex
DROP INDEX "SloStatusRow_burnRate_idx";

-- DropIndex
DROP INDEX "SloStatusRow_serviceState_idx";

ALTER TABLE "SloStatusRow" SET (fillfactor = 70);
