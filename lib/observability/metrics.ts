import "server-only";
import client from "prom-client";

/** The app's own Prometheus metrics (GET /api/metrics): HTTP RED metrics plus default process metrics. */
type Metrics = { registry: client.Registry; requests: client.Counter<string>; duration: client.Histogram<string> };

function createMetrics(): Metrics {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  const requests = new client.Counter({
    name: "http_requests_total",
    help: "HTTP requests handled, by route pattern, method and status code",
    labelNames: ["route", "method", "status"],
    registers: [registry],
  });
  const duration = new client.Histogram({
    name: "http_request_duration_seconds",
    help: "HTTP request duration in seconds, by route pattern, method and status code",
    labelNames: ["route", "method", "status"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  return { registry, requests, duration };
}

declare global {
  var __srecpMetrics: Metrics | undefined;
}
export const metrics = (): Metrics => (globalThis.__srecpMetrics ??= createMetrics());

export function observeRequest(route: string, method: string, status: number, seconds: number) {
  const m = metrics();
  const labels = { route, method, status: String(status) };
  m.requests.inc(labels);
  m.duration.observe(labels, seconds);
}
