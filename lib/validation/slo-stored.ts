import { z } from "zod";
import { SLICE_MINUTES } from "@/lib/slo/types";

/**
 * The shapes of an SLO's JSON columns as the database holds them (Slo.labels, Slo.alertSettings,
 * SloVersion.sli, SloVersion.window), used to parse what is read (lib/db/repos/slos.ts) and to describe
 * the same values in API responses (lib/validation/views/slos.ts). Writes are checked by the stricter
 * schemas of ./slo.ts; these check only the shape the code relies on, because write rules tighten across
 * releases (PromQL grammar, allowed window lengths) and a definition stored by an older release must still
 * load: sign-off and the served rule files report what is wrong with it (lib/services/slo/sli-promql.ts).
 * Every SLI kind of ./slo.ts `sliSchema` has its shape here (tests/unit/validation/slo-stored.test.ts compares them).
 */

const ratioShape = z.object({
  kind: z.literal("ratio"),
  total: z.string(),
  good: z.string().optional(),
  bad: z.string().optional(),
});
const latencyShape = z.object({
  kind: z.literal("latency"),
  metric: z.string(),
  matchers: z.string(),
  thresholdSeconds: z.number(),
});
const boolGaugeShape = z.object({ kind: z.literal("boolGauge"), metric: z.string() });
const eventSliShape = z.discriminatedUnion("kind", [ratioShape, latencyShape, boolGaugeShape]);
const timesliceShape = z.object({
  kind: z.literal("timeslice"),
  sliceMinutes: z.literal(SLICE_MINUTES),
  threshold: z.number(),
  of: eventSliShape,
});

export const storedSliSchema = z
  .discriminatedUnion("kind", [ratioShape, latencyShape, boolGaugeShape, timesliceShape])
  .describe(
    "the SLI: ratio (total with good or bad selectors), latency (histogram, threshold in seconds), boolGauge (a 0/1 gauge) or timeslice (slices judged by another SLI)",
  );

export const storedWindowSchema = z
  .discriminatedUnion("kind", [
    z.object({ kind: z.literal("rolling"), days: z.number().int().positive() }),
    z.object({
      kind: z.literal("calendar"),
      unit: z.enum(["month", "week"]),
      timezone: z.string().describe("IANA time zone"),
    }),
  ])
  .describe("rolling window of N days, or a calendar month/week in an IANA time zone");

/** SloVersion.status (a text column). */
export const SLO_VERSION_STATUSES = ["pending", "active", "superseded", "rejected", "withdrawn"] as const;
export const storedVersionStatusSchema = z.enum(SLO_VERSION_STATUSES);
export type SloVersionStatus = z.infer<typeof storedVersionStatusSchema>;

const stringMap = z.record(z.string(), z.string());
/** Prometheus label names → values. */
export const storedLabelsSchema = stringMap;

const severityShape = z
  .object({ enabled: z.boolean().optional(), labels: stringMap.optional(), annotations: stringMap.optional() })
  .nullish();
/** Alert settings as stored: a partial object ({} by default); lib/slo/alert-settings.ts fills in the defaults. */
export const storedAlertSettingsSchema = z.object({
  name: z.string().nullish(),
  labels: stringMap.optional(),
  annotations: stringMap.optional(),
  page: severityShape,
  ticket: severityShape,
});
