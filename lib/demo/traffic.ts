// Closed-form traffic of the demo organisation (issue 14): what `srecp demo` is to write into
// Prometheus and what `srecp demo --explain` prints. Pure: the caller passes the end instant, so
// the same end gives the same numbers on every run.
//
// Each service has phases of constant request rate and error ratio; a counter at time t is the
// exact integral of rate × (1 − error ratio) (good) or rate × error ratio (bad) from `start`.
// Phases are placed relative to `end` at the same offsets as the incidents of
// lib/services/demo-extended.ts, so an incident's computed impact equals `failedBetween`.

export const DEMO_HISTORY_SECONDS = 35 * 86_400; // 30-day windows ending at `end` are fully covered
const HOUR = 3_600;
const DAY = 86_400;

export type DemoServiceSlug = "checkout" | "payments" | "search" | "recommendations";

/** An interval [from, to) in seconds before `end` with its own error ratio. */
type Phase = { fromAgo: number; toAgo: number; errorRatio: number; why: string };

type ServiceTraffic = {
  requestsPerSecond: number;
  errorCode: string;
  /** Error ratio outside every phase. */
  baseErrorRatio: number;
  phases: Phase[];
  story: string;
};

export const DEMO_TRAFFIC: Record<DemoServiceSlug, ServiceTraffic> = {
  // Healthy apart from the 2 h incident six days ago (2 % errors: 2 880 failed of 144 000).
  checkout: {
    requestsPerSecond: 20, errorCode: "500", baseErrorRatio: 0.0001,
    phases: [{ fromAgo: 6 * DAY + 2 * HOUR, toAgo: 6 * DAY, errorRatio: 0.02, why: "incident: Checkout 5xx after a bad deploy" }],
    story: "healthy (99.9 % objective), one past incident",
  },
  // Burning fast now: 5 % errors for the last 2 h against a 99.9 % objective = burn rate 50 (page tier).
  payments: {
    requestsPerSecond: 5, errorCode: "500", baseErrorRatio: 0.0002,
    phases: [{ fromAgo: 2 * HOUR, toAgo: 0, errorRatio: 0.05, why: "fast burn now: card processor timeouts" }],
    story: "fast burn now (page tier)",
  },
  // Slow burn: 0.75 % errors for 3 days against 99.5 % = burn rate 1.5 (ticket tier only).
  search: {
    requestsPerSecond: 10, errorCode: "503", baseErrorRatio: 0.0005,
    phases: [
      { fromAgo: 12 * DAY + 3 * HOUR, toAgo: 12 * DAY, errorRatio: 0.5, why: "incident: Search returns empty results" },
      { fromAgo: 3 * DAY, toAgo: 0, errorRatio: 0.0075, why: "slow burn: a degraded replica" },
    ],
    story: "slow burn (ticket tier), one past incident",
  },
  recommendations: { requestsPerSecond: 2, errorCode: "500", baseErrorRatio: 0, phases: [], story: "no SLO yet, clean traffic" },
};

export const DEMO_SERVICE_SLUGS = Object.keys(DEMO_TRAFFIC) as DemoServiceSlug[];

/** Seconds of [from, to] ∩ [a, b]. */
const overlap = (from: number, to: number, a: number, b: number) => Math.max(0, Math.min(to, b) - Math.max(from, a));

/**
 * Exact requests of `service` in [fromSec, toSec] (epoch seconds), for traffic ending at `endSec`.
 * Counts are real numbers (rates × seconds); counters in Prometheus hold the same values.
 */
export function requestsBetween(service: DemoServiceSlug, endSec: number, fromSec: number, toSec: number): { total: number; bad: number; good: number } {
  const model = DEMO_TRAFFIC[service];
  const start = endSec - DEMO_HISTORY_SECONDS;
  const from = Math.max(fromSec, start);
  const to = Math.min(toSec, endSec);
  if (to <= from) return { total: 0, bad: 0, good: 0 };
  let phaseSeconds = 0;
  let badSeconds = 0; // Σ seconds × error ratio
  for (const p of model.phases) {
    const s = overlap(from, to, endSec - p.fromAgo, endSec - p.toAgo);
    phaseSeconds += s;
    badSeconds += s * p.errorRatio;
  }
  badSeconds += (to - from - phaseSeconds) * model.baseErrorRatio;
  const total = model.requestsPerSecond * (to - from);
  const bad = model.requestsPerSecond * badSeconds;
  return { total, bad, good: total - bad };
}

/** Failed requests of `service` in [fromSec, toSec]: what "Compute impact" of an incident there gives. */
export const failedBetween = (service: DemoServiceSlug, endSec: number, fromSec: number, toSec: number): number =>
  requestsBetween(service, endSec, fromSec, toSec).bad;

/** Burn rate of an availability objective over the `windowSeconds` ending at `endSec`. */
export function burnRate(service: DemoServiceSlug, objective: number, endSec: number, windowSeconds: number): number {
  const { total, bad } = requestsBetween(service, endSec, endSec - windowSeconds, endSec);
  return total === 0 ? 0 : bad / total / (1 - objective);
}
