import "server-only";
import client from "prom-client";
import { metrics } from "@/lib/observability/metrics";

/** Job metrics on the app's registry (GET /api/metrics): runs by outcome and their durations. */
type JobMetrics = { runs: client.Counter<string>; duration: client.Histogram<string> };

declare global {
  var __srecpJobMetrics: JobMetrics | undefined;
}

export function jobMetrics(): JobMetrics {
  if (globalThis.__srecpJobMetrics) return globalThis.__srecpJobMetrics;
  const { registry } = metrics();
  return (globalThis.__srecpJobMetrics = {
    runs: new client.Counter({
      name: "srecp_job_runs_total",
      help: "Background job runs in this process, by job and outcome (ok | failed)",
      labelNames: ["job", "outcome"],
      registers: [registry],
    }),
    duration: new client.Histogram({
      name: "srecp_job_duration_seconds",
      help: "Background job run duration in seconds, by job",
      labelNames: ["job"],
      buckets: [0.01, 0.05, 0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
      registers: [registry],
    }),
  });
}

declare global {
  var __srecpJobDepthGauge: boolean | undefined;
}

/**
 * Queue depth per job, read from the database on each scrape (so every replica reports the shared
 * queue). Registered by GET /api/metrics; a database outage leaves the gauge empty, never fails the scrape.
 */
export function registerQueueDepthGauge(read: () => Promise<Map<string, { queued: number; active: number }>>) {
  if (globalThis.__srecpJobDepthGauge) return;
  globalThis.__srecpJobDepthGauge = true;
  new client.Gauge({
    name: "srecp_job_queue_depth",
    help: "Background jobs waiting (state queued) or running (state active), by job, across all processes",
    labelNames: ["job", "state"],
    registers: [metrics().registry],
    async collect() {
      this.reset();
      const rows = await read().catch(() => new Map<string, { queued: number; active: number }>());
      for (const [job, r] of rows) {
        this.set({ job, state: "queued" }, r.queued);
        this.set({ job, state: "active" }, r.active);
      }
    },
  });
}
