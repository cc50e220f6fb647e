import { apiRoute, parseBody } from "@/lib/http/api-route";
import { backtestDefinition } from "@/lib/services/slo/backtest";
import { backtestDefinitionSchema } from "@/lib/validation/backtest";

// POST /api/v1/slos/backtest – the alert backtest of an unsaved definition (the wizard's preview).
export const POST = apiRoute("/api/v1/slos/backtest", async ({ req, actor }) =>
  backtestDefinition(actor, await parseBody(req, backtestDefinitionSchema), Date.now()),
);
