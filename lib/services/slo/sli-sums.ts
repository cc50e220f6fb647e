import "server-only";
import { rangeSum, sliSelectors } from "@/lib/slo";
import type { SloDef } from "./store";

// Increases of an SLI as two plain keyed sums per SLO and range, for batched queries. Plain sums are
// far cheaper for Prometheus than ratio expressions with `or vector(0)` and divisions (measured: 1,000
// SLOs at 5m, 3.4 s as ratios vs 0.25 s as sums); the ratio is taken here.

const finite = (v: number | undefined) => (v !== undefined && Number.isFinite(v) ? v : 0);

/**
 * Keyed sums for one SLO and one range: total events and the SLI's other selector (bad or good).
 * `offsetMs` > 0 moves the range into the past (the head of a window before its first rolled hour).
 */
export function sumItems(def: SloDef, tag: string, range: string, offsetMs = 0) {
  const s = sliSelectors(def.version.sli);
  const offset = offsetMs > 0 ? ` offset ${Math.round(offsetMs)}ms` : "";
  // increase() of counters; count_over_time / sum_over_time of a bool gauge's samples (lib/slo rangeSum).
  return [
    { key: `${def.id}|${tag}|t`, expr: rangeSum(s, "total", range, offset) },
    { key: `${def.id}|${tag}|x`, expr: rangeSum(s, s.bad !== null ? "bad" : "good", range, offset) },
  ];
}

/** Good/total from the keyed sums; a missing "other" series means none of those events (0), a missing total means no data. */
export function countsOf(
  def: SloDef,
  values: Map<string, number>,
  tag: string,
): { good: number; total: number } | null {
  return countsFrom(def, values.get(`${def.id}|${tag}|t`), values.get(`${def.id}|${tag}|x`));
}

/** Good/total from a total and the "other" (bad or good) count of one range. */
export function countsFrom(
  def: SloDef,
  total: number | undefined,
  otherCount: number | undefined,
): { good: number; total: number } | null {
  if (total === undefined || !Number.isFinite(total)) return null;
  const other = finite(otherCount);
  const isBad = sliSelectors(def.version.sli).bad !== null;
  return { total, good: isBad ? Math.max(0, total - other) : Math.min(total, other) };
}
