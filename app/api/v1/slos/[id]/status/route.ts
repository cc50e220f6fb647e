import { apiRoute, parseQuery } from "@/lib/http/api-route";
import { getSloStatus } from "@/lib/services/slo/read-slos";
import { statusQuerySchema } from "@/lib/validation/slo";

// GET /api/v1/slos/{id}/status?at= – error budget, burn rates, alerts; 200 with stale:true when Prometheus is down.
export const GET = apiRoute("/api/v1/slos/[id]/status", async ({ req, params, actor }) =>
  getSloStatus(actor, params.id!, parseQuery(req, statusQuerySchema).at),
);
