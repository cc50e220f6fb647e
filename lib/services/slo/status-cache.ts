import "server-only";
import { asError } from "@/lib/errors";
import { env } from "@/lib/env";
import { isUpstreamFailure, publicUpstreamMessage } from "@/lib/prometheus";
import { publishEvent } from "@/lib/events/bus";
import { dropCached } from "@/lib/cache/shared-cache";
import { nudgeJob } from "@/lib/jobs/enqueue";
import { logger } from "@/lib/observability/logger";
import { DEFAULT_SOURCE, NoPrometheusConfigured, prometheusFor } from "./prometheus-source";
import { buildStatus, computeStatuses } from "./status-engine";
import type { SloDef } from "./store";
import type { SloStatus } from "./status-types";
import { markStale, readStatuses, saveStatuses } from "./status-store";
import { updateServiceStates } from "./service-states";

type StaleReason = NonNullable<SloStatus["staleReason"]>;
type Entry = {
  fingerprint: string;
  computedAtMs: number;
  statuses: Map<string, SloStatus>;
  queryCount: number;
  failure?: { atMs: number; error: string; reason: StaleReason };
};

const reasonOf = (err: unknown): StaleReason =>
  err instanceof NoPrometheusConfigured ? "not_configured" : "unreachable";

// Per Prometheus source: the last good result, and the computation in flight (single-flight: a hundred
// viewers refreshing at once cause one query set).
const cache = new Map<string, Entry>();
const inflight = new Map<string, { fingerprint: string; promise: Promise<Entry> }>();
/** Per source: when the current run of failures began (cleared by the next good answer). */
const failingSince = new Map<string, number>();

const fingerprintOf = (defs: SloDef[]) =>
  defs
    .map((d) => d.version.id)
    .sort()
    .join(",");
const sourceKey = (def: SloDef) => def.service.dataSourceId ?? DEFAULT_SOURCE;

/** What a viewer sees of a status (not its timestamps). */
export const visible = (s: SloStatus) =>
  JSON.stringify([
    s.noData,
    s.sliValue,
    s.errorBudget.remaining,
    s.burnRates,
    s.alerts.map((a) => a.firing),
    s.stale,
    s.version,
  ]);

function changedIds(prev: Map<string, SloStatus> | undefined, next: Map<string, SloStatus>): string[] {
  return [...next].filter(([id, s]) => !prev?.has(id) || visible(prev.get(id)!) !== visible(s)).map(([id]) => id);
}

/** Stores statuses, then the policy state of their services (which depends on all of a service's SLOs). */
export async function saveAndRate(
  defs: SloDef[],
  statuses: Map<string, SloStatus>,
  computedAtMs: number,
): Promise<void> {
  await saveStatuses(defs, statuses, computedAtMs);
  await updateServiceStates(defs.map((d) => d.service.id));
}

/** Writes to the read model never fail a read: the in-memory answer stands, the next refresh retries. */
export async function persist(write: () => Promise<void>, changed: string[] | null): Promise<void> {
  try {
    await write();
    // viewers refetch only when a figure they see moved (an unchanged refresh costs open tabs nothing)
    if (changed?.length) await publishEvent({ topic: "slo-status", sloIds: changed.slice(0, 200) });
  } catch (err) {
    logger().warn({ err: asError(err).message }, "could not store SLO statuses");
  }
}

/** Forget cached results so the next read recomputes (after an SLO is created, changed or deleted). */
export function invalidateStatusCache() {
  cache.clear();
  dropCached("slos"); // this process at once; others through the database trigger

  // recompute in the background now; until then every other SLO keeps its stored status
  void nudgeJob("slo-status-refresh");
}

/**
 * Current status of `defs` (all SLOs of the organisation, ideally, so one cache entry serves every
 * filter). Fresh results are reused for SLO_REFRESH_SECONDS. When Prometheus fails, the last good
 * value is returned with stale: true and its age; with no good value yet, an empty stale status.
 */
