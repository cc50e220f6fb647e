import { apiRoute, parseBody } from "@/lib/http/api-route";
import { planFiles } from "@/lib/services/slo-as-code/plan";
import { configPlanRequestSchema } from "@/lib/validation/slo-as-code";

// POST /api/v1/config/plan – plan SLO-as-code files on the server: changes, errors and warnings, as `srecp plan`.
export const POST = apiRoute("/api/v1/config/plan", async ({ req, actor }) =>
  planFiles(actor, await parseBody(req, configPlanRequestSchema)),
);
