import { apiRoute, created, parseBody, parseQuery } from "@/lib/http/api-route";
import { createSlo } from "@/lib/services/slo/save-slo";
import { listSlos } from "@/lib/services/slo/read-slos";
import { asOfParam, createSloSchema, listSlosSchema } from "@/lib/validation/slo";

// GET /api/v1/slos?service=&team=&include=status&at= – SLOs (with status: one batched refresh for all);
// POST – define an SLO (editor of the service's team). PromQL is checked by Prometheus before saving.
const listQuery = listSlosSchema.extend({ at: asOfParam });
export const GET = apiRoute("/api/v1/slos", async ({ req, actor }) => {
  const { at, ...q } = parseQuery(req, listQuery);
  return listSlos(actor, { ...q, atMs: at });
});
export const POST = apiRoute("/api/v1/slos", async ({ req, actor }) =>
  created(await createSlo(actor, await parseBody(req, createSloSchema))),
);
