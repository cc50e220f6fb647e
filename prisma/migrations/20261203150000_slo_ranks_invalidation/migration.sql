-- The SLO overview keeps the order of each listing per process (lib/services/slo/slo-page.ts), so a page and
-- its total cost no SQL while nothing behind them changes. The order rests on the SLOs' definitions (the
-- "slos" kind) and on what this table holds to sort and filter by: budget left, fastest burn and the
-- service's policy state. Any write of those — a refresh, a policy-state update, a first computation, an SLO
-- deleted, the CLI or plain SQL — drops the "slo-ranks" kind in every process, with the same statement-level
-- NOTIFY as the other caches (20261202180633_cache_invalidation).
CREATE TRIGGER "SloStatusRow_invalidate_slo_ranks"
  AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE OF "versionId", "budgetRemaining", "burnRate", "serviceState" ON "SloStatusRow"
  FOR EACH STATEMENT EXECUTE FUNCTION "srecp_notify_invalidate"('slo-ranks');

-- The overview also keeps each service's budget-policy thresholds (lib/services/policy-overview.ts), which a
-- policy written for a service or a team changes.
CREATE TRIGGER "BudgetPolicy_invalidate_slo_ranks" AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON "BudgetPolicy"
  FOR EACH STATEMENT EXECUTE FUNCTION "srecp_notify_invalidate"('slo-ranks');
