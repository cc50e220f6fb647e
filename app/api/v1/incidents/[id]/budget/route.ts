import { apiRoute } from "@/lib/http/api-route";
import { incidentBudgetSpend } from "@/lib/services/incidents/budget-spend";

// GET /api/v1/incidents/{id}/budget – what the incident spent of each affected SLO's window budget (exact
// counts) and the budget-policy trigger (postmortem with a P0/P1 action item above the policy's share).
export const GET = apiRoute("/api/v1/incidents/[id]/budget", async ({ params, actor }) =>
  incidentBudgetSpend(actor, params.id!),
);
