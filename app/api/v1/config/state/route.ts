import { apiRoute, parseQuery } from "@/lib/http/api-route";
import { configState } from "@/lib/services/slo-as-code/state";
import { configStateQuerySchema } from "@/lib/validation/slo-as-code";

// GET /api/v1/config/state?managedBy= – services, SLOs and error-budget policies in the canonical shape of
// SLOs as code, with managedBy and versions: what `srecp plan` diffs against and `srecp export` writes.
export const GET = apiRoute("/api/v1/config/state", async ({ req, actor }) =>
  configState(actor, parseQuery(req, configStateQuerySchema)),
);
