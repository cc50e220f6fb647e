import { apiRoute, parseBody, parseQuery } from "@/lib/http/api-route";
import { getServiceSignals, setServiceSignals } from "@/lib/services/signals";
import { signalsQuerySchema, signalsSchema } from "@/lib/validation/signals";

// GET /api/v1/services/{slug}/signals?from=&to= – golden signals (latency p99, traffic, error ratio,
// saturation) as series: one range query per signal, configured PromQL or derived from the SLIs.
// PUT – configure the PromQL per signal (editor of the team; empty = derived default).
const route = "/api/v1/services/[slug]/signals";
export const GET = apiRoute(route, async ({ req, params, actor }) => {
  const q = parseQuery(req, signalsQuerySchema);
  return getServiceSignals(actor, params.slug!, { fromMs: q.from, toMs: q.to, nowMs: Date.now() });
});
export const PUT = apiRoute(route, async ({ req, params, actor }) =>
  setServiceSignals(actor, params.slug!, await parseBody(req, signalsSchema)),
);
