import { apiRoute } from "@/lib/http/api-route";
import { getImpact, recomputeImpact } from "@/lib/services/incidents/impact";

// GET /api/v1/postmortems/{id}/impact – the latest impact snapshots; POST – recompute from Prometheus
// (editors; 409 INVALID_STATE once the postmortem is published: the impact is frozen).
const route = "/api/v1/postmortems/[id]/impact";
export const GET = apiRoute(route, async ({ params, actor }) => getImpact(actor, { id: params.id! }));
export const POST = apiRoute(route, async ({ params, actor }) => recomputeImpact(actor, { id: params.id! }));
