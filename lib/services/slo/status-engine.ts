import "server-only";
import { batchQuery, type PrometheusClient } from "@/lib/prometheus";
import {
  BURN_WINDOWS,
  burnRate,
  burnRateAlerts,
  computeBudget,
  evaluateAlerts,
  exhaustsAt,
  nominalWindowSeconds,
  windowBounds,
  windowLengthSeconds,
  type BurnWindow,
} from "@/lib/slo";
import { HOUR_MS, MAX_QUERY_BYTES, rolledUntil, syncRollupsPartial } from "./rollups";
import { rollupSums } from "./rollup-memo";
import { correctedHours, isCorrectedHour, subtractCounts, type CorrectionRange } from "@/lib/slo/corrections";
import { approvedCorrectionRanges, excludedCounts } from "./corrections-counts";
import { countsOf, sumItems } from "./sli-sums";
import type { SloDef } from "./store";
import type { SloStatus } from "./status-types";

/** Burn windows short enough to ask Prometheus for raw increases; longer ones come from the rollups. */
const RAW_WINDOWS: readonly BurnWindow[] = ["5m", "30m", "1h", "2h"];
const ROLLUP_WINDOW_HOURS: Partial<Record<BurnWindow, number>> = { "6h": 6, "1d": 24, "3d": 72 };

const add = (a: { good: number; total: number } | undefined, b: { good: number; total: number } | null) => ({
  good: (a?.good ?? 0) + (b?.good ?? 0),
  total: (a?.total ?? 0) + (b?.total ?? 0),
});

const ceilHour = (ms: number) => Math.ceil(ms / HOUR_MS) * HOUR_MS;

/**
 * How a window [startMs, at] that is too long for raw increases is counted, exactly at any instant:
 * the head [startMs, next full hour) as a raw increase (offset into the past), the rolled hours up to
 * `untilMs`, and the open tail [untilMs, at] shared by all windows. A window that starts after `untilMs`
 * (a calendar period that began minutes ago) is one raw increase.
 */
type Split = {
  tag: string;
  raw: { rangeMs: number; offsetMs: number } | null;
  rolledFromMs: number | null;
  withTail: boolean;
};

function splitWindow(tag: string, startMs: number, atMs: number, untilMs: number): Split {
  if (startMs >= untilMs)
    return { tag, raw: { rangeMs: atMs - startMs, offsetMs: 0 }, rolledFromMs: null, withTail: false };
  const first = ceilHour(startMs);
  return {
    tag,
    raw: first > startMs ? { rangeMs: first - startMs, offsetMs: atMs - first } : null,
    rolledFromMs: first,
    withTail: true,
  };
}

/**
 * Status of many SLOs of one Prometheus source at `atMs`, in a number of Prometheus queries that does
 * not depend on the window length:
 * - the SLO window and the 6h, 1d, 3d burn windows = raw head + exact hourly rollups from Postgres + the
 *   open tail since the last rolled hour (splitWindow), so every window is exact at any minute;
 * - burn rates over 5m…2h = raw increases;
 * - all raw increases of all SLOs go out as keyed sums batched into `or` trees (lib/prometheus).
 */
