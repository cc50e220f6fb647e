import { apiRoute, parseQuery } from "@/lib/http/api-route";
import { getSloLedger } from "@/lib/services/slo/ledger";
import { ledgerQuerySchema } from "@/lib/validation/ledger";

// GET /api/v1/slos/{id}/ledger?from=&to=&horizonHours= – the budget consumed per incident, per deploy, the
// unattributed rest and what corrections excluded, from exact counts; the parts sum to the total.
export const GET = apiRoute("/api/v1/slos/[id]/ledger", async ({ req, params, actor }) => {
  const q = parseQuery(req, ledgerQuerySchema);
  return getSloLedger(actor, params.id!, { fromMs: q.from, toMs: q.to, horizonHours: q.horizonHours });
});
