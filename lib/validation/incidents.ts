import { z } from "zod";
import {
  ACTION_ITEM_PRIORITIES,
  ACTION_ITEM_STATUSES,
  ACTION_ITEM_TYPES,
  INCIDENT_STATUSES,
  SEVERITIES,
} from "@/lib/postmortem";
import {
  INSTANT_RANGE_MESSAGE,
  instantInRange,
  MAX_INT4,
  optionalUrlSchema,
  paginationSchema,
  slugSchema,
  versionSchema,
} from "./common";

// Incidents, timelines, postmortems and action items: shared by the REST API, the forms and the CLI.

/** An instant: ISO 8601 with a zone ("2026-11-27T14:03:00Z", "…+01:00") → Date (UTC). */
export const instantSchema = z
  .string({ error: "must be an ISO 8601 instant such as 2026-11-27T14:03:00Z" })
  .trim()
  .refine(
    (s) =>
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i.test(s) &&
      Number.isFinite(Date.parse(s)),
    {
      message: "must be an ISO 8601 instant with a zone, such as 2026-11-27T14:03:00Z",
      abort: true, // object-level refinements must never see the raw string
    },
  )
  .refine((s) => instantInRange(Date.parse(s)), { message: INSTANT_RANGE_MESSAGE, abort: true })
  .transform((s) => new Date(Date.parse(s)));

/** A nullable instant: null or "" clears it. */
const clearableInstant = z.union([z.literal("").transform(() => null), z.null(), instantSchema]);

/** A user by id or e-mail address. */
export const userRefSchema = z.string().trim().min(1, "is required").max(254, "must be at most 254 characters");

export const severitySchema = z.enum(SEVERITIES, { error: `must be one of ${SEVERITIES.join(", ")}` });
export const incidentStatusSchema = z.enum(INCIDENT_STATUSES, {
  error: `must be one of ${INCIDENT_STATUSES.join(", ")}`,
});

export const INCIDENT_ROLES = ["commander", "communications", "scribe", "operations", "subject_matter_expert"] as const;
export type IncidentRoleName = (typeof INCIDENT_ROLES)[number];
export const incidentRoleSchema = z.enum(INCIDENT_ROLES, { error: `must be one of ${INCIDENT_ROLES.join(", ")}` });

/** Key instants, in lifecycle order (validated in order by lib/postmortem validateInstantOrder). */
export const INSTANT_KEYS = ["impactStartAt", "detectedAt", "acknowledgedAt", "mitigatedAt", "resolvedAt"] as const;
export type InstantKey = (typeof INSTANT_KEYS)[number];
/** The forms' labels for the key instants; the API's messages about instants use them too. */
export const INSTANT_LABELS: Record<InstantKey | "impactEndAt", string> = {
  impactStartAt: "Impact start",
  detectedAt: "Detected",
  acknowledgedAt: "Acknowledged",
  mitigatedAt: "Mitigated",
  resolvedAt: "Resolved",
  impactEndAt: "Impact end",
};

const instantFields = {
  impactStartAt: clearableInstant.optional(),
  detectedAt: clearableInstant.optional(),
  acknowledgedAt: clearableInstant.optional(),
  mitigatedAt: clearableInstant.optional(),
  resolvedAt: clearableInstant.optional(),
};

const titleSchema = z
  .string()
  .trim()
  .min(3, "must be at least 3 characters")
  .max(200, "must be at most 200 characters");
const servicesSchema = z.array(slugSchema).min(1, "name at least one affected service").max(20, "at most 20 services");

export const createIncidentSchema = z.object({
  title: titleSchema,
  severity: severitySchema,
  services: servicesSchema,
  /** Owning team (slug), which the declarer must edit; default: the first service's team they edit. */
  team: slugSchema.optional(),
  summary: z.string().max(10_000, "must be at most 10000 characters").default(""),
  /** Incident commander (id or e-mail); default: whoever declares it. */
  commander: userRefSchema.optional(),
  ...instantFields,
});
export type CreateIncidentInput = z.infer<typeof createIncidentSchema>;

export const updateIncidentSchema = z
  .object({
    title: titleSchema,
    severity: severitySchema,
    services: servicesSchema,
    team: slugSchema,
    summary: z.string().max(10_000, "must be at most 10000 characters"),
    ...instantFields,
    version: versionSchema,
  })
  .partial()
  .strict();
export type UpdateIncidentInput = z.infer<typeof updateIncidentSchema>;

export const changeStatusSchema = z.object({
  status: incidentStatusSchema,
  /** When it happened (default: now); may be in the past. */
  at: instantSchema.optional(),
  note: z.string().trim().max(2000).optional(),
  version: versionSchema.optional(),
});
export type ChangeStatusInput = z.infer<typeof changeStatusSchema>;

