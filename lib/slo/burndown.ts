import { errorBudgetRatio } from "./budget";
import { roundSignificant } from "./number";
import { SloDefinitionError } from "./types";

export type BurndownPoint = { t: number; remaining: number | null; ideal: number };

/**
 * Error-budget burndown over one window from per-step increases (`t` = end of the step, epoch ms).
 * Steps ending after windowStartMs and at or before windowEndMs are cumulated from the window start.
 * - remaining(t) = 1 − cumBad / (budget × cumTotal): the budget of the traffic seen so far (same as the
 *   "remaining" tile at that moment), null until there is traffic. With `totalExpected` (expected events
 *   in the whole window) the denominator is budget × totalExpected instead, which only ever goes down.
 * - ideal(t) = 1 − (t − start) / (end − start), clamped to [0, 1]: spending the budget evenly.
 * Non-finite step values count as 0; bad per step = max(0, total − good).
 */
export function burndownSeries(input: {
  points: readonly { t: number; good: number; total: number }[];
  objective: number;
  windowStartMs: number;
  windowEndMs: number;
  totalExpected?: number;
}): BurndownPoint[] {
  const { objective, windowStartMs, windowEndMs, totalExpected } = input;
  const budget = errorBudgetRatio(objective);
  if (!(windowEndMs > windowStartMs)) throw new SloDefinitionError("windowEndMs", "window end must be after its start");
  const span = windowEndMs - windowStartMs;
  const finite = (x: number) => (Number.isFinite(x) ? x : 0);
  const points = input.points.filter((p) => p.t > windowStartMs && p.t <= windowEndMs).sort((a, b) => a.t - b.t);
  let cumBad = 0;
  let cumTotal = 0;
  return points.map((p) => {
    const total = Math.max(0, finite(p.total));
    cumTotal += total;
    cumBad += Math.max(0, total - Math.max(0, finite(p.good)));
    const denominator = totalExpected !== undefined && totalExpected > 0 ? budget * totalExpected : budget * cumTotal;
    const remaining = denominator > 0 ? roundSignificant(1 - cumBad / denominator) : null;
    const ideal = Math.min(1, Math.max(0, 1 - (p.t - windowStartMs) / span));
    return { t: p.t, remaining, ideal };
  });
}

/** "Nice" query steps in seconds, ascending. */
const NICE_STEPS_SECONDS = [60, 300, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400, 172_800, 604_800];

/**
 * Smallest nice step (≥ 60 s) that keeps the point count windowSeconds / step + 1 ≤ maxPoints. Default target 1000 points, the
 * same resolution Pyrra uses (range / 1000): 30 d → 1 h, 7 d → 15 m, 1 d → 5 m. maxPoints may be raised to
 * Prometheus' hard limit of 11 000 points per series, never above.
 */
export function pickStep(windowSeconds: number, maxPoints = 1000): number {
  if (!Number.isFinite(windowSeconds) || windowSeconds <= 0)
    throw new SloDefinitionError("windowSeconds", "window must be positive");
  if (!Number.isInteger(maxPoints) || maxPoints < 2 || maxPoints > 11_000)
    throw new SloDefinitionError("maxPoints", "maxPoints must be an integer in [2, 11000]");
  const found = NICE_STEPS_SECONDS.find((step) => windowSeconds / step + 1 <= maxPoints);
  if (found !== undefined) return found;
  const largest = NICE_STEPS_SECONDS[NICE_STEPS_SECONDS.length - 1] ?? 604_800;
  return Math.ceil(windowSeconds / (maxPoints - 1) / largest) * largest;
}
