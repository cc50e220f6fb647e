import { apiRoute, parseBody } from "@/lib/http/api-route";
import { deleteActionItem, getActionItem, updateActionItem } from "@/lib/services/incidents/action-items";
import { updateActionItemSchema } from "@/lib/validation/incidents";

// GET/PATCH/DELETE /api/v1/action-items/{id}. PATCH carries `version` (409 when stale); wont_do needs wontDoReason.
const route = "/api/v1/action-items/[id]";
export const GET = apiRoute(route, async ({ params, actor }) => getActionItem(actor, params.id!));
export const PATCH = apiRoute(route, async ({ req, params, actor }) =>
  updateActionItem(actor, params.id!, await parseBody(req, updateActionItemSchema)),
);
export const DELETE = apiRoute(route, async ({ params, actor }) => deleteActionItem(actor, params.id!));
