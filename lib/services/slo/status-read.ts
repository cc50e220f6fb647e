import { env } from "@/lib/env";
import { logger } from "@/lib/observability/logger";
import { currentStatuses } from "./status-cache";
import { loadSloDefs, type SloDef } from "./store";
import { readStatuses, type StoredStatus } from "./status-store";
import type { SloStatus } from "./status-types";

// Serving statuses from the read model (SloStatusRow). Reads never wait for Prometheus once a status
// exists: a row older than the refresh interval is served as it is and a background refresh is asked for
// (at most once per interval per process; the job "slo-status-refresh" normally keeps rows fresh).

/** A row this many refresh intervals old is shown as stale (its age given), even with Prometheus healthy. */
const STALE_AFTER_INTERVALS = 10;

declare global {
  var __srecpStatusKick: { atMs: number } | undefined;
}

/** Asks for a refresh in the background (single flight in the status cache), once per interval at most. */
export function kickRefresh(all: () => Promise<SloDef[]> | SloDef[], nowMs = Date.now()): void {
  const ttlMs = env().refreshIntervalSeconds * 1000;
  const kick = (globalThis.__srecpStatusKick ??= { atMs: 0 });
  if (nowMs - kick.atMs < ttlMs) return;
  kick.atMs = nowMs;
  void Promise.resolve(all())
    .then((defs) => currentStatuses(defs))
    .catch((err) => logger().warn({ err: (err as Error).message }, "background status refresh failed"));
}

/** The stored status as served: its age when stale, and stale when far older than the refresh interval. */
export function servedStatus(row: StoredStatus, nowMs = Date.now()): SloStatus {
  const ttlMs = env().refreshIntervalSeconds * 1000;
  const ageMs = nowMs - row.computedAtMs;
  if (ageMs >= ttlMs) kickRefresh(() => loadSloDefs(), nowMs);
  if (row.stale || ageMs > ttlMs * STALE_AFTER_INTERVALS) return { ...row.body, stale: true, staleAgeSeconds: Math.round(ageMs / 1000) };
  return row.body;
}

/**
 * Statuses of the page's SLOs from the read model (one query); when any of them has never been computed
 * for its version, the whole organisation is computed once (today's cold path) and stored.
 */
export async function storedOrComputed(pageDefs: SloDef[], all: () => Promise<SloDef[]>, nowMs = Date.now()): Promise<Map<string, SloStatus>> {
  const rows = await readStatuses(pageDefs.map((d) => d.id));
  const complete = pageDefs.every((d) => rows.get(d.id)?.versionId === d.version.id);
  if (!complete) return currentStatuses(await all());
  return new Map(pageDefs.map((d) => [d.id, servedStatus(rows.get(d.id)!, nowMs)]));
}