export async function computeStatuses(
  client: PrometheusClient,
  allDefs: SloDef[],
  atMs: number,
  realNowMs: number,
): Promise<{ statuses: Map<string, SloStatus>; queryCount: number }> {
  const untilMs = rolledUntil(atMs, realNowMs);
  const [synced, corrections] = await Promise.all([
    syncRollupsPartial(client, allDefs, atMs, untilMs),
    approvedCorrectionRanges(allDefs.map((d) => d.id)),
  ]);
  // SLOs whose backfill is not complete yet get no status this time (readers see "computing"); the
  // others are computed as usual. Nothing computable at all is the upstream failure it is.
  const defs = allDefs.filter((d) => !synced.incomplete.has(d.version.id));
  if (synced.backfillError && !defs.length) throw synced.backfillError;
  let queryCount = synced.queries;
  const splits = new Map(
    defs.map((d) => [
      d.id,
      [
        splitWindow("window", windowBounds(d.version.window, atMs).startMs, atMs, untilMs),
        ...Object.entries(ROLLUP_WINDOW_HOURS).map(([w, h]) => splitWindow(w, atMs - h! * HOUR_MS, atMs, untilMs)),
      ],
    ]),
  );
  const ranges = defs.flatMap((d) =>
    splits
      .get(d.id)!
      .flatMap((s) =>
        s.rolledFromMs === null ? [] : [{ versionId: d.version.id, fromMs: s.rolledFromMs, tag: s.tag }],
      ),
  );
  const sumsP = rollupSums(ranges, untilMs);
  // Corrections (budget window only; burn rates mirror the Prometheus alerts, which corrections never
  // change): rolled corrected hours leave with their rollups, not-yet-rolled ones as raw 1h increases.
  const windowOf = (d: SloDef) => splits.get(d.id)![0]!;
  const rangesOf = (d: SloDef): CorrectionRange[] => corrections.get(d.id) ?? [];
  const unrolledCorrected = new Map(
    defs.map((d) => [
      d.id,
      correctedHours(rangesOf(d), Math.max(windowBounds(d.version.window, atMs).startMs, untilMs), atMs),
    ]),
  );
  const exclusionsP = excludedCounts(
    defs.flatMap((d) =>
      rangesOf(d).length && windowOf(d).rolledFromMs !== null
        ? [{ key: d.id, sloId: d.id, versionId: d.version.id, fromMs: windowOf(d).rolledFromMs!, untilMs }]
        : [],
    ),
    corrections,
  );

  const tailMs = Math.round(atMs - untilMs);
  const items = defs.flatMap((d) => [
    ...(tailMs > 0 ? sumItems(d, "tail", `${tailMs}ms`) : []),
    ...RAW_WINDOWS.flatMap((w) => sumItems(d, w, w)),
    ...splits
      .get(d.id)!
      .flatMap((s) =>
        s.raw && s.raw.rangeMs > 0 ? sumItems(d, `${s.tag}:raw`, `${Math.round(s.raw.rangeMs)}ms`, s.raw.offsetMs) : [],
      ),
    ...unrolledCorrected.get(d.id)!.flatMap((h) => sumItems(d, `corr:${h}`, "1h", atMs - (h + HOUR_MS))),
  ]);
  const result = await batchQuery(client, items, { timeSec: atMs / 1000, maxQueryBytes: MAX_QUERY_BYTES });
  queryCount += result.queryCount;
  const [sums, exclusions] = await Promise.all([sumsP, exclusionsP]);

  const statuses = new Map<string, SloStatus>();
  for (const def of defs) {
    const tail = countsOf(def, result.values, "tail");
    const countsFor = (s: Split) => {
      const raw = s.raw ? countsOf(def, result.values, `${s.tag}:raw`) : null;
      return add(add(sums.get(`${def.version.id}|${s.tag}`), raw), s.withTail ? tail : null);
    };
    const bySplit = new Map(splits.get(def.id)!.map((s) => [s.tag, countsFor(s)]));
    // A window head inside a corrected hour is wholly corrected: it is left out rather than subtracted.
    const w = windowOf(def);
    const headCorrected =
      w.raw !== null && w.rolledFromMs !== null && isCorrectedHour(rangesOf(def), w.rolledFromMs - HOUR_MS);
    const head = headCorrected ? countsOf(def, result.values, "window:raw") : null;
    const excluded = unrolledCorrected
      .get(def.id)!
      .reduce((acc, h) => add(acc, countsOf(def, result.values, `corr:${h}`)), add(exclusions.get(def.id), head));
    const counts = subtractCounts(bySplit.get("window")!, excluded);
    const errorRatio = (w: BurnWindow): number | undefined => {
      const c = ROLLUP_WINDOW_HOURS[w] ? bySplit.get(w) : countsOf(def, result.values, w);
      return c && c.total > 0 ? (c.total - c.good) / c.total : undefined;
    };
    const status = buildStatus(def, counts, errorRatio, atMs);
    if (rangesOf(def).length)
      status.excludedByCorrections = {
        good: excluded.good,
        total: excluded.total,
        bad: Math.max(0, excluded.total - excluded.good),
      };
    statuses.set(def.id, status);
  }
  return { statuses, queryCount };
}

/** Pure assembly of one status from counts and error ratios (exported for the stale/no-data paths). */
export function buildStatus(
  def: SloDef,
  counts: { good: number; total: number },
  errorRatio: (w: BurnWindow) => number | undefined,
  atMs: number,
): SloStatus {
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
    name: a.name,
    severity: a.severity,
    longWindow: a.longWindow,
    shortWindow: a.shortWindow,
    factor: a.factor,
    firing: a.firing,
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
