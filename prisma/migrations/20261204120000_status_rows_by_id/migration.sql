-- The per-process cache of stored statuses (lib/services/slo/status-rows.ts) drops only the SLOs a write
-- changed, not every row: a refresh rewrites every status batch by batch, and dropping all of them per
-- batch emptied the cache of each web process every second or two at 10,000 SLOs (issue 17). Inserts and
-- updates NOTIFY the ids of the rows whose served fields changed ("versionId", "body", "computedAt",
-- "stale" — a policy-state update alone changes none), in chunks of at most about 6,000 bytes of ids
-- (NOTIFY allows 8,000). A delete or truncate still drops the whole kind, as before
-- (20261203143000_status_row_invalidation).
-- Transition tables are not allowed on a trigger with several events or with a column list, hence one
-- trigger per event, and the function compares the old and new rows itself. Bodies are E-strings with
-- \073 for semicolons (adapter-pg splits migration scripts at every semicolon).
DROP TRIGGER "SloStatusRow_invalidate_statuses" ON "SloStatusRow";

CREATE TRIGGER "SloStatusRow_invalidate_statuses" AFTER DELETE OR TRUNCATE ON "SloStatusRow"
  FOR EACH STATEMENT EXECUTE FUNCTION "srecp_notify_invalidate"('statuses');

CREATE FUNCTION "srecp_notify_status_ids"() RETURNS trigger LANGUAGE plpgsql AS
  E'BEGIN
    IF TG_OP = ''INSERT'' THEN
      PERFORM pg_notify(''srecp_events'', json_build_object(''topic'', ''invalidate'', ''kind'', ''statuses'', ''ids'', json_agg(c.id))::text)
      FROM (SELECT n."sloId" AS id, sum(length(n."sloId") + 3) OVER (ORDER BY n."sloId") / 6000 AS chunk FROM new_rows n) c
      GROUP BY c.chunk\073
    ELSE
      PERFORM pg_notify(''srecp_events'', json_build_object(''topic'', ''invalidate'', ''kind'', ''statuses'', ''ids'', json_agg(c.id))::text)
      FROM (SELECT n."sloId" AS id, sum(length(n."sloId") + 3) OVER (ORDER BY n."sloId") / 6000 AS chunk
            FROM new_rows n JOIN old_rows o ON o."sloId" = n."sloId"
            WHERE (o."versionId", o."body", o."computedAt", o."stale") IS DISTINCT FROM (n."versionId", n."body", n."computedAt", n."stale")) c
      GROUP BY c.chunk\073
    END IF\073
    RETURN NULL\073
  END';

CREATE TRIGGER "SloStatusRow_notify_inserted_ids" AFTER INSERT ON "SloStatusRow"
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "srecp_notify_status_ids"();

CREATE TRIGGER "SloStatusRow_notify_updated_ids" AFTER UPDATE ON "SloStatusRow"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "srecp_notify_status_ids"();

-- The overview's per-service policy thresholds (lib/services/policy-overview.ts) rest on budget policies,
-- services and teams only: they now hear a kind of their own rather than "slo-ranks", which every stored
-- status batch of a refresh sends.
CREATE TRIGGER "BudgetPolicy_invalidate_policies" AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON "BudgetPolicy"
  FOR EACH STATEMENT EXECUTE FUNCTION "srecp_notify_invalidate"('policies');
