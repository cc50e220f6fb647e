import { z } from "zod";
import { BURN_WINDOWS } from "@/lib/slo/types";
import { SLO_VERSION_STATUSES, storedLabelsSchema, storedSliSchema, storedWindowSchema } from "../slo-stored";
import { instant, pageOf } from "./common";
import { policyScope } from "./release";

/**
 * Responses of the SLO definition endpoints (lib/openapi/routes/slos.ts): an SLO, its versions, its
 * status. Wire format: instants are ISO 8601 strings. Reads of history (burndown, ledger, corrections,
 * preview, signals) are in ./slo-history.ts.
 */

const counts = z.object({ good: z.number(), bad: z.number(), total: z.number() });
const POLICY_STATES = ["healthy", "at_risk", "frozen", "no_data"] as const;

const severityAlertSettings = z.object({
  enabled: z.boolean(),
  labels: storedLabelsSchema,
  annotations: storedLabelsSchema,
});
/** Alert settings with every default filled in (lib/slo/alert-settings.ts normalAlertSettings). */
export const alertSettingsView = z.object({
  name: z.string().nullable().describe("alert name of all four tiers; null: the default SLO alert name"),
  labels: storedLabelsSchema,
  annotations: storedLabelsSchema,
  page: severityAlertSettings,
  ticket: severityAlertSettings,
});

/** GET /api/v1/slos/{id}: the SLO with the version in force (or, before any sign-off, its first version). */
export const sloView = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  service: z.string().describe("service slug"),
  serviceName: z.string(),
  team: z.string().describe("team slug"),
  runbookUrl: z.string().nullable(),
  inAppRunbookTiers: z
    .union([z.literal("all"), z.array(z.string()).readonly()])
    .nullable()
    .describe("tiers with an in-app runbook; null when none"),
  alerting: z.boolean(),
  alertsSkipped: z
    .object({ code: z.enum(["ALERTING_DISABLED", "NO_RUNBOOK"]), message: z.string() })
    .nullable()
    .describe("why no alert rules are generated; null when all four are"),
  labels: storedLabelsSchema,
  displayName: z.string(),
  sliName: z.string(),
  alertSettings: alertSettingsView,
  revision: z.number().int().describe("send it back with PATCH to guard against concurrent edits"),
  version: z.object({ number: z.number().int(), status: z.enum(SLO_VERSION_STATUSES), effectiveFrom: instant() }),
  pendingVersion: z
    .object({ number: z.number().int(), createdBy: z.string(), createdAt: instant() })
    .nullable()
    .describe("a proposed definition awaiting sign-off"),
  managedBy: z.string().nullable().describe("set for SLOs managed as code (srecp apply)"),
  objective: z.number(),
  window: storedWindowSchema,
  sli: storedSliSchema,
  createdAt: instant(),
  updatedAt: instant(),
});
export type SloView = z.infer<typeof sloView>;

/** One immutable version of the SLI, objective and window. */
export const sloVersionView = z.object({
  number: z.number().int(),
  status: z.enum(SLO_VERSION_STATUSES),
  sli: storedSliSchema,
  objective: z.number(),
  window: storedWindowSchema,
  effectiveFrom: instant(),
  createdBy: z.string(),
  createdAt: instant(),
  reviewedBy: z.string().nullable(),
  reviewedAt: instant().nullable(),
  reviewComment: z.string().nullable(),
});
export type SloVersionView = z.infer<typeof sloVersionView>;

/** POST /api/v1/slos (201) and PATCH /api/v1/slos/{id}: the SLO as GET answers it, with all its versions newest first. */
export const sloSavedView = sloView.extend({
  versions: z.array(sloVersionView).describe("every version, newest first"),
});
export type SloSavedView = z.infer<typeof sloSavedView>;

/** POST /api/v1/slos/{id}/versions/{number}/approve and /reject. */
export const sloVersionReviewView = z.object({
  sloId: z.string(),
  number: z.number().int(),
  status: z.enum(SLO_VERSION_STATUSES),
  reviewedAt: instant().nullable(),
  reviewedBy: z.string(),
  comment: z.string().nullable(),
});
export type SloVersionReviewView = z.infer<typeof sloVersionReviewView>;

/** DELETE of an SLO or a correction. */
export const deletedView = z.object({ deleted: z.string().describe("id of what was deleted") });
export type DeletedView = z.infer<typeof deletedView>;

const burnRates = z
  .record(z.enum(BURN_WINDOWS), z.number().nullable())
  .describe("burn rate per window: 5m, 30m, 1h, 2h, 6h, 1d, 3d (null = no data)");

/**
 * The status of one SLO as computed and stored in the read model (SloStatusRow.body, parsed on read by
 * lib/db/repos/slos.ts). No NaN or Infinity ever: no data is null.
 */
export const sloStatusBody = z.object({
  sloId: z.string(),
  name: z.string(),
  service: z.string(),
  version: z.number().int(),
  objective: z.number(),
  window: storedWindowSchema,
  sli: storedSliSchema,
  windowStart: instant(),
  windowEnd: instant(),
  noData: z.boolean().describe("the window saw no traffic: the SLI and budget figures are null"),
  sliValue: z.number().nullable(),
  events: counts,
  excludedByCorrections: counts
    .optional()
    .describe(
      "events of the window that approved corrections took out of `events` (present when the SLO has any; docs/corrections.md)",
    ),
  errorBudget: z.object({
    total: z.number().describe("1 − objective"),
    consumed: z.number().nullable(),
    remaining: z.number().nullable(),
    allowedBadEvents: z.number().nullable(),
    downtimeEquivalentSeconds: z.number(),
  }),
  burnRates,
  alerts: z.array(
    z.object({
      name: z.string(),
      severity: z.enum(["page", "ticket"]),
      longWindow: z.string(),
      shortWindow: z.string(),
      factor: z.number(),
      firing: z.boolean(),
    }),
  ),
  exhaustsAt: instant().nullable(),
  asOf: instant(),
  stale: z.boolean().describe("Prometheus could not be asked: the last good value (or empty)"),
  staleAgeSeconds: z.number().optional(),
  staleReason: z
    .enum(["not_configured", "unreachable"])
    .optional()
    .describe("not_configured: no Prometheus is set up; unreachable: the configured one does not answer"),
  unavailableSince: instant().optional().describe("when the configured Prometheus first failed in the current outage"),
  error: z.string().optional(),
});
export type SloStatusBody = z.infer<typeof sloStatusBody>;

/** GET /api/v1/slos/{id}/status. */
export const sloStatusView = sloStatusBody.extend({
  computing: z
    .literal(true)
    .optional()
    .describe(
      "the first status of this SLO version is still being computed: no figures yet (never healthy); it is announced on GET /api/v1/events when ready",
    ),
});
export type SloStatusView = z.infer<typeof sloStatusView>;

/** One row of GET /api/v1/slos: with include=status, the status and the service's stored policy state (signed SLOs only). */
export const sloListItemView = sloView.extend({
  status: sloStatusView.optional(),
  policyState: z
    .enum(POLICY_STATES)
    .nullable()
    .optional()
    .describe("the service's budget-policy state over all its SLOs, as stored; null: none computed yet"),
  policyThresholds: z
    .object({
      scope: policyScope,
      atRiskBelow: z.number(),
      freezeAtOrBelow: z.number(),
      freezeOnPageAlert: z.boolean(),
    })
    .optional()
    .describe(
      "with include=status: the service's effective budget-policy thresholds (service, else team, else default)",
    ),
});
export type SloListItemView = z.infer<typeof sloListItemView>;
export const sloListView = pageOf(sloListItemView);
