import { batchQuery, type PrometheusClient } from "@/lib/prometheus";
import {
  BURN_WINDOWS, burnRate, burnRateAlerts, computeBudget, evaluateAlerts, exhaustsAt, nominalWindowSeconds,
  sliErrorRatioQuery, sliIncreaseQueries, windowBounds, windowLengthSeconds, type BurnWindow,
} from "@/lib/slo";
import { hourFloor, MAX_QUERY_BYTES, rolledUntil, rollupSums, syncRollups } from "./rollups";
import type { SloDef } from "./store";
import type { SloStatus } from "./status-types";

/**
 * Status of many SLOs of one Prometheus source at `atMs`, in a number of Prometheus queries that does
 * not depend on the number of SLOs or on the window length:
 * - window counts = exact hourly rollups from Postgres + the open tail since the last rolled hour
 *   (one batched query for all SLOs);
 * - burn rates = error ratios over 5m … 3d (one batched query per window, all SLOs in each).
 */
export async function computeStatuses(client: PrometheusClient, defs: SloDef[], atMs: number, realNowMs: number): Promise<{ statuses: Map<string, SloStatus>; queryCount: number }> {
  const untilMs = rolledUntil(atMs, realNowMs);
  let queryCount = await syncRollups(client, defs, atMs, untilMs);
  const starts = defs.map((d) => ({ versionId: d.version.id, fromMs: hourFloor(windowBounds(d.version.window, atMs).startMs) }));
  const sumsP = rollupSums(starts, untilMs);

  const timeSec = atMs / 1000;
  const tailSeconds = Math.round((atMs - untilMs) / 1000);
  const tailItems = tailSeconds > 0
    ? defs.flatMap((d) => {
        const q = sliIncreaseQueries(d.version.sli, `${tailSeconds}s`);
        return [{ key: `${d.id}|g`, expr: q.good }, { key: `${d.id}|t`, expr: q.total }];
      })
    : [];
  const batches = [
    tailItems,
    ...BURN_WINDOWS.map((w) => defs.map((d) => ({ key: `${d.id}|${w}`, expr: sliErrorRatioQuery(d.version.sli, w) }))),
  ].filter((items) => items.length);
  const results = await Promise.all(batches.map((items) => batchQuery(client, items, { timeSec, maxQueryBytes: MAX_QUERY_BYTES })));
  const values = new Map<string, number>();
  for (const r of results) {
    queryCount += r.queryCount;
    for (const [k, v] of r.values) values.set(k, v);
  }
  const sums = await sumsP;

  const statuses = new Map<string, SloStatus>();
  for (const def of defs) {
    const rolled = sums.get(def.version.id) ?? { good: 0, total: 0 };
    const good = rolled.good + finite(values.get(`${def.id}|g`));
    const total = rolled.total + finite(values.get(`${def.id}|t`));
    statuses.set(def.id, buildStatus(def, { good, total }, (w) => values.get(`${def.id}|${w}`), atMs));
  }
  return { statuses, queryCount };
}

const finite = (v: number | undefined) => (v !== undefined && Number.isFinite(v) ? v : 0);

/** Pure assembly of one status from counts and error ratios (exported for the stale/no-data paths). */
export function buildStatus(def: SloDef, counts: { good: number; total: number }, errorRatio: (w: BurnWindow) => number | undefined, atMs: number): SloStatus {
  const { objective, window, sli } = def.version;
  const bounds = windowBounds(window, atMs);
  const windowSeconds = windowLengthSeconds(window, atMs);
  const budget = computeBudget({ objective, counts, windowSeconds });
  const burnRates = Object.fromEntries(
    BURN_WINDOWS.map((w) => {
      const r = errorRatio(w);
      return [w, r === undefined || !Number.isFinite(r) ? null : burnRate(r, objective)];
    }),
  ) as Record<BurnWindow, number | null>;
  const alerts = evaluateAlerts(burnRateAlerts(nominalWindowSeconds(window)), burnRates).map((a) => ({
    name: a.name, severity: a.severity, longWindow: a.longWindow, shortWindow: a.shortWindow, factor: a.factor, firing: a.firing,
  }));
  const exhausts = exhaustsAt({ remaining: budget.remaining, burnRate: burnRates["1h"], windowSeconds, nowMs: atMs });
  return {
    sloId: def.id,
    name: def.name,
    service: def.service.slug,
    version: def.version.number,
    objective,
    window,
    sli,
    windowStart: new Date(bounds.startMs).toISOString(),
    windowEnd: new Date(bounds.endMs).toISOString(),
    noData: budget.sli === null,
    sliValue: budget.sli,
    events: { good: counts.total - budget.badEvents, bad: budget.badEvents, total: counts.total },
    errorBudget: {
      total: budget.budget,
      consumed: budget.consumed,
      remaining: budget.remaining,
      allowedBadEvents: budget.allowedBadEvents,
      downtimeEquivalentSeconds: budget.downtimeEquivalentSeconds,
    },
    burnRates,
    alerts,
    exhaustsAt: exhausts === null ? null : new Date(exhausts).toISOString(),
    asOf: new Date(atMs).toISOString(),
    stale: false,
  };
}
