import {
  DEMO_HISTORY_SECONDS,
  DEMO_SERVICE_SLUGS,
  DEMO_TRAFFIC,
  requestsBetween,
  type DemoServiceSlug,
} from "./traffic";

// The demo traffic as OpenMetrics text for `promtool tsdb create-blocks-from openmetrics`: one
// family per `# TYPE` line, each series contiguous, timestamps in seconds every minute from
// `end − 35 d` to `end`, `# EOF` last. Pure: yields chunks; the caller writes them. The live part after
// `end` (lib/services/demo-exporter.ts) serves the same series from the same model.

export const DEMO_SAMPLE_SECONDS = 60;
export const DEMO_JOB = "srecp-demo";

/** Histogram bounds (`le`) of http_request_duration_seconds and the cumulative share of requests per bound. */
export const DEMO_LATENCY_BUCKETS = ["0.05", "0.1", "0.25", "0.5", "1", "2.5", "+Inf"] as const;
const LATENCY_SHARE: Record<DemoServiceSlug, number[]> = {
  checkout: [0.5, 0.9, 0.98, 0.995, 0.999, 1, 1],
  payments: [0.2, 0.5, 0.9, 0.993, 0.998, 1, 1], // payments-latency: 99.3 % ≤ 0.5 s against 99 %
  search: [0.6, 0.85, 0.97, 0.99, 1, 1, 1],
  recommendations: [0.3, 0.6, 0.9, 0.97, 0.99, 1, 1],
};
const MEAN_LATENCY_SECONDS: Record<DemoServiceSlug, number> = {
  checkout: 0.08,
  payments: 0.15,
  search: 0.06,
  recommendations: 0.2,
};

type Series = { labels: string; valueAt: (t: number) => number };

/** Every demo series with its counter value at t (epoch s): the same functions feed the blocks and the live exporter. */
export const demoSeries = (endSec: number) => {
  const start = endSec - DEMO_HISTORY_SECONDS;
  const counters: Series[] = [];
  const buckets: Series[] = [];
  const counts: Series[] = [];
  const sums: Series[] = [];
  for (const s of DEMO_SERVICE_SLUGS) {
    const base = `job="${DEMO_JOB}",instance="demo",service="${s}"`;
    const total = (t: number) => requestsBetween(s, endSec, start, t).total;
    counters.push({ labels: `{${base},code="200"}`, valueAt: (t) => requestsBetween(s, endSec, start, t).good });
    counters.push({
      labels: `{${base},code="${DEMO_TRAFFIC[s].errorCode}"}`,
      valueAt: (t) => requestsBetween(s, endSec, start, t).bad,
    });
    DEMO_LATENCY_BUCKETS.forEach((le, i) =>
      buckets.push({ labels: `{${base},le="${le}"}`, valueAt: (t) => total(t) * LATENCY_SHARE[s][i]! }),
    );
    counts.push({ labels: `{${base}}`, valueAt: total });
    sums.push({ labels: `{${base}}`, valueAt: (t) => total(t) * MEAN_LATENCY_SECONDS[s] });
  }
  return { start, counters, buckets, counts, sums };
};

/** OpenMetrics chunks (one per series) of the demo traffic ending at `endSec` (minute-aligned). */
export function* demoOpenMetrics(endSec: number): Generator<string> {
  if (endSec % DEMO_SAMPLE_SECONDS !== 0) throw new RangeError(`demo end must be minute-aligned, got ${endSec}`);
  const { start, counters, buckets, counts, sums } = demoSeries(endSec);
  const lines = (name: string, s: Series) => {
    const out: string[] = [];
    for (let t = start; t <= endSec; t += DEMO_SAMPLE_SECONDS) out.push(`${name}${s.labels} ${s.valueAt(t)} ${t}\n`);
    return out.join("");
  };
  yield "# TYPE http_requests counter\n";
  for (const s of counters) yield lines("http_requests_total", s);
  yield "# TYPE http_request_duration_seconds histogram\n";
  for (const s of buckets) yield lines("http_request_duration_seconds_bucket", s);
  for (const s of counts) yield lines("http_request_duration_seconds_count", s);
  for (const s of sums) yield lines("http_request_duration_seconds_sum", s);
  yield "# EOF\n";
}

/**
 * The live continuation (demo exporter): every series at the one instant `atSec` (whole seconds) in the
 * Prometheus text format 0.0.4, with that instant as an explicit timestamp (ms) so that the stored
 * samples are the model's values at their own timestamps, continuing the blocks without a seam.
 */
export function demoExposition(endSec: number, atSec: number): string {
  const { counters, buckets, counts, sums } = demoSeries(endSec);
  const ms = atSec * 1000;
  const line = (name: string, s: Series) => `${name}${s.labels} ${s.valueAt(atSec)} ${ms}\n`;
  return [
    "# TYPE http_requests_total counter\n",
    ...counters.map((s) => line("http_requests_total", s)),
    "# TYPE http_request_duration_seconds histogram\n",
    ...buckets.map((s) => line("http_request_duration_seconds_bucket", s)),
    ...counts.map((s) => line("http_request_duration_seconds_count", s)),
    ...sums.map((s) => line("http_request_duration_seconds_sum", s)),
  ].join("");
}