export async function currentStatuses(defs: SloDef[], realNowMs = Date.now()): Promise<Map<string, SloStatus>> {
  const groups = new Map<string, SloDef[]>();
  for (const d of defs) groups.set(sourceKey(d), [...(groups.get(sourceKey(d)) ?? []), d]);
  const out = new Map<string, SloStatus>();
  await Promise.all(
    [...groups].map(async ([key, group]) => {
      for (const [id, s] of await sourceStatuses(key, group, realNowMs)) out.set(id, s);
    }),
  );
  return out;
}

/** A cached result older than the refresh interval is still served while a refresh runs (stale-while-revalidate), up to this many intervals. */
const MAX_REVALIDATE_INTERVALS = 10;

async function sourceStatuses(key: string, defs: SloDef[], realNowMs: number): Promise<Map<string, SloStatus>> {
  const fingerprint = fingerprintOf(defs);
  const hit = cache.get(key);
  const ttlMs = env().refreshIntervalSeconds * 1000;
  const same = hit && hit.fingerprint === fingerprint;
  if (same && hit.failure) {
    // A known-failing source: answer stale at once; after the interval, probe again in the background
    // (single flight), so no reader waits on a Prometheus that is down or hung (issue 18).
    if (realNowMs - hit.failure.atMs >= ttlMs) void refresh(key, defs, fingerprint, realNowMs).catch(() => {});
    return staleStatuses(
      key,
      defs,
      lastOf(hit.statuses, hit.computedAtMs),
      realNowMs,
      hit.failure.error,
      hit.failure.reason,
    );
  }
  if (same && !hit.failure && realNowMs - hit.computedAtMs < ttlMs) return hit.statuses;
  if (same && !hit.failure && realNowMs - hit.computedAtMs < ttlMs * MAX_REVALIDATE_INTERVALS) {
    // Serve the recent value at once; the refresh runs in the background (single flight).
    void refresh(key, defs, fingerprint, realNowMs).catch(() => {});
    return hit.statuses;
  }
  return refresh(key, defs, fingerprint, realNowMs);
}

async function refresh(
  key: string,
  defs: SloDef[],
  fingerprint: string,
  realNowMs: number,
): Promise<Map<string, SloStatus>> {
  const hit = cache.get(key);
  let running = inflight.get(key);
  if (!running || running.fingerprint !== fingerprint) {
    const promise = (async (): Promise<Entry> => {
      const client = await prometheusFor(defs[0]!.service.dataSourceId);
      const { statuses, queryCount } = await computeStatuses(client, defs, realNowMs, realNowMs);
      return { fingerprint, computedAtMs: realNowMs, statuses, queryCount };
    })();
    running = { fingerprint, promise };
    inflight.set(key, running);
    promise.finally(() => inflight.get(key) === running && inflight.delete(key)).catch(() => {});
  }
  try {
    const entry = await running.promise;
    const fresh = cache.get(key) !== entry;
    cache.set(key, entry);
    sourceAnswered(key);
    // the read model: every process's reads (and a restarted process) see this result
    if (fresh)
      await persist(
        () => saveAndRate(defs, entry.statuses, entry.computedAtMs),
        changedIds(hit?.statuses, entry.statuses),
      );
    return entry.statuses;
  } catch (err) {
    if (!isUpstreamFailure(err)) throw err;
    const mark = failureMark(key, err, realNowMs);
    // Remember the failure so reads within the next interval are served stale without waiting again.
    const error = publicUpstreamMessage(err);
    if (hit && hit.fingerprint === fingerprint)
      cache.set(key, { ...hit, failure: { atMs: realNowMs, error, reason: mark.reason } });
    await persist(
      () =>
        markStale(
          defs.map((d) => d.id),
          mark,
        ),
      null,
    );
    return staleStatuses(key, defs, lastOf(hit?.statuses, hit?.computedAtMs), realNowMs, error, mark.reason);
  }
}

type StaleMark = { reason: StaleReason; error: string; unavailableSince?: string };

/**
 * Records a failure to ask `key`'s Prometheus (since when it fails, the log line) and returns what the
 * read model stores on its SLOs' rows: the people's message, never the data source's URL (the log has it).
 */
