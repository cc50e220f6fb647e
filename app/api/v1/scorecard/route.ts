import { apiRoute, parseQuery } from "@/lib/http/api-route";
import { readinessScorecard } from "@/lib/services/readiness/scorecard";
import { scorecardQuerySchema } from "@/lib/validation/reports";

// GET /api/v1/scorecard?team= – the readiness checklist computed per service and rolled up per team.
export const GET = apiRoute("/api/v1/scorecard", async ({ req, actor }) =>
  readinessScorecard(actor, parseQuery(req, scorecardQuerySchema)),
);
