import { apiRoute, parseBody } from "@/lib/http/api-route";
import { setBudgetPolicy } from "@/lib/services/policy";
import { budgetPolicySchema } from "@/lib/validation/policy";

// PUT /api/v1/teams/{slug}/policy – the team's default error-budget policy (approver of the team).
export const PUT = apiRoute("/api/v1/teams/[slug]/policy", async ({ req, params, actor }) =>
  setBudgetPolicy(actor, { team: params.slug! }, await parseBody(req, budgetPolicySchema)),
);
