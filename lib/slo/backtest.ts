import type { AlertTier } from "./alerts";
import { parseDuration } from "./duration";
import { roundSignificant } from "./number";
import { SloDefinitionError } from "./types";

// Alert backtester: replays 5 m good/total increases through the multi-window burn-rate rules exactly as
// Prometheus 2.x evaluates the generated rule group (lib/slo/rules.ts), so its instants equal
// `promtool test rules` on the same series (tests/integration/backtest-promtool.test.ts):
//  - the group runs every `evalIntervalMs` at multiples of it; each evaluation first records the 5 m
//    increases, then the ratios, then the alerts (rules of a group see the records of the same instant);
//  - ratio over w > 5m = (Σtotal − Σgood) / Σtotal over the records with timestamps in [t − w, t] (2.x
//    ranges include both ends), no sample when Σtotal = 0; the 5m ratio is the raw increase's own ratio;
//  - a tier's expression is long ≥ threshold AND short ≥ threshold, threshold = factor × budget rounded
//    like the rule file; true at t → pending (activeAt = t), firing at the first t with t − activeAt ≥ for,
//    resolved at the first evaluation where the expression is false (or has no sample).
// Input points are 5 m increases ending at startMs + i × stepMs (what the 5 m record holds at that
// instant). Between points the increase is interpolated linearly — traffic uniform within each step —
// which is what Prometheus records from counters growing evenly between the points.

export const INCREASE_RANGE_MS = 300_000;

export type IncreaseSeries = {
  startMs: number;
  stepMs: number;
  /** 5 m increases at each point; null where Prometheus had no sample (no record at nearby instants). */
  good: readonly (number | null)[];
  total: readonly (number | null)[];
};

export type ReplayInput = {
  series: IncreaseSeries;
  tiers: readonly AlertTier[];
  /** Error budget ratio, 1 − objective. */
  budget: number;
  /** Rule group evaluation interval (Prometheus' evaluation_interval); divides stepMs. */
  evalIntervalMs: number;
};

export type FiringInterval = {
  tier: string;
  severity: AlertTier["severity"];
  /** First evaluation of the pending run that led to firing. */
  activeAtMs: number;
  firedAtMs: number;
  /** First evaluation where the expression no longer held; null while still firing at the last one. */
  resolvedAtMs: number | null;
};

/** The 5 m records at every evaluation instant, scaled by stepMs / evalIntervalMs (integers for integer counts). */
function records(
  series: IncreaseSeries,
  evalIntervalMs: number,
): { firstMs: number; total: Float64Array; good: Float64Array; present: Uint8Array } {
  const { startMs, stepMs, good, total } = series;
  const n = Math.round(stepMs / evalIntervalMs);
  const firstMs = Math.ceil(startMs / evalIntervalMs) * evalIntervalMs;
  const lastMs = startMs + (total.length - 1) * stepMs;
  const count = total.length === 0 ? 0 : Math.floor((lastMs - firstMs) / evalIntervalMs) + 1;
  const out = {
    firstMs,
    total: new Float64Array(count),
    good: new Float64Array(count),
    present: new Uint8Array(count),
  };
  for (let k = 0; k < count; k++) {
    const offset = (firstMs + k * evalIntervalMs - startMs) / evalIntervalMs;
    const i = Math.floor(offset / n);
    const j = offset - i * n;
    const t0 = total[i] ?? null,
      g0 = good[i] ?? null;
    if (t0 === null || g0 === null) continue;
    if (j === 0) {
      out.total[k] = n * t0;
      out.good[k] = n * g0;
    } else {
      const t1 = total[i + 1] ?? null,
        g1 = good[i + 1] ?? null;
      if (t1 === null || g1 === null) continue;
      out.total[k] = (n - j) * t0 + j * t1;
      out.good[k] = (n - j) * g0 + j * g1;
    }
    out.present[k] = 1;
  }
  return out;
}

const validate = ({ series, budget, evalIntervalMs }: ReplayInput): void => {
  if (!Number.isInteger(evalIntervalMs) || evalIntervalMs <= 0 || INCREASE_RANGE_MS % evalIntervalMs !== 0) {
    throw new SloDefinitionError("evaluationInterval", "evaluation interval must divide 5m");
  }
  if (series.stepMs <= 0 || series.stepMs % evalIntervalMs !== 0)
    throw new SloDefinitionError("series.stepMs", "step must be a multiple of the evaluation interval");
  if (series.good.length !== series.total.length)
    throw new SloDefinitionError("series", "good and total differ in length");
  if (!(budget > 0 && budget < 1)) throw new SloDefinitionError("objective", "budget must be in (0, 1)");
};

/**
 * Fire/resolve intervals of every tier over the whole series (earliest first per tier, tiers in input
 * order). Callers that want N days pass the lead-in before them (longest window + longest `for`) so the
 * first evaluations see full windows, and keep the intervals that reach into their range.
 */
export function replayAlerts(input: ReplayInput): FiringInterval[] {
  validate(input);
  const { firstMs, total, good, present } = records(input.series, input.evalIntervalMs);
  const count = total.length;
  // Prefix sums over the records: a window's sums are two lookups. Exact while the scaled counts are integers below 2^53.
  const sumT = new Float64Array(count + 1),
    sumG = new Float64Array(count + 1),
    seen = new Int32Array(count + 1);
  for (let k = 0; k < count; k++) {
    sumT[k + 1] = sumT[k]! + total[k]!;
    sumG[k + 1] = sumG[k]! + good[k]!;
    seen[k + 1] = seen[k]! + present[k]!;
  }
  const ratio = (k: number, windowMs: number): number | null => {
    if (windowMs === INCREASE_RANGE_MS) return present[k] && total[k]! > 0 ? (total[k]! - good[k]!) / total[k]! : null;
    const from = Math.max(0, k - Math.floor(windowMs / input.evalIntervalMs));
    const t = sumT[k + 1]! - sumT[from]!;
    if (seen[k + 1]! - seen[from]! === 0 || !(t > 0)) return null;
    return (t - (sumG[k + 1]! - sumG[from]!)) / t;
  };
  const out: FiringInterval[] = [];
  for (const tier of input.tiers) {
    const longMs = parseDuration(tier.longWindow) * 1000,
      shortMs = parseDuration(tier.shortWindow) * 1000,
      forMs = parseDuration(tier.for) * 1000;
    const threshold = roundSignificant(tier.factor * input.budget);
    let activeAt: number | null = null;
    let open: FiringInterval | null = null;
    for (let k = 0; k < count; k++) {
      const at = firstMs + k * input.evalIntervalMs;
      const long = ratio(k, longMs),
        short = ratio(k, shortMs);
      const holds = long !== null && short !== null && long >= threshold && short >= threshold;
      if (!holds) {
        if (open) open.resolvedAtMs = at;
        open = null;
        activeAt = null;
        continue;
      }
      activeAt ??= at;
      if (!open && at - activeAt >= forMs) {
        open = { tier: tier.name, severity: tier.severity, activeAtMs: activeAt, firedAtMs: at, resolvedAtMs: null };
        out.push(open);
      }
    }
  }
  return out;
}
