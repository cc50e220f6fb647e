import { apiRoute, parseBody } from "@/lib/http/api-route";
import { backtestSlo } from "@/lib/services/slo/backtest";
import { backtestOptionsSchema } from "@/lib/validation/backtest";

// POST /api/v1/slos/{id}/backtest – when the SLO's alert tiers (and candidate settings) would have fired
// and resolved over the last N days, with pages, tickets, precision and missed incidents. Read-only.
export const POST = apiRoute("/api/v1/slos/[id]/backtest", async ({ req, params, actor }) =>
  backtestSlo(actor, params.id!, await parseBody(req, backtestOptionsSchema), Date.now()),
);