export const assignRoleSchema = z.object({ role: incidentRoleSchema, user: userRefSchema });
export type AssignRoleInput = z.infer<typeof assignRoleSchema>;

export const listIncidentsSchema = paginationSchema.extend({
  status: z.union([incidentStatusSchema, z.literal("open")]).optional(),
  severity: severitySchema.optional(),
  team: slugSchema.optional(),
  service: slugSchema.optional(),
  q: z.string().trim().max(100).optional(),
});
export type ListIncidentsQuery = z.infer<typeof listIncidentsSchema>;

export const escalatePageSchema = z.object({
  title: titleSchema.optional(),
  severity: severitySchema.default("SEV-2"),
  /** Needed when the page has no service. */
  services: servicesSchema.optional(),
  commander: userRefSchema.optional(),
});
export type EscalatePageInput = z.infer<typeof escalatePageSchema>;

// ── Timeline ──

/** Kinds people write; status_change and role_change are written by the system. */
export const TIMELINE_KINDS = ["note", "status_change", "role_change", "page", "deploy", "metric_event"] as const;
export const USER_TIMELINE_KINDS = ["note", "page", "deploy", "metric_event"] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

const timelineKind = z.enum(USER_TIMELINE_KINDS, {
  error: `must be one of ${USER_TIMELINE_KINDS.join(", ")} (status and role changes are recorded automatically)`,
});
const timelineText = z.string().trim().min(1, "is required").max(5000, "must be at most 5000 characters");

export const createTimelineEntrySchema = z.object({
  /** When it happened (default: now); backdating is allowed. */
  at: instantSchema.optional(),
  kind: timelineKind.default("note"),
  text: timelineText,
  starred: z.boolean().default(false),
});
export type CreateTimelineEntryInput = z.infer<typeof createTimelineEntrySchema>;

export const updateTimelineEntrySchema = z
  .object({ at: instantSchema, kind: timelineKind, text: timelineText, starred: z.boolean(), version: versionSchema })
  .partial()
  .strict();
export type UpdateTimelineEntryInput = z.infer<typeof updateTimelineEntrySchema>;

// ── Postmortem ──

/** The source document's template sections, Markdown each (timeline and action items are structured). */
export const POSTMORTEM_SECTIONS = ["summary", "rootCause", "impact", "wentWell", "wentPoorly"] as const;
export type PostmortemSectionKey = (typeof POSTMORTEM_SECTIONS)[number];
export const POSTMORTEM_SECTION_TITLES: Record<PostmortemSectionKey, string> = {
  summary: "Summary",
  rootCause: "Root cause",
  impact: "Impact",
  wentWell: "What went well",
  wentPoorly: "What went poorly",
};
export const POSTMORTEM_SECTION_HINTS: Record<PostmortemSectionKey, string> = {
  summary: "One paragraph: what happened, what was the user impact, how was it resolved.",
  rootCause: "What made it happen, without naming people as the cause (blameless).",
  impact: "Narrative impact; the computed per-SLO table is added above it.",
  wentWell: "What helped: alerts, runbooks, access, people's actions.",
  wentPoorly: "What hindered detection, diagnosis or recovery.",
};

const sectionBody = z.string().max(100_000, "must be at most 100000 characters");
export const sectionsSchema = z
  .object(
    Object.fromEntries(POSTMORTEM_SECTIONS.map((k) => [k, sectionBody.optional()])) as Record<
      PostmortemSectionKey,
      z.ZodOptional<typeof sectionBody>
    >,
  )
  .strict();

/**
 * What the postmortem row stores (Postmortem.approvals, budgetTrigger), written by the review and
 * budget services and parsed on read (lib/db/repos/postmortems.ts).
 */
export const approvalSchema = z.object({
  userId: z.string(),
  label: z.string(),
  revision: z.number().int().min(1),
  at: z.iso.datetime(),
});
export type Approval = z.infer<typeof approvalSchema>;
export const approvalsSchema = z.array(approvalSchema);

/** lib/postmortem BudgetTrigger; the stored copy also carries when it was evaluated. */
export const budgetTriggerSchema = z.object({
  threshold: z.number().min(0).describe("the policy's share (0–1) the spend was compared with"),
  slos: z
    .array(
      z.object({
        sloId: z.string(),
        sloName: z.string(),
        consumed: z.number().describe("share of the SLO window's budget (1 = all of it)"),
      }),
    )
    .min(1)
    .describe("worst first"),
});
export const storedBudgetTriggerSchema = budgetTriggerSchema.extend({ evaluatedAt: z.iso.datetime().optional() });

