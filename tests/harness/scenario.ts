// Known synthetic SLI scenario backfilled into the test Prometheus. Every counter is a closed-form
// function of time, so tests compare the app's answers with exact expected values.
//
// Counters start at 0 at `start = end − 35 d` (30-day windows ending at `end` are fully covered),
// samples every 60 s on the minute grid up to and including `end`, which is hour-aligned and in the
// past (the head of a Prometheus opened on these blocks only accepts newer samples).
// Rates are integer fractions (numerator/denominator) so that counters at grid times are either
// exact integers or one correctly rounded division, and 30-day ratios at `end` come out exact.

export const SCENARIO_JOB = "slo-demo";
export const SCENARIO_INSTANCE = "demo";
export const SAMPLE_INTERVAL_SECONDS = 60;
export const HISTORY_SECONDS = 35 * 86_400;
export const INCIDENT_OFFSET_SECONDS = 72 * 3_600; // search incident starts 72 h before `end`
export const INCIDENT_DURATION_SECONDS = 2 * 3_600;

/** Histogram bucket bounds (`le` label values) of http_request_duration_seconds. */
export const LATENCY_BUCKETS = ["0.05", "0.1", "0.2", "0.3", "0.5", "1", "2.5", "5", "+Inf"] as const;
export type LatencyBucket = (typeof LATENCY_BUCKETS)[number];

export type ScenarioServiceName = "checkout" | "search" | "payments" | "idle";

type ServiceModel = {
  requestsPerSecond: number;
  errorCode: string;
  /** Constant error ratio as numerator / denominator (search: 0 outside the incident). */
  errorRatio: [number, number];
  /** Error ratio during the search incident (other services: none). */
  incidentErrorRatio?: [number, number];
  /** Cumulative fraction per bucket of LATENCY_BUCKETS, in per-mille. */
  bucketPerMille: number[];
  /** Mean latency in milliseconds (for _sum). */
  meanLatencyMs: number;
};

export const SCENARIO_SERVICES: Record<ScenarioServiceName, ServiceModel> = {
  // 20 req/s, 0.05 % errors; 50 % ≤ 50 ms, 90 % ≤ 100 ms, 99 % ≤ 300 ms.
  checkout: {
    requestsPerSecond: 20,
    errorCode: "500",
    errorRatio: [5, 10_000],
    bucketPerMille: [500, 900, 950, 990, 995, 999, 1000, 1000, 1000],
    meanLatencyMs: 80,
  },
  // 10 req/s, clean except a 2 h incident at 10 % errors (code 503).
  search: {
    requestsPerSecond: 10,
    errorCode: "503",
    errorRatio: [0, 1],
    incidentErrorRatio: [1, 10],
    bucketPerMille: [600, 850, 950, 980, 990, 1000, 1000, 1000, 1000],
    meanLatencyMs: 60,
  },
  // 5 req/s, 1 % errors: burns a 99.9 % budget ten times over.
  payments: {
    requestsPerSecond: 5,
    errorCode: "500",
    errorRatio: [1, 100],
    bucketPerMille: [300, 600, 850, 950, 990, 999, 1000, 1000, 1000],
    meanLatencyMs: 150,
  },
  // Series exist, counters stay 0: a service without traffic.
  idle: {
    requestsPerSecond: 0,
    errorCode: "500",
    errorRatio: [0, 1],
    bucketPerMille: [0, 0, 0, 0, 0, 0, 0, 0, 0],
    meanLatencyMs: 0,
  },
};

export const SCENARIO_SERVICE_NAMES = Object.keys(SCENARIO_SERVICES) as ScenarioServiceName[];

/** One backfilled series: metric name, labels and its value at any epoch second. */
export type ScenarioSeries = { name: string; labels: Record<string, string>; valueAt: (tSec: number) => number };

export type Scenario = {
  /** Epoch seconds of the first sample (all counters 0). */
  start: number;
  /** Epoch seconds of the last sample, hour-aligned. */
  end: number;
  incident: { start: number; end: number };
  series: ScenarioSeries[];
  /** Exact request counts over [fromSec, toSec] (counter increases, no extrapolation). */
  expectedRequests(
    service: ScenarioServiceName,
    fromSec: number,
    toSec: number,
  ): { good: number; bad: number; total: number };
  /** Exact latency counts over [fromSec, toSec]: good = requests with duration ≤ le. */
  expectedLatency(
    service: ScenarioServiceName,
    le: LatencyBucket,
    fromSec: number,
    toSec: number,
  ): { good: number; total: number };
  /** Exact error ratio bad/total over [fromSec, toSec] (NaN without traffic). */
  expectedErrorRatio(service: ScenarioServiceName, fromSec: number, toSec: number): number;
};

