import { apiRoute } from "@/lib/http/api-route";
import { getPostmortem } from "@/lib/services/incidents/postmortem-read";
import { saveResponse, withEtag } from "../../../postmortems/_http";

// GET/PUT/PATCH /api/v1/incidents/{id}/postmortem – the incident's postmortem (same as /api/v1/postmortems/{postmortemId}).
const route = "/api/v1/incidents/[id]/postmortem";
export const GET = apiRoute(route, async ({ params, actor }) =>
  withEtag(await getPostmortem(actor, { incident: params.id! })),
);
export const PUT = apiRoute(route, async ({ req, params, actor }) =>
  saveResponse(req, actor, { incident: params.id! }),
);
export const PATCH = PUT;
