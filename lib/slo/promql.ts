import {
  SLICE_MINUTES,
  SloDefinitionError,
  type EventSli,
  type LatencySli,
  type Sli,
  type TimesliceSli,
} from "./types";
import { parseDuration } from "./duration";

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

/** Quotes a string as a PromQL string literal (JSON escaping is a subset PromQL accepts). */
export const promqlString = (value: string): string => JSON.stringify(value);

/**
 * Formats a histogram threshold the way Prometheus 2.x stores the `le` label written by the Go and JS
 * client libraries: shortest round-trip decimal, so 0.3 → "0.3" and 1 → "1". (Prometheus ≥ 3 normalises
 * classic-histogram `le` values to "1.0"; we target 2.42, so plain JS number formatting is right.)
 */
export const formatLe = (thresholdSeconds: number): string => String(thresholdSeconds);

const checkSelector = (value: string | undefined, field: string): string => {
  const selector = (value ?? "").trim();
  if (selector.length === 0) throw new SloDefinitionError(field, "selector is empty");
  // We append the range ourselves; a range inside would make increase() invalid.
  if (selector.includes("[")) throw new SloDefinitionError(field, "selector must not contain a range ([...])");
  return selector;
};

const checkRange = (range: string): void => {
  if (parseDuration(range, "range") <= 0) throw new SloDefinitionError("range", "range must be positive");
};

/**
 * Validated good/bad/total selectors of an SLI (exactly one of good/bad is set). `samples`: the selectors
 * are a 0/1 gauge whose samples are counted (bool gauge), not counters whose increase is. `slices`: a
 * timeslice SLI; total is the per-slice event count (> 0) and good the 0/1 judgement of its share, both evaluated at the end
 * of every slice of this length (a subquery step) and counted (total) or summed (good).
 */
export type Selectors = { total: string; good: string | null; bad: string | null; samples?: true; slices?: string };

const latencySelectors = (sli: LatencySli): Selectors => {
  const metric = sli.metric.trim();
  if (!METRIC_NAME.test(metric)) throw new SloDefinitionError("sli.metric", `invalid metric name "${sli.metric}"`);
  if (!Number.isFinite(sli.thresholdSeconds) || sli.thresholdSeconds <= 0) {
    throw new SloDefinitionError("sli.thresholdSeconds", "threshold must be a positive number of seconds");
  }
  const matchers = sli.matchers.trim().replace(/,\s*$/, "");
  if (/[{}]/.test(matchers))
    throw new SloDefinitionError("sli.matchers", "matchers are the text inside the braces, without braces");
  if (/(^|[,\s])le\s*(=|!=|=~|!~)/.test(matchers))
    throw new SloDefinitionError("sli.matchers", "the le matcher is set from thresholdSeconds");
  const le = `le=${promqlString(formatLe(sli.thresholdSeconds))}`;
  return {
    total: matchers ? `${metric}_count{${matchers}}` : `${metric}_count`,
    good: `${metric}_bucket{${matchers ? `${matchers},` : ""}${le}}`,
    bad: null,
  };
};

/** Pyrra's bool_gauge: total = every sample of the gauge, good = the sum of its samples (the ones that are 1). */
const gaugeSelectors = (metric: string): Selectors => {
  const selector = checkSelector(metric, "sli.metric");
  return { total: selector, good: selector, bad: null, samples: true };
};

/** An inner SLI's errors name its fields under sli.of (sli.total → sli.of.total). */
const within = <T>(fn: () => T): T => {
  try {
    return fn();
  } catch (err) {
    if (!(err instanceof SloDefinitionError)) throw err;
    const field = err.field.replace(/^sli\./, "sli.of.");
    throw new SloDefinitionError(field, err.message.replace(`${err.field}: `, ""));
  }
};

/**
 * Per-slice expressions of `of` for the slice ending at each evaluation instant (ONE series each, none when
 * the slice has no events: unmeasured). `measured` is the slice's event count filtered to > 0 (one sum, the
 * cheap one to count); `share` its good share, from two sums: good/total, or 1 − bad/total (a subquery over
 * 30 d of 1 m slices evaluates these 43 200 times, so every sum saved counts).
 */
export function sliceQueries(of: EventSli, sliceMinutes: number): { measured: string; share: string } {
  const s = sliSelectors(of);
  const range = `${sliceMinutes}m`;
  const measured = `${rangeSum(s, "total", range)} > 0`;
  const share =
    s.bad !== null
      ? `1 - ${orZero(rangeSum(s, "bad", range))} / (${measured})`
      : `${orZero(rangeSum(s, "good", range))} / (${measured})`;
  return { measured, share };
}

