import { apiRoute, created, parseBody, parseQuery } from "@/lib/http/api-route";
import { createCorrection } from "@/lib/services/slo/correction-create";
import { listCorrections } from "@/lib/services/slo/corrections-read";
import { createCorrectionSchema, listCorrectionsQuerySchema } from "@/lib/validation/corrections";

// GET/POST /api/v1/slos/{id}/corrections – time ranges excluded from the SLO's budget (docs/corrections.md).
const route = "/api/v1/slos/[id]/corrections";
export const GET = apiRoute(route, async ({ req, params, actor }) =>
  listCorrections(actor, params.id!, parseQuery(req, listCorrectionsQuerySchema)),
);
export const POST = apiRoute(route, async ({ req, params, actor }) =>
  created(await createCorrection(actor, params.id!, await parseBody(req, createCorrectionSchema))),
);
