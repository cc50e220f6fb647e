import { apiRoute, created, parseBody, parseQuery } from "@/lib/http/api-route";
import { createCoverRequest, listCoverRequests } from "@/lib/services/oncall/cover-requests";
import { coverRequestInputSchema, listCoverRequestsSchema } from "@/lib/validation/oncall";

// GET ?status= / POST – ask for cover of your own shifts in a window.
const route = "/api/v1/schedules/[id]/cover-requests";
export const GET = apiRoute(route, async ({ req, params, actor }) =>
  listCoverRequests(actor, params.id!, parseQuery(req, listCoverRequestsSchema)),
);
export const POST = apiRoute(route, async ({ req, params, actor }) =>
  created(await createCoverRequest(actor, params.id!, await parseBody(req, coverRequestInputSchema))),
);
