import { apiRoute, created, parseBody, parseQuery } from "@/lib/http/api-route";
import { createEscalationPolicy, listEscalationPolicies } from "@/lib/services/oncall/escalation-policies";
import { createEscalationPolicySchema, listPoliciesSchema } from "@/lib/validation/oncall";

// GET ?team= / POST – create (editor of the team); "services" lists the team's services that page through it.
const route = "/api/v1/escalation-policies";
export const GET = apiRoute(route, async ({ req, actor }) =>
  listEscalationPolicies(actor, parseQuery(req, listPoliciesSchema)),
);
export const POST = apiRoute(route, async ({ req, actor }) =>
  created(await createEscalationPolicy(actor, await parseBody(req, createEscalationPolicySchema))),
);