export const savePostmortemSchema = z
  .object({
    sections: sectionsSchema.optional(),
    /** Named reviewers (ids or e-mails); replaces the list. */
    reviewers: z.array(userRefSchema).max(20, "at most 20 reviewers").optional(),
    /** The version this edit is based on; may come as If-Match instead. */
    version: versionSchema.optional(),
  })
  .strict();
export type SavePostmortemInput = z.infer<typeof savePostmortemSchema>;

export const reviewActionSchema = z.discriminatedUnion(
  "action",
  [
    z.object({
      action: z.literal("submit"),
      revision: z.number().int().min(1),
      reviewers: z.array(userRefSchema).max(20).optional(),
      comment: z.string().max(5000).default(""),
    }),
    z.object({
      action: z.literal("approve"),
      revision: z.number().int().min(1),
      comment: z.string().max(5000).default(""),
    }),
    z.object({
      action: z.literal("request_changes"),
      revision: z.number().int().min(1),
      comment: z.string().trim().min(1, "explain which changes are needed").max(5000),
    }),
    z.object({ action: z.literal("withdraw"), comment: z.string().max(5000).default("") }),
    z.object({ action: z.literal("publish"), comment: z.string().max(5000).default("") }),
    z.object({ action: z.literal("amend"), comment: z.string().max(5000).default("") }),
  ],
  { error: "action must be submit, approve, request_changes, withdraw, publish or amend" },
);
export type ReviewActionInput = z.infer<typeof reviewActionSchema>;

// ── Action items ──

export const prioritySchema = z.enum(ACTION_ITEM_PRIORITIES, { error: "must be P0, P1, P2 or P3" });
export const actionItemTypeSchema = z.enum(ACTION_ITEM_TYPES, {
  error: `must be one of ${ACTION_ITEM_TYPES.join(", ")}`,
});
export const actionItemStatusSchema = z.enum(ACTION_ITEM_STATUSES, {
  error: `must be one of ${ACTION_ITEM_STATUSES.join(", ")}`,
});
const localDate = z
  .string()
  .trim()
  .refine(
    (s) =>
      /^\d{4}-\d{2}-\d{2}$/.test(s) &&
      !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) &&
      new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    "must be a date YYYY-MM-DD",
  );
const clearableDate = z.union([z.literal("").transform(() => null), z.null(), localDate]);

export const createActionItemSchema = z.object({
  /** Incident id or number; set by the nested route. */
  incident: z
    .union([z.string().trim().min(1), z.number().int().min(1).max(MAX_INT4, "is not an incident number")])
    .optional(),
  /** Service slug; default: the incident's first service. */
  service: slugSchema.optional(),
  title: z.string().trim().min(3, "must be at least 3 characters").max(300, "must be at most 300 characters"),
  description: z.string().max(10_000).default(""),
  owner: z.union([z.literal("").transform(() => null), z.null(), userRefSchema]).optional(),
  priority: prioritySchema,
  type: actionItemTypeSchema,
  /** Local date in the owning team's zone; default from the priority (P0 5, P1 20, P2 40 business days; P3 none). */
  dueDate: clearableDate.optional(),
  status: actionItemStatusSchema.default("open"),
  wontDoReason: z.string().trim().max(2000).optional(),
  ticketUrl: optionalUrlSchema,
});
export type CreateActionItemInput = z.infer<typeof createActionItemSchema>;

export const updateActionItemSchema = z
  .object({
    title: createActionItemSchema.shape.title,
    description: z.string().max(10_000),
    owner: z.union([z.literal("").transform(() => null), z.null(), userRefSchema]),
    priority: prioritySchema,
    type: actionItemTypeSchema,
    dueDate: clearableDate,
    status: actionItemStatusSchema,
    wontDoReason: z.string().trim().max(2000),
    ticketUrl: optionalUrlSchema,
    version: versionSchema,
  })
  .partial()
  .strict();
export type UpdateActionItemInput = z.infer<typeof updateActionItemSchema>;

const booleanParam = z
  .enum(["true", "false", "1", "0"], { error: "must be true or false" })
  .transform((v) => v === "true" || v === "1");

export const listActionItemsSchema = paginationSchema.extend({
  team: slugSchema.optional(),
  service: slugSchema.optional(),
  status: z.union([actionItemStatusSchema, z.literal("active")]).optional(),
  /** User id or e-mail; "me" for the caller. */
  owner: userRefSchema.optional(),
  incident: z.string().trim().min(1).optional(),
  overdue: booleanParam.optional(),
  priority: prioritySchema.optional(),
});
export type ListActionItemsQuery = z.infer<typeof listActionItemsSchema>;
