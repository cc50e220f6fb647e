import type { PrometheusClient } from "@prometheus-io/codemirror-promql";
import { fetchMetadata } from "@/lib/query/slos";

/**
 * codemirror-promql's completion source backed by our own /api/v1/prometheus/metadata (the browser
 * never talks to Prometheus): metric names, label names and values of the service's Prometheus.
 * Answers are cached per editor for 5 minutes; a failed lookup completes nothing instead of erroring.
 */
export function metadataCompletionClient(service: string | undefined): PrometheusClient {
  const cache = new Map<string, { at: number; value: Promise<string[]> }>();
  const cached = (key: string, run: () => Promise<string[]>) => {
    const hit = cache.get(key);
    if (hit && Date.now() - hit.at < 5 * 60_000) return hit.value;
    const value = run().catch(() => {
      cache.delete(key);
      return [] as string[];
    });
    cache.set(key, { at: Date.now(), value });
    return value;
  };
  return {
    metricNames: () => cached("metrics", () => fetchMetadata({ kind: "metrics", service })),
    labelNames: (metric?: string) =>
      cached(`labels:${metric ?? ""}`, () => fetchMetadata({ kind: "labels", service, metric })),
    labelValues: (label: string, metric?: string) =>
      cached(`values:${label}:${metric ?? ""}`, () => fetchMetadata({ kind: "values", service, label, metric })),
    metricMetadata: async () => ({}),
    series: async () => [],
    flags: async () => ({}),
  };
}
