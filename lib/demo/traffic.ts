// Closed-form traffic of the demo organisation (issue 14): what `srecp demo` writes into Prometheus,
// what the demo exporter serves live after it and what `srecp demo --explain` prints. Pure: the
// caller passes the end instant (when the demo was loaded), so the same end gives the same numbers.
//
// Request rate is diurnal: mean × (1 + A·sin(2π(t − t₀)/day)), highest at PEAK_UTC_SECONDS, whose
// integral is exact in closed form. Each service has phases of constant error ratio; a counter at t
// is the exact integral of rate × (1 − ratio) (good) or rate × ratio (bad) from `end − 35 d`.
// Phases sit at the same offsets before `end` as the incidents of lib/services/demo-extended.ts, so
// an incident's computed impact equals `failedBetween`. A phase with toAgo 0 is still going on: it
// continues after `end`, which is what the live exporter serves.

export const DEMO_HISTORY_SECONDS = 35 * 86_400; // 30-day windows ending at `end` are fully covered
const HOUR = 3_600;
const DAY = 86_400;
/** Amplitude of the day/night swing: nights at 40 % of the mean rate, afternoons at 160 %. */
export const DIURNAL_AMPLITUDE = 0.6;
/** Busiest instant of the UTC day (15:00). */
export const PEAK_UTC_SECONDS = 15 * HOUR;
const T0 = PEAK_UTC_SECONDS - DAY / 4; // sin(2π(t − T0)/DAY) = 1 at the peak
/** The demo's incidents are mitigated 20 min before they are resolved; errors stop at mitigation. */
export const MITIGATED_BEFORE_RESOLVED = 20 * 60;

export type DemoServiceSlug = "checkout" | "payments" | "search" | "recommendations";

/** An interval [end − fromAgo, end − toAgo) with its own error ratio; toAgo 0 = ongoing (no end). */
type Phase = { fromAgo: number; toAgo: number; errorRatio: number; why: string };

type ServiceTraffic = {
  /** Mean over a day, requests per second. */
  requestsPerSecond: number;
  errorCode: string;
  /** Error ratio outside every phase. */
  baseErrorRatio: number;
  phases: Phase[];
  story: string;
};

export const DEMO_TRAFFIC: Record<DemoServiceSlug, ServiceTraffic> = {
  // Healthy apart from the incident six days ago (2 % errors from its impact start to its mitigation).
  checkout: {
    requestsPerSecond: 20,
    errorCode: "500",
    baseErrorRatio: 0.0001,
    phases: [
      {
        fromAgo: 6 * DAY + 2 * HOUR,
        toAgo: 6 * DAY + MITIGATED_BEFORE_RESOLVED,
        errorRatio: 0.02,
        why: "incident: Checkout 5xx after a bad deploy",
      },
    ],
    story: "healthy (99.9 % objective), one past incident",
  },
  // Ten days of processor retries (burn 3) spent the budget; 5 % errors now against 99.9 % = burn 50 (page tier).
  payments: {
    requestsPerSecond: 5,
    errorCode: "500",
    baseErrorRatio: 0.0002,
    phases: [
      {
        fromAgo: 10 * DAY,
        toAgo: 2 * HOUR,
        errorRatio: 0.003,
        why: "degraded: retries against a flaky card processor",
      },
      { fromAgo: 2 * HOUR, toAgo: 0, errorRatio: 0.05, why: "fast burn now: card processor timeouts" },
    ],
    story: "budget exhausted, fast burn now (page tier, release gate frozen)",
  },
  // Slow burn: 0.75 % errors for 3 days against 99.5 % = burn rate 1.5 (ticket tier only).
  search: {
    requestsPerSecond: 10,
    errorCode: "503",
    baseErrorRatio: 0.0005,
    phases: [
      {
        fromAgo: 12 * DAY + 3 * HOUR,
        toAgo: 12 * DAY + MITIGATED_BEFORE_RESOLVED,
        errorRatio: 0.5,
        why: "incident: Search returns empty results",
      },
      { fromAgo: 3 * DAY, toAgo: 0, errorRatio: 0.0075, why: "slow burn: a degraded replica" },
    ],
    story: "slow burn (ticket tier), one past incident",
  },
  recommendations: {
    requestsPerSecond: 2,
    errorCode: "500",
    baseErrorRatio: 0,
    phases: [],
    story: "no SLO yet, clean traffic",
  },
};

