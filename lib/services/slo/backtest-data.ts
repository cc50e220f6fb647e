import "server-only";
import { upstreamError, type MatrixSeries, type PrometheusClient } from "@/lib/prometheus";
import { INCREASE_RANGE_MS, sliIncreaseQueries, type IncreaseSeries, type Sli } from "@/lib/slo";

// The backtester's input: the 5 m good/total increases at 5 m steps from Prometheus' query_range, with
// the SAME expressions the generated rules record as slo:sli_{good,total}:increase5m (sliIncreaseQueries
// "5m"), so the replay sees the numbers the rules would have seen at those instants. Why not the hourly
// rollups: they are exact but an hour coarse, and the page tiers look at 5 m. Prometheus allows 11 000
// points per range query, so long replays are split into chunks of at most 10 000 steps.

const STEP_SECONDS = INCREASE_RANGE_MS / 1000;
const MAX_POINTS = 10_000;

const valuesAt = (series: MatrixSeries[]): Map<number, number> =>
  new Map((series[0]?.values ?? []).map(([t, v]) => [Math.round(t * 1000), v]));

/**
 * 5 m increases for the 5 m steps in (fromMs, toMs] (both multiples of 5 m). Missing total → null
 * (no record); good is never missing where total exists (the query counts absent good series as 0).
 * A Prometheus failure is a 503 naming it, never a 500.
 */
export async function fetchIncreaseSeries(
  client: PrometheusClient,
  sli: Sli,
  fromMs: number,
  toMs: number,
): Promise<IncreaseSeries> {
  const q = sliIncreaseQueries(sli, "5m");
  const startMs = fromMs + INCREASE_RANGE_MS;
  const count = Math.max(0, Math.floor((toMs - startMs) / INCREASE_RANGE_MS) + 1);
  const good = new Map<number, number>(),
    total = new Map<number, number>();
  try {
    const chunks: Promise<void>[] = [];
    for (let i = 0; i < count; i += MAX_POINTS) {
      const a = (startMs + i * INCREASE_RANGE_MS) / 1000;
      const b = (startMs + (Math.min(count, i + MAX_POINTS) - 1) * INCREASE_RANGE_MS) / 1000;
      chunks.push(
        Promise.all([
          client.rangeQuery(q.good, a, b, STEP_SECONDS),
          client.rangeQuery(q.total, a, b, STEP_SECONDS),
        ]).then(([g, t]) => {
          for (const [k, v] of valuesAt(g)) good.set(k, v);
          for (const [k, v] of valuesAt(t)) total.set(k, v);
        }),
      );
    }
    await Promise.all(chunks);
  } catch (err) {
    throw upstreamError(err, "the backtest");
  }
  const out = {
    startMs,
    stepMs: INCREASE_RANGE_MS,
    good: new Array<number | null>(count),
    total: new Array<number | null>(count),
  };
  for (let i = 0; i < count; i++) {
    const t = startMs + i * INCREASE_RANGE_MS;
    const tv = total.get(t);
    const ok = tv !== undefined && Number.isFinite(tv);
    out.total[i] = ok ? tv : null;
    out.good[i] = ok ? (good.get(t) ?? 0) : null;
  }
  return out;
}
