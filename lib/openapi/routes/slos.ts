import {
  burndownQuerySchema,
  createSloSchema,
  listSlosSchema,
  sloPreviewSchema,
  statusQuerySchema,
  updateSloSchema,
} from "@/lib/validation/slo";
import { ledgerQuerySchema } from "@/lib/validation/ledger";
import {
  createCorrectionSchema,
  deleteCorrectionQuerySchema,
  listCorrectionsQuerySchema,
  rejectCorrectionSchema,
  reviewCorrectionSchema,
} from "@/lib/validation/corrections";
import { signalsQuerySchema, signalsSchema } from "@/lib/validation/signals";
import { operationsOf, type Operation } from "../registry";
import { approveVersionBody, prometheusMetadataQuery, rejectVersionBody, rulesQuery } from "../schemas";
import {
  deletedView,
  sloListView,
  sloSavedView,
  sloStatusView,
  sloVersionReviewView,
  sloVersionView,
  sloView,
} from "@/lib/validation/views/slos";
import {
  burndownView,
  correctionListView,
  correctionView,
  metadataView,
  serviceSignalsSetView,
  serviceSignalsView,
  sloLedgerView,
  sloPreviewView,
} from "@/lib/validation/views/slo-history";
import { itemsOf } from "@/lib/validation/views/common";

const slo = operationsOf("SLOs");
/** A correction's operations: a pending or approved state that does not allow the change is a 409. */
const onCorrection = operationsOf("SLOs", { params: { correctionId: "correction id" }, errors: [409] });
const C = "/api/v1/slos/{id}/corrections/{correctionId}";
const listSlosQuery = listSlosSchema.extend({ at: statusQuerySchema.shape.at });
const yaml = { contentType: "application/yaml", description: "Prometheus rule file" };

export const sloRoutes: Operation[] = [
  slo("GET", "/api/v1/slos", "List SLOs, optionally with status (one batched refresh for all)", {
    query: listSlosQuery,
    response: { schema: sloListView },
  }),
  slo("POST", "/api/v1/slos", "Define an SLO (editor of the service's team)", {
    description:
      "PromQL is checked by Prometheus before saving. An editor's definition waits for an approver's sign-off.",
    body: createSloSchema,
    response: { status: 201, schema: sloSavedView },
  }),
  slo("POST", "/api/v1/slos/preview", "What a definition would report, before saving", {
    body: sloPreviewSchema,
    response: { schema: sloPreviewView },
    errors: [503],
  }),
  slo("GET", "/api/v1/slos/{id}", "An SLO", { response: { schema: sloView } }),
  slo("PATCH", "/api/v1/slos/{id}", "Change an SLO", {
    description:
      "A change of sli/objective/window creates a new immutable version. Send `revision` to guard against concurrent edits (409 when stale).",
    body: updateSloSchema,
    response: { schema: sloSavedView },
  }),
  slo("DELETE", "/api/v1/slos/{id}", "Delete an SLO", { response: { schema: deletedView } }),
  slo("GET", "/api/v1/slos/{id}/status", "Error budget, burn rates and alerts now or at `at`", {
    description: "200 with stale: true when Prometheus is down.",
    query: statusQuerySchema,
    response: { schema: sloStatusView },
    errors: [503],
  }),
  slo("GET", "/api/v1/slos/{id}/burndown", "Remaining budget across the window with the ideal line", {
    query: burndownQuerySchema,
    response: { schema: burndownView },
    errors: [503],
  }),
  slo(
    "GET",
    "/api/v1/slos/{id}/ledger",
    "Budget ledger: consumption per incident, per deploy, the unattributed rest and corrections",
    {
      description:
        "Exact counts (hourly rollups plus raw increases of sub-hour pieces). Each event goes to one part: correction (excluded) > incident (first started) > deploy (until the next one or `horizonHours`, default 24) > unattributed, so the parts sum to the total. `from` defaults to the start of the SLO window ending at `to` (default now) and must not be earlier.",
      query: ledgerQuerySchema,
      response: { schema: sloLedgerView },
      errors: [503],
    },
  ),
  slo("GET", "/api/v1/slos/{id}/corrections", "Corrections: time ranges excluded from the budget, newest first", {
    query: listCorrectionsQuerySchema,
    response: { schema: correctionListView },
  }),
  slo("POST", "/api/v1/slos/{id}/corrections", "Propose a correction (editor of the SLO's team)", {
    description:
      "Edges on whole UTC hours, end not in the future, at most the SLO's window long, not overlapping a pending or approved correction (422 naming the field). Pending until an approver other than the author signs it off; only approved corrections change budgets, burndowns, reports and the gate — never the generated Prometheus rules.",
    body: createCorrectionSchema,
    response: { status: 201, schema: correctionView },
  }),
  onCorrection("DELETE", C, "Delete a correction (an approved one: approver)", {
    query: deleteCorrectionQuerySchema,
    response: { schema: deletedView },
  }),
  onCorrection("POST", `${C}/approve`, "Sign off a pending correction (an approver other than its author)", {
    body: reviewCorrectionSchema,
    response: { schema: correctionView },
  }),
  onCorrection(
    "POST",
    `${C}/reject`,
    "Reject a pending correction with a comment (an approver other than its author)",
    {
      body: rejectCorrectionSchema,
      response: { schema: correctionView },
    },
  ),
  slo("GET", "/api/v1/slos/{id}/rules", "Prometheus recording and alerting rules for this SLO", { response: yaml }),
  slo("GET", "/api/v1/slos/{id}/versions", "Versions of the SLI, objective and window, newest first", {
    response: { schema: itemsOf(sloVersionView) },
  }),
  slo("POST", "/api/v1/slos/{id}/versions/{number}/approve", "Sign off a pending version (approver)", {
    params: { number: "version number" },
    body: approveVersionBody,
    response: { schema: sloVersionReviewView },
  }),
  slo("POST", "/api/v1/slos/{id}/versions/{number}/reject", "Reject a pending version with a comment (approver)", {
    params: { number: "version number" },
    body: rejectVersionBody,
    response: { schema: sloVersionReviewView },
  }),
  slo("GET", "/api/v1/rules", "Prometheus rule file for all SLOs", { query: rulesQuery, response: yaml }),
  slo("GET", "/api/v1/prometheus/metadata", "Metric, label and value names for PromQL completion", {
    query: prometheusMetadataQuery,
    response: { schema: metadataView },
    errors: [503],
  }),
  slo("GET", "/api/v1/services/{slug}/signals", "Golden signals of a service as series", {
    query: signalsQuerySchema,
    response: { schema: serviceSignalsView },
    errors: [503],
  }),
  slo("PUT", "/api/v1/services/{slug}/signals", "Configure the PromQL of each golden signal (editor)", {
    body: signalsSchema,
    response: { schema: serviceSignalsSetView },
  }),
];
