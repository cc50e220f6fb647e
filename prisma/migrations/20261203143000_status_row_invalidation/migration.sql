-- The status read model is cached per process too (lib/services/slo/status-rows.ts), so a warm status read
-- runs no SQL. Every write of a stored status — a refresh, a first computation, a stale mark, an SLO's
-- deletion cascading, the CLI or plain SQL — drops the "statuses" cache kind in every process, through the
-- same statement-level NOTIFY as the other caches (20261202180633_cache_invalidation). This covers writes
-- that change no figure a viewer sees (a refresh moves "computedAt", hence the age served) and stale marks,
-- which the "slo-status" live event does not announce. "serviceState" (rewritten after every refresh) is not
-- cached, so its updates do not invalidate.
CREATE TRIGGER "SloStatusRow_invalidate_statuses"
  AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE OF "versionId", "body", "computedAt", "stale" ON "SloStatusRow"
  FOR EACH STATEMENT EXECUTE FUNCTION "srecp_notify_invalidate"('statuses');