export function failureMark(key: string, err: unknown, realNowMs: number): StaleMark {
  const reason = reasonOf(err);
  if (reason === "unreachable")
    logger().warn({ source: key, err: asError(err).message }, "prometheus unavailable; serving stale SLO status");
  if (!failingSince.has(key)) failingSince.set(key, realNowMs);
  const error = publicUpstreamMessage(err);
  const since = failingSince.get(key)!;
  return reason === "not_configured"
    ? { reason, error }
    : { reason, error: `Prometheus unavailable: ${error}`, unavailableSince: new Date(since).toISOString() };
}

/** `key`'s Prometheus answered: the next failure starts a new outage. */
export function sourceAnswered(key: string): void {
  failingSince.delete(key);
}

type Last = (sloId: string) => { status: SloStatus; computedAtMs: number } | undefined;

const lastOf =
  (statuses: Map<string, SloStatus> | undefined, computedAtMs: number | undefined): Last =>
  (id) => {
    const status = statuses?.get(id);
    return status && computedAtMs !== undefined ? { status, computedAtMs } : undefined;
  };

/**
 * Status at an explicit instant (history, reproducible tests): computed directly, never cached; on an
 * upstream failure falls back to the last good value (this process's cache, else the stored row), marked stale.
 */
export async function statusesAt(
  defs: SloDef[],
  atMs: number,
  realNowMs = Date.now(),
): Promise<Map<string, SloStatus>> {
  const out = new Map<string, SloStatus>();
  const groups = new Map<string, SloDef[]>();
  for (const d of defs) groups.set(sourceKey(d), [...(groups.get(sourceKey(d)) ?? []), d]);
  for (const [key, group] of groups) {
    try {
      const client = await prometheusFor(group[0]!.service.dataSourceId);
      for (const [id, s] of (await computeStatuses(client, group, atMs, realNowMs)).statuses) out.set(id, s);
    } catch (err) {
      if (!isUpstreamFailure(err)) throw err;
      // the last good values: this process's, else the read model's (the job may run in another process)
      const hit = cache.get(key);
      const stored = hit ? null : await readStatuses(group.map((d) => d.id)).catch(() => null);
      const last: Last = hit
        ? lastOf(hit.statuses, hit.computedAtMs)
        : (id) => {
            const row = stored?.get(id);
            if (!row) return undefined;
            // the figures only: this failure's own marks replace an earlier outage's
            const { staleAgeSeconds: _a, staleReason: _r, unavailableSince: _u, error: _e, ...status } = row.body;
            return { status: { ...status, stale: false }, computedAtMs: row.computedAtMs };
          };
      for (const [id, s] of staleStatuses(key, group, last, realNowMs, publicUpstreamMessage(err), reasonOf(err)))
        out.set(id, s);
    }
  }
  return out;
}

/**
 * Computes `defs` now, apart from the per-source cache (SLOs or versions never computed: a new SLO must not
 * wait for, nor restart, the organisation's refresh), and stores the good results in the read model.
 * An upstream failure gives stale statuses and stores nothing.
 */
export async function computeAndStore(defs: SloDef[], realNowMs = Date.now()): Promise<Map<string, SloStatus>> {
  const statuses = await statusesAt(defs, realNowMs, realNowMs);
  const good = defs.filter((d) => statuses.get(d.id) && !statuses.get(d.id)!.stale);
  if (good.length)
    await persist(
      () => saveAndRate(good, statuses, realNowMs),
      good.map((d) => d.id),
    );
  return statuses;
}

function staleStatuses(key: string, defs: SloDef[], last: Last, realNowMs: number, error: string, reason: StaleReason) {
  const since = failingSince.get(key);
  const out = new Map<string, SloStatus>();
  for (const def of defs) {
    const prev = last(def.id);
    // a stored row of another version is not this SLO's last value
    const same = prev && prev.status.version === def.version.number ? prev : undefined;
    const base = same?.status ?? buildStatus(def, { good: 0, total: 0 }, () => undefined, realNowMs);
    const age = same ? Math.round((realNowMs - same.computedAtMs) / 1000) : undefined;
    out.set(def.id, {
      ...base,
      stale: true,
      ...(age !== undefined ? { staleAgeSeconds: age } : {}),
      staleReason: reason,
      ...(reason === "unreachable" && since !== undefined ? { unavailableSince: new Date(since).toISOString() } : {}),
      error: reason === "not_configured" ? error : `Prometheus unavailable: ${error}`,
    });
  }
  return out;
}
