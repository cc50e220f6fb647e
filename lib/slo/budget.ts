import { roundSignificant } from "./number";
import { SloDefinitionError, type EventCounts } from "./types";

/**
 * Error budget as a ratio: 1 − objective, rounded to 12 decimal places so 0.999 gives exactly 0.001 and
 * 0.99999 exactly 0.00001 (raw subtraction gives 0.0010000000000000009 and 0.00000999999999995449, which
 * would leak into thresholds and reports). The subtraction's error is absolute (~1e-16), hence decimal
 * places rather than significant digits; objectives have at most 12 decimals (99.9999999999 %).
 * @throws SloDefinitionError unless 0 < objective < 1.
 */
export function errorBudgetRatio(objective: number): number {
  if (!Number.isFinite(objective) || objective <= 0 || objective >= 1) {
    throw new SloDefinitionError("objective", "objective must be a ratio strictly between 0 and 1 (0.999 = 99.9 %)");
  }
  return Number((1 - objective).toFixed(12));
}

export type BudgetResult = {
  /** good/total, null without traffic. */
  sli: number | null;
  /** bad/total, null without traffic. */
  errorRatio: number | null;
  /** 1 − objective. */
  budget: number;
  /** Share of the budget spent: bad / (budget × total); may exceed 1. */
  consumed: number | null;
  /** 1 − consumed; negative once the budget is overspent. */
  remaining: number | null;
  /** budget × total: bad events the objective allows for this traffic. */
  allowedBadEvents: number | null;
  badEvents: number;
  /** budget × windowSeconds: the budget as full-outage time (2592 s = 43.2 min for 99.9 % over 30 d). */
  downtimeEquivalentSeconds: number;
};

/**
 * Traffic-weighted error budget over one window: all ratios come from summed counts, never from averaged
 * ratios. No traffic (total 0, or non-finite counts) gives nulls, so the result never holds NaN/Infinity.
 * bad = total − good, clamped at 0 (extrapolated Prometheus counts can put good a hair above total).
 */
export function computeBudget(input: { objective: number; counts: EventCounts; windowSeconds: number }): BudgetResult {
  const budget = errorBudgetRatio(input.objective);
  if (!Number.isFinite(input.windowSeconds) || input.windowSeconds < 0) {
    throw new SloDefinitionError("windowSeconds", "windowSeconds must be a non-negative number");
  }
  const downtimeEquivalentSeconds = roundSignificant(budget * input.windowSeconds);
  const { good, total } = input.counts;
  if (!Number.isFinite(total) || !Number.isFinite(good) || total <= 0) {
    return {
      sli: null,
      errorRatio: null,
      budget,
      consumed: null,
      remaining: null,
      allowedBadEvents: null,
      badEvents: 0,
      downtimeEquivalentSeconds,
    };
  }
  const badEvents = Math.max(0, total - Math.max(0, good));
  const errorRatio = badEvents / total;
  const allowedBadEvents = roundSignificant(budget * total);
  const consumed = roundSignificant(badEvents / allowedBadEvents);
  return {
    sli: (total - badEvents) / total,
    errorRatio,
    budget,
    consumed,
    remaining: roundSignificant(1 - consumed),
    allowedBadEvents,
    badEvents,
    downtimeEquivalentSeconds,
  };
}

/** Burn rate = error ratio / error budget (1 = spending exactly the budget over the window). */
export function burnRate(errorRatio: number | null, objective: number): number | null {
  if (errorRatio === null || !Number.isFinite(errorRatio)) return null;
  return roundSignificant(errorRatio / errorBudgetRatio(objective));
}

/**
 * When the remaining budget runs out if the current burn rate holds: at burn rate b a window of W seconds
 * spends b/W of the budget per second, so it lasts remaining × W / b seconds (burn 1 over 30 d → 30 d,
 * 14.4 → 50 h, 1000 → 43.2 min for a full budget).
 * @returns epoch ms; nowMs when already exhausted (remaining ≤ 0); null without data or when not burning.
 */
export function exhaustsAt(input: {
  remaining: number | null;
  burnRate: number | null;
  windowSeconds: number;
  nowMs: number;
}): number | null {
  const { remaining, burnRate: rate, windowSeconds, nowMs } = input;
  if (remaining === null || !Number.isFinite(remaining)) return null;
  if (remaining <= 0) return nowMs;
  if (rate === null || !Number.isFinite(rate) || rate <= 0) return null;
  return nowMs + Math.round(((remaining * windowSeconds) / rate) * 1000);
}
