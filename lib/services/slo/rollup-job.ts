import "server-only";
import { createHash } from "node:crypto";
import { asError } from "@/lib/errors";
import { isUpstreamFailure } from "@/lib/prometheus";
import { logger } from "@/lib/observability/logger";
import { prometheusFor } from "./prometheus-source";
import { rolledUntil, syncRollups } from "./rollups";
import { forEachSloBatch } from "./slo-batches";
import { failureMark, persist, saveAndRate, sourceAnswered, visible } from "./status-cache";
import { computeStatuses } from "./status-engine";
import { markStale } from "./status-store";

// The two SLO jobs walk the SLOs in bounded batches (forEachSloBatch, SRECP_REFRESH_BATCH_SLOS): a worker
// holds one batch's definitions, Prometheus answers and statuses at a time, whatever the number of SLOs.

/**
 * Background fill of the hourly rollups for every SLO, so a status refresh only ever asks Prometheus
 * for the open hour. Failures are logged and retried on the next tick; a source that is down does not
 * stop the others, nor does one batch's failure stop the next (a source that is down fails fast once its
 * circuit breaker opened).
 */
export async function syncAllRollups(nowMs = Date.now(), batchSize?: number): Promise<number> {
  let queries = 0;
  await forEachSloBatch(async (key, defs) => {
    try {
      queries += await syncRollups(
        await prometheusFor(defs[0]!.service.dataSourceId),
        defs,
        nowMs,
        rolledUntil(nowMs, nowMs),
      );
    } catch (err) {
      logger().warn({ source: key, err: asError(err).message }, "rollup sync failed; will retry");
    }
  }, batchSize);
  return queries;
}

/**
 * Per SLO, a digest of what viewers see of its last stored status: a refresh announces (live events)
 * only the SLOs whose figures moved. A few dozen bytes per SLO, unlike the statuses themselves.
 */
let shownDigests = new Map<string, string>();
const digestOf = (s: Parameters<typeof visible>[0]) => createHash("sha1").update(visible(s)).digest("base64");

/**
 * The job "slo-status-refresh": every SLO's current status, computed and stored in the read model, batch
 * by batch (each batch's queries batched per expression, lib/prometheus/batch.ts). A Prometheus failure
 * marks the stored values of that batch's SLOs stale (reason, since when) instead of replacing them.
 * Returns the number of SLOs and Prometheus queries.
 */
export async function refreshStoredStatuses(
  nowMs = Date.now(),
  batchSize?: number,
): Promise<{ slos: number; queries: number }> {
  const digests = new Map<string, string>();
  let slos = 0;
  let queries = 0;
  await forEachSloBatch(async (key, defs) => {
    slos += defs.length;
    const ids = defs.map((d) => d.id);
    const keepDigests = () =>
      ids.forEach((id) => !digests.has(id) && shownDigests.has(id) && digests.set(id, shownDigests.get(id)!));
    try {
      const client = await prometheusFor(defs[0]!.service.dataSourceId);
      const { statuses, queryCount } = await computeStatuses(client, defs, nowMs, nowMs);
      queries += queryCount;
      sourceAnswered(key);
      const changed: string[] = [];
      for (const [id, s] of statuses) {
        const d = digestOf(s);
        if (shownDigests.get(id) !== d) changed.push(id);
        digests.set(id, d);
      }
      keepDigests(); // SLOs still "computing" (backfill not complete) keep theirs
      await persist(() => saveAndRate(defs, statuses, nowMs), changed);
    } catch (err) {
      if (!isUpstreamFailure(err)) throw err;
      // Each batch asks again: a source that is down fails fast once its circuit breaker opened (after three
      // failures), and one batch's failure — e.g. the backfill of many new SLOs timing out — must not mark
      // the source's other SLOs unavailable while Prometheus answers them.
      const mark = failureMark(key, err, nowMs);
      keepDigests();
      await persist(() => markStale(ids, mark), null);
    }
  }, batchSize);
  shownDigests = digests; // SLOs deleted since the last run drop out
  return { slos, queries };
}
