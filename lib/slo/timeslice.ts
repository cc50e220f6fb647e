import { computeBudget, type BudgetResult } from "./budget";
import { SLICE_MINUTES, SloDefinitionError, type EventCounts } from "./types";

/**
 * Timeslice budgeting (OpenSLO `Timeslices`): the events are slices of `sliceMinutes`, aligned to the epoch.
 * A measured slice (one with events of the judged SLI) is good when its good share is ≥ threshold; an
 * unmeasured slice counts neither way. Attainment = good ÷ measured slices; the budget is
 * (1 − objective) × measured slices, so with every slice measured 99.9 % over 30 d allows 43.2 bad minutes.
 */

/** Slices of `sliceMinutes` ending in (start, end] (epoch ms): the instants Prometheus' subquery evaluates. */
export function slicesBetween(startMs: number, endMs: number, sliceMinutes: number): number {
  if (!(SLICE_MINUTES as readonly number[]).includes(sliceMinutes))
    throw new SloDefinitionError("sli.sliceMinutes", `slice must be ${SLICE_MINUTES.join(" or ")} minutes`);
  if (!(endMs >= startMs)) return 0;
  const step = sliceMinutes * 60_000;
  return Math.floor(endMs / step) - Math.floor(startMs / step);
}

export type SliceTally = { good: number; bad: number; measured: number; unmeasured: number };

/**
 * Judges each slice's events: null or total 0 → unmeasured; good/total ≥ threshold → good; else bad.
 * The reference the PromQL (lib/slo/promql.ts) must agree with; good + bad = measured, measured + unmeasured = slices.
 */
export function tallySlices(slices: readonly (EventCounts | null)[], threshold: number): SliceTally {
  const tally: SliceTally = { good: 0, bad: 0, measured: 0, unmeasured: 0 };
  for (const s of slices) {
    if (s === null || !Number.isFinite(s.total) || s.total <= 0) {
      tally.unmeasured += 1;
      continue;
    }
    tally.measured += 1;
    if (s.good / s.total >= threshold) tally.good += 1;
    else tally.bad += 1;
  }
  return tally;
}

/** The error budget over slices: computeBudget with slices as the events (good slices / measured slices). */
export function sliceBudget(input: {
  objective: number;
  tally: Pick<SliceTally, "good" | "measured">;
  windowSeconds: number;
}): BudgetResult {
  return computeBudget({
    objective: input.objective,
    counts: { good: input.tally.good, total: input.tally.measured },
    windowSeconds: input.windowSeconds,
  });
}

/** "minute" / "5-minute slice", in the plural when `count` ≠ 1. */
export function sliceNoun(sliceMinutes: number, count: number): string {
  const one = sliceMinutes === 1 ? "minute" : `${sliceMinutes}-minute slice`;
  return count === 1 ? one : `${one}s`;
}

/**
 * Whole bad slices the budget allows: a fraction of a slice cannot be spent (43.2 allowed → 43; the 44th
 * bad minute overspends). The epsilon absorbs float residue (0.001 × 43 200 = 43.199999…).
 */
export const allowedBadSlices = (allowed: number): number => Math.floor(allowed + 1e-9);

/** "12 bad minutes of 43 allowed", "1 bad 5-minute slice of 8 allowed"; null without measured slices. */
export function sliceBudgetText(
  budget: Pick<BudgetResult, "badEvents" | "allowedBadEvents">,
  sliceMinutes: number,
): string | null {
  if (budget.allowedBadEvents === null) return null;
  const bad = Math.round(budget.badEvents);
  return `${bad.toLocaleString("en-US")} bad ${sliceNoun(sliceMinutes, bad)} of ${allowedBadSlices(budget.allowedBadEvents).toLocaleString("en-US")} allowed`;
}
