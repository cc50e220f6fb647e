import { apiRoute } from "@/lib/http/api-route";
import { oncallForPolicy } from "@/lib/services/oncall/service-oncall";

// GET – every step of the policy resolved to people now.
export const GET = apiRoute("/api/v1/escalation-policies/[id]/oncall", async ({ params, actor }) =>
  oncallForPolicy(actor, params.id!),
);
