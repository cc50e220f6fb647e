import { apiRoute, created, parseBody, parseQuery } from "@/lib/http/api-route";
import { createActionItem, listActionItems } from "@/lib/services/incidents/action-items";
import { createActionItemSchema, listActionItemsSchema } from "@/lib/validation/incidents";

// GET /api/v1/action-items?team=&service=&status=open|in_progress|done|wont_do|active&owner=<id|email|me>&incident=&priority=&overdue=true&page=&pageSize=
// POST – create (under an incident with `incident`, or for a service with `service`).
const route = "/api/v1/action-items";
export const GET = apiRoute(route, async ({ req, actor }) =>
  listActionItems(actor, parseQuery(req, listActionItemsSchema)),
);
export const POST = apiRoute(route, async ({ req, actor }) =>
  created(await createActionItem(actor, await parseBody(req, createActionItemSchema))),
);
