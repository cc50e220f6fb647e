import { apiRoute, parseQuery } from "@/lib/http/api-route";
import { releaseGate } from "@/lib/services/gate";
import { releaseGateQuerySchema } from "@/lib/validation/deployments";

// GET /api/v1/services/{slug}/release-gate?at= – may this service release now (or at `at`)? The error-budget
// policy applied to its SLOs: {allowed, state, reasons, slos, exception?}. Token scope "gate" or "read".
export const GET = apiRoute("/api/v1/services/[slug]/release-gate", async ({ req, params, actor }) =>
  releaseGate(actor, params.slug!, parseQuery(req, releaseGateQuerySchema).at),
);
