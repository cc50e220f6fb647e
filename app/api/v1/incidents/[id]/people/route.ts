import { apiRoute } from "@/lib/http/api-route";
import { incidentPeople } from "@/lib/services/incidents/roles";

// GET /api/v1/incidents/{id}/people – candidates for roles and action-item owners (members of its teams).
export const GET = apiRoute("/api/v1/incidents/[id]/people", async ({ params, actor }) =>
  incidentPeople(actor, params.id!),
);
