import { apiRoute, created, parseBody } from "@/lib/http/api-route";
import { createIntegration, listIntegrations } from "@/lib/services/oncall/integrations";
import { createIntegrationSchema } from "@/lib/validation/oncall";

// Admins: GET – integrations; POST – create one (its token is in this answer only).
const route = "/api/v1/integrations";
export const GET = apiRoute(route, async ({ actor }) => listIntegrations(actor));
export const POST = apiRoute(route, async ({ req, actor }) =>
  created(await createIntegration(actor, await parseBody(req, createIntegrationSchema))),
);
