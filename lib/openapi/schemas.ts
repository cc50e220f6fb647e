import { z } from "zod";

/**
 * Response shapes. Request schemas live in lib/validation and are imported from there by the route
 * files (lib/openapi/routes/*): the same objects the handlers validate with.
 */

// The generic building blocks live with the views; re-exported for the route files that import them here.
export { errorEnvelope, itemsOf, pageOf } from "@/lib/validation/views/common";

export const anyObject = z.record(z.string(), z.unknown());

const burnRates = z.record(z.string(), z.number().nullable()).describe("burn rate per window: 5m, 30m, 1h, 2h, 6h, 1d, 3d (null = no data)");

export const sloStatusView = z.object({
  sloId: z.string(), name: z.string(), service: z.string(), version: z.number(), objective: z.number(), windowStart: z.iso.datetime(), windowEnd: z.iso.datetime(),
  noData: z.boolean(), sliValue: z.number().nullable(), events: z.object({ good: z.number(), bad: z.number(), total: z.number() }),
  excludedByCorrections: z.object({ good: z.number(), bad: z.number(), total: z.number() }).optional().describe("events of the window that approved corrections took out of `events` (present when the SLO has any; docs/corrections.md)"),
  errorBudget: z.object({ total: z.number(), consumed: z.number().nullable(), remaining: z.number().nullable(), allowedBadEvents: z.number().nullable(), downtimeEquivalentSeconds: z.number() }),
  burnRates, alerts: z.array(z.object({ name: z.string(), severity: z.enum(["page", "ticket"]), longWindow: z.string(), shortWindow: z.string(), factor: z.number(), firing: z.boolean() })),
  exhaustsAt: z.iso.datetime().nullable(), asOf: z.iso.datetime(), stale: z.boolean(), staleAgeSeconds: z.number().optional(),
  staleReason: z.enum(["not_configured", "unreachable"]).optional().describe("not_configured: no Prometheus is set up; unreachable: the configured one does not answer"),
  unavailableSince: z.iso.datetime().optional().describe("when the configured Prometheus first failed in the current outage"),
  error: z.string().optional(),
  computing: z.literal(true).optional().describe("the first status of this SLO version is still being computed: no figures yet (never healthy); it is announced on GET /api/v1/events when ready"),
});

// Request schemas of single endpoints live in lib/validation/queries.ts, used by the handlers too.
export {
  auditQuerySchema as auditQuery, rulesQuerySchema as rulesQuery, prometheusMetadataQuerySchema as prometheusMetadataQuery,
  approveVersionSchema as approveVersionBody, rejectVersionSchema as rejectVersionBody, timelineQuerySchema as timelineQuery,
  postmortemExportQuerySchema as postmortemExportQuery,
} from "@/lib/validation/queries";
