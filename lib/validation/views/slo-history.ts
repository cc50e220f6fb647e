import { z } from "zod";
import { CORRECTION_CATEGORIES } from "@/lib/slo/corrections";
import { SIGNAL_KEYS } from "@/lib/slo/signals";
import { storedWindowSchema } from "../slo-stored";
import { instant, itemsOf } from "./common";

/**
 * Responses of the SLO endpoints that read history or Prometheus (lib/openapi/routes/slos.ts): burndown,
 * budget ledger, corrections, the wizard's preview, metadata for completion, a service's golden signals.
 */

const counts = z.object({ good: z.number(), bad: z.number(), total: z.number() });

/** GET /api/v1/slos/{id}/burndown. */
export const burndownView = z.object({
  sloId: z.string(),
  from: instant(),
  to: instant(),
  windowStart: instant(),
  windowEnd: instant(),
  stepSeconds: z.number(),
  points: z.array(
    z.object({
      t: instant(),
      remaining: z.number().nullable().describe("fraction of the budget left; null: no traffic yet"),
      ideal: z.number(),
    }),
  ),
  corrections: z
    .array(
      z.object({
        id: z.string(),
        startsAt: instant(),
        endsAt: instant(),
        category: z.enum(CORRECTION_CATEGORIES),
        reason: z.string(),
      }),
    )
    .describe("approved corrections overlapping the range: their hours are out of `points`"),
  stale: z.boolean(),
  source: z.enum(["prometheus", "rollups"]).describe("rollups: Prometheus is down and the hourly rollups stand in"),
});
export type BurndownView = z.infer<typeof burndownView>;

/** GET /api/v1/slos/{id}/ledger. */
export const sloLedgerView = z.object({
  sloId: z.string(),
  sloName: z.string(),
  service: z.string(),
  objective: z.number(),
  window: storedWindowSchema,
  from: instant(),
  to: instant(),
  deployHorizonHours: z.number().int(),
  bad: z.number(),
  total: z.number(),
  allowedBadEvents: z.number().nullable(),
  consumed: z.number().nullable().describe("bad / allowedBadEvents; null without traffic"),
  excluded: z
    .object({ bad: z.number(), total: z.number(), corrections: z.number().int() })
    .nullable()
    .describe("what approved corrections took out; null when none overlaps"),
  parts: z.array(
    z.object({
      kind: z.enum(["incident", "deploy", "unattributed"]),
      id: z.string().nullable(),
      label: z.string(),
      href: z.string().nullable(),
      severity: z.string().nullable(),
      deployStatus: z.string().nullable(),
      from: instant(),
      to: instant(),
      bad: z.number(),
      total: z.number(),
      consumed: z.number().nullable(),
    }),
  ),
});
export type SloLedgerView = z.infer<typeof sloLedgerView>;

/** One correction: a time range excluded from the SLO's budget once approved. */
export const correctionView = z.object({
  id: z.string(),
  sloId: z.string(),
  startsAt: instant(),
  endsAt: instant(),
  category: z.enum(CORRECTION_CATEGORIES),
  reason: z.string(),
  author: z.string(),
  authorId: z.string().nullable(),
  status: z.enum(["pending", "approved", "rejected"]),
  reviewedBy: z.string().nullable(),
  reviewedAt: instant().nullable(),
  reviewComment: z.string().nullable(),
  version: z.number().int().describe("send it back with approve/reject/delete (409 when stale)"),
  createdAt: instant(),
});
export type CorrectionView = z.infer<typeof correctionView>;
export const correctionListView = itemsOf(correctionView);

/** POST /api/v1/slos/preview. */
export const sloPreviewView = z.object({
  sli: z.number().nullable(),
  events: counts,
  eventsPerDay: z.number(),
  budget: z.object({
    ratio: z.number(),
    allowedBadEvents: z.number().nullable(),
    downtimeEquivalentSeconds: z.number(),
    remaining: z.number().nullable(),
  }),
  oneBadEventShare: z.number().nullable().describe("share of the window's budget one bad event costs at this traffic"),
  lowTraffic: z.boolean(),
  warnings: z.array(z.string()),
  series: z
    .array(z.object({ t: instant(), sli: z.number().nullable(), total: z.number() }))
    .describe("daily SLI over the window"),
  windowStart: instant(),
  windowEnd: instant(),
});
export type SloPreviewView = z.infer<typeof sloPreviewView>;

/** GET /api/v1/prometheus/metadata: metric, label or value names (at most 2000). */
export const metadataView = itemsOf(z.string());
export type MetadataView = z.infer<typeof metadataView>;

const signalQueries = z.object(
  Object.fromEntries(SIGNAL_KEYS.map((k) => [k, z.string().nullable()])) as Record<
    (typeof SIGNAL_KEYS)[number],
    z.ZodNullable<z.ZodString>
  >,
);

/** GET /api/v1/services/{slug}/signals. */
export const serviceSignalsView = z.object({
  service: z.string(),
  from: instant(),
  to: instant(),
  stepSeconds: z.number(),
  version: z.number().int(),
  configured: signalQueries.describe("the configured PromQL per signal; null: derived from the SLIs"),
  signals: z.array(
    z.object({
      key: z.enum(SIGNAL_KEYS),
      label: z.string(),
      unit: z.enum(["seconds", "perSecond", "ratio", "ratioOrValue"]),
      query: z.string().nullable(),
      source: z.enum(["configured", "derived", "none"]),
      series: z.array(
        z.object({
          labels: z.record(z.string(), z.string()),
          points: z.array(z.object({ t: instant(), v: z.number().nullable() })),
        }),
      ),
      error: z.string().nullable().describe("Prometheus' message when this one query failed"),
      truncated: z.boolean(),
    }),
  ),
});
export type ServiceSignalsView = z.infer<typeof serviceSignalsView>;

/** PUT /api/v1/services/{slug}/signals. */
export const serviceSignalsSetView = z.object({
  service: z.string(),
  signals: signalQueries,
  version: z.number().int(),
});
export type ServiceSignalsSetView = z.infer<typeof serviceSignalsSetView>;
