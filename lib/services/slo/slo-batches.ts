import "server-only";
import { env } from "@/lib/env";
import { nextSloBatch, type SloBatchCursor } from "@/lib/db/repos/slo-batches";
import { DEFAULT_SOURCE } from "./prometheus-source";
import { loadSloDefs, type SloDef } from "./store";

/**
 * The organisation's SLOs (with a version in force) batch by batch, each batch grouped by Prometheus
 * source: what the background jobs hold at once is one batch's definitions, queries and results, not
 * every SLO's (issue 17, memory). Batches follow data source → service order and end at service
 * boundaries, so an expression shared by a service's SLOs is still sent once.
 */
export async function forEachSloBatch(
  fn: (sourceKey: string, defs: SloDef[]) => Promise<void>,
  batchSize = env().refreshBatchSlos,
): Promise<void> {
  let cursor: SloBatchCursor = null;
  do {
    const { ids, next } = await nextSloBatch(cursor, batchSize);
    cursor = next;
    if (!ids.length) continue;
    const groups = new Map<string, SloDef[]>();
    for (const d of await loadSloDefs({ ids })) {
      const key = d.service.dataSourceId ?? DEFAULT_SOURCE;
      groups.set(key, [...(groups.get(key) ?? []), d]);
    }
    for (const [key, defs] of groups) await fn(key, defs);
  } while (cursor);
}
