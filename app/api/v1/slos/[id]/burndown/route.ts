import { apiRoute, parseQuery } from "@/lib/http/api-route";
import { getBurndown } from "@/lib/services/slo/burndown";
import { burndownQuerySchema } from "@/lib/validation/slo";

// GET /api/v1/slos/{id}/burndown?from=&to= – remaining budget across the window with the ideal line.
export const GET = apiRoute("/api/v1/slos/[id]/burndown", async ({ req, params, actor }) => {
  const q = parseQuery(req, burndownQuerySchema);
  return getBurndown(actor, params.id!, { fromMs: q.from, toMs: q.to ?? q.at, nowMs: Date.now() });
});
