import "server-only";
import { asError } from "@/lib/errors";
import { logger } from "@/lib/observability/logger";
import { DEFAULT_SOURCE, prometheusFor } from "./prometheus-source";
import { rolledUntil, syncRollups } from "./rollups";
import { currentStatuses } from "./status-cache";
import { loadSloDefs, type SloDef } from "./store";

/**
 * Background fill of the hourly rollups for every SLO, so a status refresh only ever asks Prometheus
 * for the open hour. Failures are logged and retried on the next tick; a source that is down does not
 * stop the others.
 */
export async function syncAllRollups(nowMs = Date.now()): Promise<number> {
  const defs = await loadSloDefs();
  const groups = new Map<string, SloDef[]>();
  for (const d of defs) {
    const key = d.service.dataSourceId ?? DEFAULT_SOURCE;
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  let queries = 0;
  for (const [key, group] of groups) {
    try {
      queries += await syncRollups(
        await prometheusFor(group[0]!.service.dataSourceId),
        group,
        nowMs,
        rolledUntil(nowMs, nowMs),
      );
    } catch (err) {
      logger().warn({ source: key, err: asError(err).message }, "rollup sync failed; will retry");
    }
  }
  return queries;
}

/** The job "slo-status-refresh": every SLO's current status, computed and stored in the read model. */
export async function refreshStoredStatuses(nowMs = Date.now()): Promise<number> {
  const defs = await loadSloDefs();
  await currentStatuses(defs, nowMs);
  return defs.length;
}
