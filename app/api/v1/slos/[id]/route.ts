import { apiRoute, parseBody } from "@/lib/http/api-route";
import { getSlo } from "@/lib/services/slo/read-slos";
import { deleteSlo, updateSlo } from "@/lib/services/slo/save-slo";
import { updateSloSchema } from "@/lib/validation/slo";

// GET/PATCH/DELETE /api/v1/slos/{id}. PATCH of sli/objective/window creates a new immutable version;
// send "revision" to guard against concurrent edits (409 when stale).
const route = "/api/v1/slos/[id]";
export const GET = apiRoute(route, async ({ params, actor }) => getSlo(actor, params.id!));
export const PATCH = apiRoute(route, async ({ req, params, actor }) =>
  updateSlo(actor, params.id!, await parseBody(req, updateSloSchema)),
);
export const DELETE = apiRoute(route, async ({ params, actor }) => deleteSlo(actor, params.id!));
