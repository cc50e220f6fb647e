import { apiRoute, parseBody } from "@/lib/http/api-route";
import {
  deleteEscalationPolicy,
  getEscalationPolicy,
  updateEscalationPolicy,
} from "@/lib/services/oncall/escalation-policies";
import { updateEscalationPolicySchema } from "@/lib/validation/oncall";

// GET / PATCH (requires "version"; steps and services replace the lists) / DELETE.
const route = "/api/v1/escalation-policies/[id]";
export const GET = apiRoute(route, async ({ params, actor }) => getEscalationPolicy(actor, params.id!));
export const PATCH = apiRoute(route, async ({ req, params, actor }) =>
  updateEscalationPolicy(actor, params.id!, await parseBody(req, updateEscalationPolicySchema)),
);
export const DELETE = apiRoute(route, async ({ params, actor }) => deleteEscalationPolicy(actor, params.id!));
