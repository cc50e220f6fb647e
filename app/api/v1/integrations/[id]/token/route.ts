import { apiRoute } from "@/lib/http/api-route";
import { rotateIntegrationToken } from "@/lib/services/oncall/integrations";

// Admins: POST – issue a new token (shown once); the old one stops working.
export const POST = apiRoute("/api/v1/integrations/[id]/token", async ({ params, actor }) =>
  rotateIntegrationToken(actor, params.id!),
);
