import { publicRoute } from "@/lib/http/api-route";
import { jobMetrics, registerQueueDepthGauge } from "@/lib/jobs/metrics";
import { metrics } from "@/lib/observability/metrics";
import { jobQueueRows } from "@/lib/services/jobs-admin";

// GET /api/metrics – the app's own metrics in Prometheus text format, including the background jobs'
// runs, durations (this process) and queue depth (all processes).
export const dynamic = "force-dynamic";
export const GET = publicRoute("/api/metrics", async () => {
  jobMetrics();
  registerQueueDepthGauge(jobQueueRows);
  const { registry } = metrics();
  return new Response(await registry.metrics(), { headers: { "content-type": registry.contentType } });
});
