import { runbookQuerySchema, saveRunbookSchema } from "@/lib/validation/runbooks";
import { runbookVersionsView, runbookView } from "@/lib/validation/views/runbooks";
import { operationsOf, type Operation } from "../registry";

const slo = operationsOf("SLOs");
const R = "/api/v1/slos/{id}/runbook";
const save =
  "Saves a new version of the Markdown runbook of one tier (`tier`) or of all tiers (`tier` null), based on `version` (or If-Match: the ETag read). " +
  "A stale version answers 409 (412 via If-Match) with the current runbook in `error.current`; nothing is overwritten. " +
  "Once an in-app runbook covers a tier, the generated alerts' runbook_url points at its page /runbooks/{id}/{tier}; an empty body removes it (the external runbook URL applies again).";

export const runbookRoutes: Operation[] = [
  slo("GET", R, "The in-app runbook of an SLO's alerts (a tier's, or that of all tiers); ETag = version", {
    query: runbookQuerySchema,
    response: { schema: runbookView },
  }),
  slo("PUT", R, "Save a new version of an in-app runbook (editor of the SLO's team)", {
    description: save,
    body: saveRunbookSchema,
    response: { schema: runbookView },
    errors: [412],
  }),
  slo("GET", `${R}/versions`, "Version history of an in-app runbook: who wrote what, when (newest first)", {
    query: runbookQuerySchema,
    response: { schema: runbookVersionsView },
  }),
];
