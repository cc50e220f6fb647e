import "server-only";
import { assertAdmin, type Actor } from "@/lib/auth/permissions";
import { getBoss } from "@/lib/jobs/boss";
import { JOB_SPECS, NOW_SUFFIX } from "@/lib/jobs/queues";
import type { JobQueueView } from "@/lib/validation/views/access";

export type { JobQueueView };

type Row = {
  job: string;
  queued: number;
  active: number;
  completed24h: number;
  failed24h: number;
  last_completed: Date | null;
  last_duration_ms: number | null;
  last_failed: Date | null;
  last_error: string | null;
  next_run: Date | null;
};

// One query over pg-boss's job table (live jobs and the last day's finished ones; older runs are archived).
const SQL = `
WITH j AS (
  SELECT regexp_replace(name, '${NOW_SUFFIX}$', '') AS job, * FROM pgboss.job WHERE name = ANY($1)
)
SELECT job,
  count(*) FILTER (WHERE state IN ('created', 'retry'))::int AS queued,
  count(*) FILTER (WHERE state = 'active')::int AS active,
  count(*) FILTER (WHERE state = 'completed' AND completed_on > now() - interval '24 hours')::int AS "completed24h",
  count(*) FILTER (WHERE state = 'failed' AND completed_on > now() - interval '24 hours')::int AS "failed24h",
  max(completed_on) FILTER (WHERE state = 'completed') AS last_completed,
  (array_agg(extract(epoch FROM completed_on - started_on) * 1000 ORDER BY completed_on DESC) FILTER (WHERE state = 'completed'))[1]::float8 AS last_duration_ms,
  max(completed_on) FILTER (WHERE state = 'failed') AS last_failed,
  (array_agg(left(output->>'message', 300) ORDER BY completed_on DESC) FILTER (WHERE state = 'failed'))[1] AS last_error,
  min(start_after) FILTER (WHERE state IN ('created', 'retry')) AS next_run
FROM j GROUP BY job`;

const queueNames = () =>
  Object.entries(JOB_SPECS).flatMap(([name, s]) => (s.everySeconds ? [name, `${name}${NOW_SUFFIX}`] : [name]));

/** Queue depth per job (for /api/metrics); no permission check: metrics are served to the scraper. */
export async function jobQueueRows(): Promise<Map<string, Row>> {
  const boss = await getBoss();
  const { rows } = await boss.getDb().executeSql(SQL, [queueNames()]);
  return new Map((rows as Row[]).map((r) => [r.job, r]));
}

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

/** Every background job with its queue and recent runs, across all processes (admin). */
export async function listJobQueues(actor: Actor): Promise<{ items: JobQueueView[] }> {
  assertAdmin(actor, "the background jobs");
  const rows = await jobQueueRows();
  return {
    items: Object.entries(JOB_SPECS).map(([name, spec]) => {
      const r = rows.get(name);
      return {
        name,
        description: spec.description,
        everySeconds: spec.everySeconds?.() ?? null,
        queued: r?.queued ?? 0,
        active: r?.active ?? 0,
        completed24h: r?.completed24h ?? 0,
        failed24h: r?.failed24h ?? 0,
        lastCompletedAt: iso(r?.last_completed ?? null),
        lastDurationMs: r?.last_duration_ms == null ? null : Math.round(r.last_duration_ms),
        lastFailedAt: iso(r?.last_failed ?? null),
        lastError: r?.last_error ?? null,
        nextRunAt: iso(r?.next_run ?? null),
      };
    }),
  };
}