const sliceSelectors = (sli: TimesliceSli): Selectors => {
  if (!(SLICE_MINUTES as readonly number[]).includes(sli.sliceMinutes))
    throw new SloDefinitionError("sli.sliceMinutes", `slice must be ${SLICE_MINUTES.join(" or ")} minutes`);
  if (!Number.isFinite(sli.threshold) || sli.threshold <= 0 || sli.threshold > 1) {
    throw new SloDefinitionError(
      "sli.threshold",
      "threshold must be a share greater than 0 and at most 1 (0.99 = 99 %)",
    );
  }
  if ((sli.of as Sli).kind === "timeslice")
    throw new SloDefinitionError(
      "sli.of",
      "a timeslice SLI judges a ratio, latency or bool gauge SLI, not another timeslice SLI",
    );
  const q = within(() => sliceQueries(sli.of, sli.sliceMinutes));
  return {
    total: q.measured,
    good: `(${q.share}) >= bool ${sli.threshold}`,
    bad: null,
    slices: `${sli.sliceMinutes}m`,
  };
};

/**
 * Validates an SLI and returns its selectors.
 * @throws SloDefinitionError with `field` naming the bad input.
 */
export function sliSelectors(sli: Sli): Selectors {
  if (sli.kind === "timeslice") return sliceSelectors(sli);
  if (sli.kind === "latency") return latencySelectors(sli);
  if (sli.kind === "boolGauge") return gaugeSelectors(sli.metric);
  const total = checkSelector(sli.total, "sli.total");
  const hasGood = (sli.good ?? "").trim() !== "";
  const hasBad = (sli.bad ?? "").trim() !== "";
  if (hasGood === hasBad) throw new SloDefinitionError("sli.good", "set exactly one of good or bad");
  return hasGood
    ? { total, good: checkSelector(sli.good, "sli.good"), bad: null }
    : { total, good: null, bad: checkSelector(sli.bad, "sli.bad") };
}

/**
 * Sample counts over adjacent ranges must add up: Prometheus 2.x ranges include both ends, so a sample on
 * a boundary (hourly rollups, the open hour at each end of a window) would count twice. One millisecond
 * less makes the range (t − r, t] (timestamps are whole ms). Prometheus 3 ranges are left-open already;
 * there a sample exactly 1 ms after the boundary is missed instead, as rare as a boundary sample.
 */
const sampleRange = (range: string): string => `${Math.max(1, Math.round(parseDuration(range, "range") * 1000) - 1)}ms`;

/**
 * `sum(<fn>(<selector>[<range>]<offset>))` for one of the SLI's selectors: increase() of counters, or for
 * a bool gauge count_over_time (total) and sum_over_time (good) of its samples. ONE label-less series.
 * A timeslice SLI's counts are slices: a subquery evaluates the slice's events > 0 (total: measured slices)
 * or the share's judgement (good: good slices) at the epoch-aligned end of every slice in the range — (t − range, t],
 * like samples, so adjacent ranges count a slice once.
 * `offset` is PromQL text such as " offset 300000ms" ("" for none).
 */
export function rangeSum(s: Selectors, which: "total" | "good" | "bad", range: string, offset = ""): string {
  const selector = s[which];
  if (selector === null) throw new SloDefinitionError(`sli.${which}`, "this SLI has no such selector");
  if (s.slices)
    return `sum(${which === "total" ? "count_over_time" : "sum_over_time"}((${selector})[${sampleRange(range)}:${s.slices}]${offset}))`;
  if (!s.samples) return `sum(increase(${selector}[${range}]${offset}))`;
  return `sum(${which === "total" ? "count_over_time" : "sum_over_time"}(${selector}[${sampleRange(range)}]${offset}))`;
}

/** A missing good/bad series means "no such events": count 0 instead of dropping the result. */
const orZero = (expr: string) => `(${expr} or vector(0))`;

/**
 * PromQL for the good and total event counts over `range`; each returns ONE label-less series.
 * total is empty when the service has no series (no data); good never disappears while total exists:
 * a good selector without series counts 0 good, a bad selector without series (a clean service) counts 0 bad,
 * so good = total − 0. A bool gauge's events are its samples (good: the ones that are 1).
 */
export function sliIncreaseQueries(sli: Sli, range: string): { good: string; total: string } {
  checkRange(range);
  const s = sliSelectors(sli);
  const total = rangeSum(s, "total", range);
  if (s.good !== null) return { good: orZero(rangeSum(s, "good", range)), total };
  return { good: `${total} - ${orZero(rangeSum(s, "bad", range))}`, total };
}

/**
 * PromQL for the error ratio bad/total over `range` (one label-less series). The denominator is filtered
 * with `> 0` so a range without traffic gives no sample instead of NaN.
 */
export function sliErrorRatioQuery(sli: Sli, range: string): string {
  checkRange(range);
  const s = sliSelectors(sli);
  const total = rangeSum(s, "total", range);
  const bad = s.bad !== null ? orZero(rangeSum(s, "bad", range)) : `(${total} - ${orZero(rangeSum(s, "good", range))})`;
  return `${bad} / (${total} > 0)`;
}
