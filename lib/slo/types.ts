/**
 * Shared SLO types. Every instant is epoch milliseconds, every length carries its unit in the name.
 * An objective is a ratio in (0, 1): 0.999 means 99.9 %.
 */

/** Ratio SLI over counters: exactly one of `good` / `bad`, each a PromQL counter selector. */
export type RatioSli = { kind: "ratio"; total: string; good?: string; bad?: string };

/**
 * Latency SLI over a classic Prometheus histogram.
 * good = `<metric>_bucket{<matchers>,le="<threshold>"}`, total = `<metric>_count{<matchers>}`.
 */
export type LatencySli = { kind: "latency"; metric: string; matchers: string; thresholdSeconds: number };

/**
 * Share of good samples of a 0/1 gauge (Pyrra's `bool_gauge`, e.g. blackbox `probe_success`): `metric` is
 * one series selector; good = sum_over_time (the samples that are 1), total = count_over_time (all samples).
 * Its "events" are samples, so budgets are in samples, not requests.
 */
export type BoolGaugeSli = { kind: "boolGauge"; metric: string };

/** The SLIs whose good share can be judged per slice. */
export type EventSli = RatioSli | LatencySli | BoolGaugeSli;

/** Slice lengths in minutes: divisors of the 5 m recording range, so 5 m records hold whole slices. */
export const SLICE_MINUTES = [1, 5] as const;
export type SliceMinutes = (typeof SLICE_MINUTES)[number];

/**
 * Timeslice SLI (OpenSLO `budgetingMethod: Timeslices`): time is cut into slices of `sliceMinutes`, aligned
 * to the epoch; a slice is good when the good share of `of` inside it (good/total) is at least `threshold`
 * (OpenSLO timeSliceTarget), in (0, 1]. Over a latency `of`, "≥ 0.99 of the slice's requests within 300 ms"
 * is exactly "the slice's p99 ≤ 300 ms" (no histogram_quantile interpolation). Its "events" are slices.
 * A slice without events of `of` is unmeasured: neither good nor bad (no data is never counted healthy,
 * and a window without any measured slice is "no data").
 */
export type TimesliceSli = { kind: "timeslice"; sliceMinutes: SliceMinutes; threshold: number; of: EventSli };

export type Sli = EventSli | TimesliceSli;

/** Rolling window of N days, or a calendar period aligned in an IANA time zone. */
export type SloWindow =
  { kind: "rolling"; days: number } | { kind: "calendar"; unit: "month" | "week"; timezone: string };

/** Event counts over some range; bad = total − good. */
export type EventCounts = { good: number; total: number };

/** The windows the multi-window multi-burn-rate alerts look at (SRE Workbook ch. 5). */
export const BURN_WINDOWS = ["5m", "30m", "1h", "2h", "6h", "1d", "3d"] as const;
export type BurnWindow = (typeof BURN_WINDOWS)[number];

/** An invalid SLO definition or input; `field` names the offending input (e.g. "sli.total"). */
export class SloDefinitionError extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.name = "SloDefinitionError";
    this.field = field;
  }
}
