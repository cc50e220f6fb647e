import { apiRoute, created, parseBody, parseQuery } from "@/lib/http/api-route";
import { createActionItem, listActionItems } from "@/lib/services/incidents/action-items";
import { createActionItemSchema, listActionItemsSchema } from "@/lib/validation/incidents";

// GET/POST /api/v1/incidents/{id}/action-items – the incident's action items (same filters as /api/v1/action-items).
const route = "/api/v1/incidents/[id]/action-items";
export const GET = apiRoute(route, async ({ req, params, actor }) =>
  listActionItems(actor, { ...parseQuery(req, listActionItemsSchema), incident: params.id! }),
);
export const POST = apiRoute(route, async ({ req, params, actor }) =>
  created(await createActionItem(actor, { ...(await parseBody(req, createActionItemSchema)), incident: params.id! })),
);
