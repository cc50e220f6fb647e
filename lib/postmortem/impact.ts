import { err, ok, type Result } from "./result";

// Incident impact on one SLO, from event counts (self-contained: no dependency on lib/slo).
//
// Budget consumed = failed / ((1 − objective) × windowTotal), where windowTotal is the number of events in
// the SLO window the incident belongs to (anchors B.6: the window ending at the impact end, or the
// calendar month). It is a share of the *whole window's* budget, so it can exceed 1, and it does not
// depend on how busy the incident minutes were. Denominator choice:
// - windowTotalEvents (measured, preferred; wins when both are given) must be ≥ the incident's total,
//   since the window contains the incident;
// - expectedWindowTotal (forecast, e.g. for a calendar month still in progress) when no measurement exists.

export type EventCounts = { good: number; total: number };

/** Counts for one step of a range query (e.g. increase() over stepSeconds ending at atMs). */
export type CountsPoint = EventCounts & { atMs: number };

export type IncidentImpactInput = {
  /** SLO objective as a ratio in (0, 1), e.g. 0.999. */
  objective: number;
  /** Length of the SLO window in seconds, e.g. 30 days = 2_592_000. */
  windowSeconds: number;
  /** Good and total events during the impact window. */
  incidentCounts: EventCounts;
  windowTotalEvents?: number;
  expectedWindowTotal?: number;
  /** Optional per-step counts during the impact window, for the peak error ratio. */
  series?: readonly CountsPoint[];
};

export type IncidentImpact = {
  /** total − good during the incident. */
  failedRequests: number;
  totalRequests: number;
  /** failed / total; null when there was no traffic (undefined, never shown as 0 %). */
  errorRatio: number | null;
  status: "ok" | "no_traffic";
  denominator: "window_total" | "expected_window_total";
  /** The window total used as denominator. */
  windowTotalEvents: number;
  /** Allowed bad events in the window: (1 − objective) × windowTotalEvents. */
  budgetEvents: number;
  /** failed / budgetEvents; 1 = the whole window budget; may exceed 1. */
  budgetConsumedFraction: number;
  /** Seconds of complete outage (at the window's average traffic) that would fail as many events. */
  equivalentFullOutageSeconds: number;
  /** Worst step's failed/total; null without a series or traffic. */
  peakErrorRatio: number | null;
  peakAtMs: number | null;
  /** peakErrorRatio / (1 − objective). */
  peakBurnRate: number | null;
};

export type ImpactError =
  "invalid_objective" | "invalid_window" | "invalid_counts" | "missing_window_total" | "window_total_too_small";

const validCounts = ({ good, total }: EventCounts): boolean =>
  Number.isFinite(good) && Number.isFinite(total) && good >= 0 && total >= 0 && good <= total;

/**
 * Highest failed/total over the steps of a series (steps without traffic are skipped; the earliest step
 * wins a tie). Returns null when no step had traffic.
 */
export function peakErrorRatio(series: readonly CountsPoint[]): { ratio: number; atMs: number } | null {
  let peak: { ratio: number; atMs: number } | null = null;
  for (const point of series) {
    if (point.total <= 0) continue;
    const ratio = (point.total - point.good) / point.total;
    if (peak === null || ratio > peak.ratio) peak = { ratio, atMs: point.atMs };
  }
  return peak;
}

/** Computes failed requests, error ratio, budget consumption and peak for one SLO over an incident. */
export function incidentImpact(input: IncidentImpactInput): Result<IncidentImpact, ImpactError> {
  const { objective, windowSeconds, incidentCounts, series = [] } = input;
  if (!Number.isFinite(objective) || objective <= 0 || objective >= 1) {
    return err("invalid_objective", `The objective must be a ratio between 0 and 1 (exclusive), got ${objective}.`);
  }
  if (!Number.isFinite(windowSeconds) || windowSeconds <= 0)
    return err("invalid_window", "windowSeconds must be positive.");
  if (!validCounts(incidentCounts) || !series.every(validCounts)) {
    return err("invalid_counts", "Counts must be finite, non-negative, and good must not exceed total.");
  }

  const measured = input.windowTotalEvents;
  const expected = input.expectedWindowTotal;
  const denominator = measured !== undefined ? "window_total" : "expected_window_total";
  const windowTotal = measured ?? expected;
  if (windowTotal === undefined) return err("missing_window_total", "Pass windowTotalEvents or expectedWindowTotal.");
  if (!Number.isFinite(windowTotal) || windowTotal < 0)
    return err("invalid_counts", "The window total must be a non-negative number.");
  if (measured !== undefined && measured < incidentCounts.total) {
    return err(
      "window_total_too_small",
      "The SLO window total cannot be smaller than the incident's total: the window contains the incident.",
    );
  }

  const failed = Math.max(0, incidentCounts.total - incidentCounts.good);
  if (failed > 0 && windowTotal === 0) return err("window_total_too_small", "Failed events with an empty SLO window.");
  const budgetEvents = (1 - objective) * windowTotal;
  const peak = peakErrorRatio(series);
  return ok({
    failedRequests: failed,
    totalRequests: incidentCounts.total,
    errorRatio: incidentCounts.total > 0 ? failed / incidentCounts.total : null,
    status: incidentCounts.total > 0 ? "ok" : "no_traffic",
    denominator,
    windowTotalEvents: windowTotal,
    budgetEvents,
    budgetConsumedFraction: failed === 0 ? 0 : failed / budgetEvents,
    equivalentFullOutageSeconds: failed === 0 ? 0 : (failed / windowTotal) * windowSeconds,
    peakErrorRatio: peak?.ratio ?? null,
    peakAtMs: peak?.atMs ?? null,
    peakBurnRate: peak ? peak.ratio / (1 - objective) : null,
  });
}
