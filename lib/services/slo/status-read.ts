import "server-only";
import { asError } from "@/lib/errors";
import { env } from "@/lib/env";
import { nudgeJob } from "@/lib/jobs/enqueue";
import { logger } from "@/lib/observability/logger";
import { detachedFromRequest, withinBudget } from "@/lib/prometheus";
import { computeAndStore, currentStatuses } from "./status-cache";
import { buildStatus } from "./status-engine";
import { loadSloDefs, type SloDef } from "./store";
import { readStatuses, type StoredStatus } from "./status-store";
import type { SloStatus } from "./status-types";

// Serving statuses from the read model (SloStatusRow). Reads never wait for Prometheus once a status
// exists: a row older than the refresh interval is served as it is and a background refresh is asked for
// (at most once per interval per process; the job "slo-status-refresh" normally keeps rows fresh).
// An SLO (or version) never computed yet is computed alone — never the whole organisation — and a reader
// waits for it at most COLD_WAIT_MS; after that it gets a "computing" status and the stored result
// arrives through the live-events stream (slo-status) when it is ready.

/** A row this many refresh intervals old is shown as stale (its age given), even with Prometheus healthy. */
const STALE_AFTER_INTERVALS = 10;
/** How long a reader waits for a never-computed status before being answered "computing". */
export const COLD_WAIT_MS = 2_000;

/** A status not computed yet: no figures (never shown as healthy), `computing: true`. */
export type ServedStatus = SloStatus & { computing?: true };

declare global {
  var __srecpStatusKick: { atMs: number } | undefined;
  var __srecpColdInflight: Map<string, Promise<Map<string, SloStatus>>> | undefined;
}

/**
 * Asks for a refresh, once per interval per process at most: from the job runner where one runs (here, or
 * the workers of a web-only process); without one (tests, scripts) computed here in the background.
 */
export function kickRefresh(all: () => Promise<SloDef[]> | SloDef[], nowMs = Date.now()): void {
  const ttlMs = env().refreshIntervalSeconds * 1000;
  const kick = (globalThis.__srecpStatusKick ??= { atMs: 0 });
  if (nowMs - kick.atMs < ttlMs) return;
  kick.atMs = nowMs;
  if (globalThis.__srecpBoss || env().role === "web") return void nudgeJob("slo-status-refresh");
  // Outside the request that asked (lib/prometheus/request-scope.ts): its budget and its client leaving must not cut the refresh.
  void detachedFromRequest(() => Promise.resolve(all()).then((defs) => currentStatuses(defs))).catch((err) =>
    logger().warn({ err: asError(err).message }, "background status refresh failed"),
  );
}

/** The stored status as served: its age when stale, and stale when far older than the refresh interval. */
export function servedStatus(row: StoredStatus, nowMs = Date.now()): SloStatus {
  const ttlMs = env().refreshIntervalSeconds * 1000;
  const ageMs = nowMs - row.computedAtMs;
  if (ageMs >= ttlMs) kickRefresh(() => loadSloDefs(), nowMs);
  if (row.stale || ageMs > ttlMs * STALE_AFTER_INTERVALS)
    return { ...row.body, stale: true, staleAgeSeconds: Math.round(ageMs / 1000) };
  return row.body;
}

export function computingStatus(def: SloDef, nowMs = Date.now()): ServedStatus {
  return { ...buildStatus(def, { good: 0, total: 0 }, () => undefined, nowMs), computing: true };
}

/** Computes and stores `defs` (single flight per SLO version); waits at most `waitMs` for them. */
async function coldStatuses(defs: SloDef[], waitMs: number): Promise<Map<string, ServedStatus>> {
  const inflight = (globalThis.__srecpColdInflight ??= new Map());
  const todo = defs.filter((d) => !inflight.has(d.version.id));
  if (todo.length) {
    // Shared by every reader waiting for these SLOs, so run outside the first one's request scope: it
    // finishes (and is stored) even when that reader's upstream budget runs out or it disconnects.
    const run = detachedFromRequest(() => computeAndStore(todo));
    for (const d of todo) inflight.set(d.version.id, run);
    void run
      .catch((err) => logger().warn({ err: asError(err).message }, "first status computation failed"))
      .finally(() => todo.forEach((d) => inflight.get(d.version.id) === run && inflight.delete(d.version.id)));
  }
  const runs = [...new Set(defs.map((d) => inflight.get(d.version.id)!))];
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), waitMs)));
  // ...and never longer than the request's upstream budget, when that is shorter (SRECP_UPSTREAM_BUDGET_MS).
  const done = await withinBudget(Promise.race([Promise.all(runs).catch(() => null), late])).catch(() => null);
  clearTimeout(timer);
  const merged = new Map<string, SloStatus>((done ?? []).flatMap((m) => [...m]));
  return new Map(defs.map((d) => [d.id, merged.get(d.id) ?? computingStatus(d)]));
}

/**
 * Statuses of `defs` from the read model (one query for the rows this process has not cached:
 * status-rows.ts); those never computed for their version are
 * computed alone (coldStatuses), the others served as stored.
 */
export async function storedOrComputed(
  defs: SloDef[],
  nowMs = Date.now(),
  waitMs = COLD_WAIT_MS,
): Promise<Map<string, ServedStatus>> {
  const rows = await readStatuses(defs.map((d) => d.id));
  const missing = defs.filter((d) => rows.get(d.id)?.versionId !== d.version.id);
  const cold = missing.length ? await coldStatuses(missing, waitMs) : new Map<string, ServedStatus>();
  return new Map(defs.map((d) => [d.id, cold.get(d.id) ?? servedStatus(rows.get(d.id)!, nowMs)]));
}
