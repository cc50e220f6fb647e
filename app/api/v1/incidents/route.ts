import { apiRoute, created, parseBody, parseQuery } from "@/lib/http/api-route";
import { createIncident, listIncidents } from "@/lib/services/incidents/incidents";
import { createIncidentSchema, listIncidentsSchema } from "@/lib/validation/incidents";

// GET /api/v1/incidents?status=open|investigating|mitigated|resolved&severity=&team=&service=&q=&page=&pageSize=
// POST – declare an incident (editors of the owning team or of an affected service's team).
const route = "/api/v1/incidents";
export const GET = apiRoute(route, async ({ req, actor }) =>
  listIncidents(actor, parseQuery(req, listIncidentsSchema)),
);
export const POST = apiRoute(route, async ({ req, actor }) =>
  created(await createIncident(actor, await parseBody(req, createIncidentSchema))),
);