/** Default `end`: the last full hour strictly before `nowMs`, minus one more hour of margin. */
export const defaultScenarioEnd = (nowMs: number): number => Math.floor(nowMs / 1000 / 3600) * 3600 - 3600;

/** Builds the scenario ending at `endSec` (must be hour-aligned). */
export const createScenario = (endSec: number): Scenario => {
  if (endSec % 3600 !== 0) throw new RangeError(`scenario end must be hour-aligned, got ${endSec}`);
  const start = endSec - HISTORY_SECONDS;
  const incident = {
    start: endSec - INCIDENT_OFFSET_SECONDS,
    end: endSec - INCIDENT_OFFSET_SECONDS + INCIDENT_DURATION_SECONDS,
  };
  const clamp = (tSec: number) => Math.min(Math.max(tSec, start), endSec);
  // Seconds of traffic in [from, to] after clamping to the scenario, and of incident overlap.
  const elapsed = (fromSec: number, toSec: number) => Math.max(0, clamp(toSec) - clamp(fromSec));
  const incidentSeconds = (fromSec: number, toSec: number) =>
    Math.max(0, Math.min(clamp(toSec), incident.end) - Math.max(clamp(fromSec), incident.start));

  // One division per value keeps results correctly rounded (numerators stay far below 2^53).
  const requests = (service: ScenarioServiceName, fromSec: number, toSec: number) => {
    const model = SCENARIO_SERVICES[service];
    const rate = model.requestsPerSecond;
    const seconds = elapsed(fromSec, toSec);
    const [num, den] = model.errorRatio;
    const [incNum, incDen] = model.incidentErrorRatio ?? [0, 1];
    const incSec = model.incidentErrorRatio ? incidentSeconds(fromSec, toSec) : 0;
    // Over the common denominator den·incDen: bad requests per second of traffic, summed.
    const badUnits = (seconds - incSec) * num * incDen + incSec * incNum * den;
    const scale = den * incDen;
    const total = rate * seconds;
    const bad = (rate * badUnits) / scale;
    const good = (rate * (seconds * scale - badUnits)) / scale;
    return { good, bad, total };
  };

  const latency = (service: ScenarioServiceName, le: LatencyBucket, fromSec: number, toSec: number) => {
    const model = SCENARIO_SERVICES[service];
    const total = model.requestsPerSecond * elapsed(fromSec, toSec);
    const perMille = model.bucketPerMille[LATENCY_BUCKETS.indexOf(le)] ?? 0;
    return { good: (total * perMille) / 1000, total };
  };

  const series: ScenarioSeries[] = [];
  for (const service of SCENARIO_SERVICE_NAMES) {
    const model = SCENARIO_SERVICES[service];
    const base = { job: SCENARIO_JOB, instance: SCENARIO_INSTANCE, service };
    series.push({
      name: "http_requests_total",
      labels: { ...base, code: "200" },
      valueAt: (t) => requests(service, start, t).good,
    });
    series.push({
      name: "http_requests_total",
      labels: { ...base, code: model.errorCode },
      valueAt: (t) => requests(service, start, t).bad,
    });
    for (const le of LATENCY_BUCKETS) {
      series.push({
        name: "http_request_duration_seconds_bucket",
        labels: { ...base, le },
        valueAt: (t) => latency(service, le, start, t).good,
      });
    }
    series.push({
      name: "http_request_duration_seconds_count",
      labels: base,
      valueAt: (t) => latency(service, "+Inf", start, t).total,
    });
    series.push({
      name: "http_request_duration_seconds_sum",
      labels: base,
      valueAt: (t) => (latency(service, "+Inf", start, t).total * model.meanLatencyMs) / 1000,
    });
  }

  return {
    start,
    end: endSec,
    incident,
    series,
    expectedRequests: requests,
    expectedLatency: latency,
    expectedErrorRatio: (service, fromSec, toSec) => {
      const { bad, total } = requests(service, fromSec, toSec);
      return total === 0 ? Number.NaN : bad / total;
    },
  };
};