export const DEMO_SERVICE_SLUGS = Object.keys(DEMO_TRAFFIC) as DemoServiceSlug[];

/** Position in the diurnal cycle as an angle; the modulo is taken on whole seconds to stay exact. */
const angle = (t: number) => (2 * Math.PI * ((((t - T0) % DAY) + DAY) % DAY)) / DAY;

/** Requests per second of `service` at instant t (epoch s) — the derivative of the counters. */
export const requestRateAt = (service: DemoServiceSlug, t: number) =>
  DEMO_TRAFFIC[service].requestsPerSecond * (1 + DIURNAL_AMPLITUDE * Math.sin(angle(t)));

/** ∫ rate over [a, b] in closed form (b − a is exact in whole seconds; the cosine term is small). */
const requestsIn = (mean: number, a: number, b: number) =>
  mean * (b - a + ((DIURNAL_AMPLITUDE * DAY) / (2 * Math.PI)) * (Math.cos(angle(a)) - Math.cos(angle(b))));

const phaseBounds = (p: Phase, endSec: number): [number, number] => [
  endSec - p.fromAgo,
  p.toAgo === 0 ? Number.POSITIVE_INFINITY : endSec - p.toAgo,
];

/**
 * Exact requests of `service` in [fromSec, toSec] (epoch seconds) for the demo loaded at `endSec`;
 * nothing before `endSec − 35 d`, the ongoing phases after `endSec`. Counts are real numbers (rates ×
 * seconds); the counters in Prometheus hold the same values.
 */
export function requestsBetween(
  service: DemoServiceSlug,
  endSec: number,
  fromSec: number,
  toSec: number,
): { total: number; bad: number; good: number } {
  const model = DEMO_TRAFFIC[service];
  const from = Math.max(fromSec, endSec - DEMO_HISTORY_SECONDS);
  const to = toSec;
  if (to <= from) return { total: 0, bad: 0, good: 0 };
  // Segments of constant error ratio between the phase edges inside [from, to].
  const cuts = new Set([from, to]);
  for (const p of model.phases) for (const x of phaseBounds(p, endSec)) if (x > from && x < to) cuts.add(x);
  const edges = [...cuts].sort((a, b) => a - b);
  let total = 0;
  let bad = 0;
  for (let i = 0; i + 1 < edges.length; i++) {
    const [a, b] = [edges[i]!, edges[i + 1]!];
    const phase = model.phases.find((p) => {
      const [s, e] = phaseBounds(p, endSec);
      return a >= s && b <= e;
    });
    const n = requestsIn(model.requestsPerSecond, a, b);
    total += n;
    bad += n * (phase ? phase.errorRatio : model.baseErrorRatio);
  }
  return { total, bad, good: total - bad };
}

/** Failed requests of `service` in [fromSec, toSec]: what "Compute impact" of an incident there gives. */
export const failedBetween = (service: DemoServiceSlug, endSec: number, fromSec: number, toSec: number): number =>
  requestsBetween(service, endSec, fromSec, toSec).bad;

/** Burn rate of an availability objective over the `windowSeconds` ending at `atSec` (default: the end). */
export function burnRate(
  service: DemoServiceSlug,
  objective: number,
  endSec: number,
  windowSeconds: number,
  atSec = endSec,
): number {
  const { total, bad } = requestsBetween(service, endSec, atSec - windowSeconds, atSec);
  return total === 0 ? 0 : bad / total / (1 - objective);
}

/** Error budget left (1 = untouched, ≤ 0 = spent) of an availability objective over the 30 days ending at `atSec`. */
export function budgetRemaining(service: DemoServiceSlug, objective: number, endSec: number, atSec = endSec): number {
  const { total, bad } = requestsBetween(service, endSec, atSec - 30 * DAY, atSec);
  return 1 - bad / (total * (1 - objective));
}
