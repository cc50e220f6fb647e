import { apiRoute, parseBody } from "@/lib/http/api-route";
import { changeIncidentStatus } from "@/lib/services/incidents/status";
import { changeStatusSchema } from "@/lib/validation/incidents";

// POST /api/v1/incidents/{id}/status {status, at?, note?, version?} – lifecycle transition (reopen = investigating).
export const POST = apiRoute("/api/v1/incidents/[id]/status", async ({ req, params, actor }) =>
  changeIncidentStatus(actor, params.id!, await parseBody(req, changeStatusSchema)),
);
