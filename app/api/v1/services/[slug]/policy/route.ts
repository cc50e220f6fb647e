import { apiRoute, parseBody } from "@/lib/http/api-route";
import { removeServicePolicy, serviceBudgetState, setBudgetPolicy } from "@/lib/services/policy";
import { budgetPolicySchema } from "@/lib/validation/policy";

// GET /api/v1/services/{slug}/policy – effective error-budget policy and the service's state
// (healthy | at_risk | frozen) with reasons; PUT – set the service's own policy (approver);
// DELETE – remove the service's own policy so the team default applies again (approver).
const route = "/api/v1/services/[slug]/policy";
export const GET = apiRoute(route, async ({ params, actor }) => serviceBudgetState(actor, params.slug!));
export const PUT = apiRoute(route, async ({ req, params, actor }) =>
  setBudgetPolicy(actor, { service: params.slug! }, await parseBody(req, budgetPolicySchema)),
);
export const DELETE = apiRoute(route, async ({ params, actor }) => removeServicePolicy(actor, params.slug!));
