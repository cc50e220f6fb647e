import { z } from "zod";
import { REVIEW_ACTIONS, REVIEW_STATUSES } from "@/lib/postmortem";
import { POSTMORTEM_SECTIONS, type PostmortemSectionKey } from "../incidents";
import { instant, itemsOf } from "./common";
import { actionItemView, incidentView, timelineEntryView, userLiteView } from "./incidents";

// What the postmortem API answers (wire format): the document with its review state, the impact
// snapshots and a recomputation's result.

const nullableInstant = () => instant().nullable();

/** Every template section, "" when not written. */
export const postmortemSectionsView = z.object(
  Object.fromEntries(POSTMORTEM_SECTIONS.map((k) => [k, z.string()])) as Record<PostmortemSectionKey, z.ZodString>,
);

/**
 * How an impact snapshot was computed (ImpactSnapshot.queries), as lib/services/incidents/impact.ts
 * writes it. Every field is optional: snapshots written without a computation (the demo's) hold {}.
 */
export const impactDetailsView = z
  .object({
    status: z.enum(["ok", "no_traffic"]),
    dataSource: z.string().describe('the data source id, or "default"'),
    evaluatedAt: instant(),
    ongoing: z.boolean(),
    promql: z.object({
      good: z.string(),
      total: z.string(),
      windowTotal: z.string(),
      stepGood: z.string(),
      stepTotal: z.string(),
    }),
    stepSeconds: z.number(),
    sloVersion: z.number().int(),
    objective: z.number(),
    sloWindow: z.union([
      z.object({ kind: z.literal("rolling"), days: z.number() }),
      z.object({ kind: z.literal("calendar"), unit: z.enum(["week", "month"]), timezone: z.string() }),
    ]),
    sloWindowSeconds: z.number(),
    windowTotalEvents: z.number(),
    budgetEvents: z.number().nullable(),
    errorRatio: z.number().nullable(),
    peakAt: nullableInstant(),
    peakBurnRate: z.number().nullable(),
    equivalentFullOutageSeconds: z.number().nullable(),
  })
  .partial();

export const impactSnapshotView = z.object({
  id: z.string(),
  sloId: z.string(),
  sloName: z.string(),
  service: z.string().describe("service slug"),
  from: instant(),
  to: instant(),
  failed: z.number(),
  total: z.number(),
  errorRatio: z.number().nullable().describe("failed ÷ total; null without traffic"),
  peakErrorRatio: z.number().nullable(),
  budgetConsumed: z.number().nullable().describe("share of the SLO window's error budget"),
  computedAt: instant(),
  frozen: z.boolean().describe("frozen by publication: no longer recomputed"),
  details: impactDetailsView,
});
export type ImpactSnapshotView = z.infer<typeof impactSnapshotView>;
export const impactListView = itemsOf(impactSnapshotView);
export type ImpactListView = z.infer<typeof impactListView>;
export const impactRecomputeView = z.object({
  window: z.object({ from: instant(), to: instant(), ongoing: z.boolean() }),
  items: z.array(impactSnapshotView),
});
export type ImpactRecomputeView = z.infer<typeof impactRecomputeView>;

const actorRef = z.object({ id: z.string().nullable(), label: z.string() });

export const postmortemView = z.object({
  id: z.string(),
  incidentId: z.string(),
  incident: incidentView,
  status: z.enum(REVIEW_STATUSES),
  revision: z.number().int().describe("content revision: +1 per content save and per amendment"),
  version: z.number().int().describe("optimistic-concurrency version (also the ETag)"),
  sections: postmortemSectionsView,
  author: userLiteView.nullable(),
  reviewers: z.array(userLiteView),
  approvals: z
    .array(z.object({ user: userLiteView, revision: z.number().int(), at: instant() }))
    .describe("approvals of the current revision"),
  requiredApprovals: z.number().int(),
  submittedRevision: z.number().int().nullable(),
  publishedRevision: z.number().int().nullable(),
  dueAt: nullableInstant(),
  overdue: z.boolean(),
  publishedAt: nullableInstant(),
  impacts: z.array(impactSnapshotView),
  timeline: z.array(timelineEntryView).describe("starred entries"),
  actionItems: z.array(actionItemView),
  reviewEvents: z.array(
    z.object({
      id: z.string(),
      action: z.string(),
      revision: z.number().int(),
      actor: actorRef,
      comment: z.string(),
      at: instant(),
    }),
  ),
  revisions: z.array(
    z.object({
      number: z.number().int(),
      approvedById: z.string().nullable(),
      approvedAt: nullableInstant(),
      publishedAt: nullableInstant(),
    }),
  ),
  can: z
    .object({
      ...Object.fromEntries(REVIEW_ACTIONS.map((a) => [a, z.boolean()])),
      recomputeImpact: z.boolean(),
    } as Record<(typeof REVIEW_ACTIONS)[number] | "recomputeImpact", z.ZodBoolean>)
    .describe("what the caller may do next"),
  createdAt: instant(),
  updatedAt: instant(),
});
export type PostmortemView = z.infer<typeof postmortemView>;

/** A published revision's sections exactly as published. */
export const publishedRevisionView = z.object({
  number: z.number().int(),
  sections: postmortemSectionsView,
  approvedById: z.string().nullable(),
  approvedAt: nullableInstant(),
  publishedAt: nullableInstant(),
});
export type PublishedRevisionView = z.infer<typeof publishedRevisionView>;
