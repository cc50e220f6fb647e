import { publicRoute } from "@/lib/http/api-route";
import { metrics } from "@/lib/observability/metrics";

// GET /api/metrics – the app's own metrics in Prometheus text format.
export const dynamic = "force-dynamic";
export const GET = publicRoute("/api/metrics", async () => {
  const { registry } = metrics();
  return new Response(await registry.metrics(), { headers: { "content-type": registry.contentType } });
});
