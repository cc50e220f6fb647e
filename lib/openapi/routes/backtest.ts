import { backtestDefinitionSchema, backtestOptionsSchema } from "@/lib/validation/backtest";
import { backtestResultView } from "@/lib/validation/views/backtest";
import { operationsOf, type Operation } from "../registry";

const slo = operationsOf("SLOs");
const about =
  "Replays the last `days` (default and at most the SLO window) of 5 m good/total increases from Prometheus through the multi-window burn-rate rules as Prometheus evaluates them " +
  "(every `evaluationInterval`, `for` pending, resolved at the first false evaluation). `tiers` holds candidate settings per tier (factor, windows, for, enabled); " +
  "the answer has each tier's fire/resolve instants, pages and tickets (a severity's overlapping tiers merged), how many overlapped an incident of the service, and the incidents no alert overlapped. " +
  "503 when Prometheus cannot answer.";

export const backtestRoutes: Operation[] = [
  slo(
    "POST",
    "/api/v1/slos/{id}/backtest",
    "Alert backtest of an SLO: when its alerts (and candidate settings) would have fired",
    { description: about, body: backtestOptionsSchema, response: { schema: backtestResultView }, errors: [503] },
  ),
  slo("POST", "/api/v1/slos/backtest", "Alert backtest of an unsaved definition (the wizard's preview)", {
    description: about,
    body: backtestDefinitionSchema,
    response: { schema: backtestResultView },
    errors: [503],
  }),
];
