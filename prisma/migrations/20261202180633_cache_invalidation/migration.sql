-- Cache invalidation (lib/cache/shared-cache.ts): every process keeps who a token or session is, and SLO
-- definitions, for seconds. Whenever the rows behind them change — through the app, the CLI or SQL — these
-- statement-level triggers NOTIFY every process on the live-events channel, which drops that cache kind.
-- Postgres delivers the notification at commit (and not at all on rollback) and folds duplicates of one
-- transaction into one. `lastUsedAt` writes on API tokens do not invalidate (UPDATE OF lists the columns
-- that change who the caller is).
-- The body is an E-string with \073 for its semicolons: adapter-pg runs migration scripts split at every
-- semicolon (even inside quotes), so the function text must not contain one literally.
CREATE FUNCTION "srecp_notify_invalidate"() RETURNS trigger LANGUAGE plpgsql AS
  E'BEGIN PERFORM pg_notify(''srecp_events'', json_build_object(''topic'', ''invalidate'', ''kind'', TG_ARGV[0])::text)\073 RETURN NULL\073 END';

CREATE TRIGGER "ApiToken_invalidate_actors" AFTER INSERT OR DELETE OR UPDATE OF "revokedAt", "scopes", "userId", "tokenHash" ON "ApiToken"
  FOR EACH STATEMENT EXECUTE FUNCTION "srecp_notify_invalidate"('actors');
CREATE TRIGGER "User_invalidate_actors" AFTER INSERT OR DELETE OR UPDATE OF "role", "deactivatedAt", "sessionGeneration", "email", "name" ON "User"
  FOR EACH STATEMENT EXECUTE FUNCTION "srecp_notify_invalidate"('actors');
CREATE TRIGGER "Membership_invalidate_actors" AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON "Membership"
  FOR EACH STATEMENT EXECUTE FUNCTION "srecp_notify_invalidate"('actors');

CREATE TRIGGER "Slo_invalidate_slos" AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON "Slo"
  FOR EACH STATEMENT EXECUTE FUNCTION "srecp_notify_invalidate"('slos');
CREATE TRIGGER "SloVersion_invalidate_slos" AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON "SloVersion"
  FOR EACH STATEMENT EXECUTE FUNCTION "srecp_notify_invalidate"('slos');
CREATE TRIGGER "Service_invalidate_slos" AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON "Service"
  FOR EACH STATEMENT EXECUTE FUNCTION "srecp_notify_invalidate"('slos');
CREATE TRIGGER "Team_invalidate_slos" AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON "Team"
  FOR EACH STATEMENT EXECUTE FUNCTION "srecp_notify_invalidate"('slos');
