import { apiRoute, parseBody } from "@/lib/http/api-route";
import { deleteIncident, getIncident, updateIncident } from "@/lib/services/incidents/incidents";
import { updateIncidentSchema } from "@/lib/validation/incidents";

// GET/PATCH/DELETE /api/v1/incidents/{id} ({id} = id, number or INC-n). PATCH carries `version` (409 when
// stale); key instants must stay in order (422 naming the field).
const route = "/api/v1/incidents/[id]";
export const GET = apiRoute(route, async ({ params, actor }) => getIncident(actor, params.id!));
export const PATCH = apiRoute(route, async ({ req, params, actor }) =>
  updateIncident(actor, params.id!, await parseBody(req, updateIncidentSchema)),
);
export const DELETE = apiRoute(route, async ({ params, actor }) => deleteIncident(actor, params.id!));
