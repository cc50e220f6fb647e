import { apiRoute, parseBody } from "@/lib/http/api-route";
import { getDeployment, updateDeployment } from "@/lib/services/deployments";
import { updateDeploymentSchema } from "@/lib/validation/deployments";

// GET /api/v1/deployments/{id}; PATCH – move its status on (e.g. to rolled_back) or fix its link.
const route = "/api/v1/deployments/[id]";
export const GET = apiRoute(route, async ({ params, actor }) => getDeployment(actor, params.id!));
export const PATCH = apiRoute(route, async ({ req, params, actor }) =>
  updateDeployment(actor, params.id!, await parseBody(req, updateDeploymentSchema)),
);
