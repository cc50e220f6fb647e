import { apiRoute, parseBody } from "@/lib/http/api-route";
import { getIntegration, revokeIntegration, updateIntegration } from "@/lib/services/oncall/integrations";
import { updateIntegrationSchema } from "@/lib/validation/oncall";

// Admins: GET / PATCH (name, routes, defaultService) / DELETE (revoke: the token stops working).
const route = "/api/v1/integrations/[id]";
export const GET = apiRoute(route, async ({ params, actor }) => getIntegration(actor, params.id!));
export const PATCH = apiRoute(route, async ({ req, params, actor }) =>
  updateIntegration(actor, params.id!, await parseBody(req, updateIntegrationSchema)),
);
export const DELETE = apiRoute(route, async ({ params, actor }) => revokeIntegration(actor, params.id!));
