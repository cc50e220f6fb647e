import { z } from "zod";
import { MATCHER_OPS, matcherRegex, type IsoWeekday } from "@/lib/oncall";
import {
  INSTANT_RANGE_MESSAGE,
  instantInRange,
  MAX_INT4,
  nameSchema,
  paginationSchema,
  slugSchema,
  timezoneSchema,
  versionSchema,
} from "./common";

// Schemas of the on-call API: schedules and layers, overrides, cover requests, handoff notes, escalation
// policies, integrations, the Alertmanager webhook and pages. Shared by route handlers and forms.

const DAY_MS = 86_400_000;

/** Optimistic concurrency on edits: the version the edit is based on (from the last GET). */
const requiredVersionSchema = z
  .number({ error: "is required: send the version you edited (from the last GET)" })
  .pipe(versionSchema);
/** Longest window the timeline endpoints compute in one request. */
export const MAX_WINDOW_DAYS = 400;

/** An instant: ISO 8601 with an offset or Z (e.g. 2027-03-22T08:00:00Z); parsed to a Date. */
export const instantSchema = z
  .string({ error: "must be an ISO 8601 instant such as 2027-03-22T08:00:00Z" })
  .trim()
  // abort: a failed format must stop the object's superRefine below from running on the raw string
  .pipe(
    z.iso.datetime({
      offset: true,
      abort: true,
      error: "must be an ISO 8601 instant with an offset, such as 2027-03-22T08:00:00Z",
    }),
  )
  .refine((s) => instantInRange(Date.parse(s)), { message: INSTANT_RANGE_MESSAGE, abort: true })
  .transform((s) => new Date(s));

export const wallClockSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be a HH:mm time (00:00–23:59)");

const userIdSchema = z.string().trim().min(1, "is required").max(64, "is not a user id");

const weekdaySchema = z
  .number({ error: "must be 1 (Monday) to 7 (Sunday)" })
  .int("must be 1 (Monday) to 7 (Sunday)")
  .min(1, "must be 1 (Monday) to 7 (Sunday)")
  .max(7, "must be 1 (Monday) to 7 (Sunday)")
  .transform((d) => d as IsoWeekday);

export const restrictionsSchema = z
  .object({
    kind: z.enum(["time_of_day", "weekly"], { error: 'must be "time_of_day" or "weekly"' }),
    windows: z
      .array(
        z.object({
          fromDay: weekdaySchema.optional(),
          from: wallClockSchema,
          toDay: weekdaySchema.optional(),
          to: wallClockSchema,
        }),
      )
      .min(1, "add at least one window")
      .max(50, "at most 50 windows"),
  })
  .superRefine((r, ctx) => {
    if (r.kind !== "weekly") return;
    r.windows.forEach((w, i) => {
      if (w.fromDay === undefined)
        ctx.addIssue({ code: "custom", path: ["windows", i, "fromDay"], message: "weekly windows need a start day" });
    });
  });

const MAX_EVERY = { hour: 24 * 366, day: 366, week: 53 } as const;

export const rotationSchema = z
  .object({
    unit: z.enum(["hour", "day", "week"], { error: 'must be "hour", "day" or "week"' }),
    every: z.number({ error: "must be a whole number" }).int("must be a whole number").min(1, "must be at least 1"),
    clock: z.enum(["wall", "elapsed"], { error: 'must be "wall" or "elapsed"' }).default("wall"),
  })
  .superRefine((r, ctx) => {
    if (r.every > MAX_EVERY[r.unit])
      ctx.addIssue({ code: "custom", path: ["every"], message: `must be at most ${MAX_EVERY[r.unit]} for ${r.unit}s` });
  });

export const layerInputSchema = z.object({
  /** Id of an existing layer (its lineage) to change; omit to add a new layer. */
  id: z.string().trim().min(1).max(64).optional(),
  name: nameSchema,
  priority: z.number().int("must be a whole number").min(0, "must be 0 to 100").max(100, "must be 0 to 100").default(0),
  /** Zone of this layer's handoffs and restrictions; null = the schedule's zone. */
  timezone: timezoneSchema.nullish().transform((v) => v ?? null),
  rotation: rotationSchema,
  handoffTime: wallClockSchema,
  /** Rotation start: turn 0 starts at handoffTime on this instant's local date; coverage starts here. */
  startAt: instantSchema,
  /** Ordered user ids; null = an explicit empty slot (nobody). */
  participants: z.array(userIdSchema.nullable()).max(100, "at most 100 slots"),
  restrictions: restrictionsSchema.nullish().transform((v) => v ?? null),
});
export type LayerInput = z.infer<typeof layerInputSchema>;

const layersSchema = z
  .array(layerInputSchema)
  .max(20, "at most 20 layers")
  .superRefine((layers, ctx) => {
    const seen = new Set<string>();
    layers.forEach((l, i) => {
      if (!l.id) return;
      if (seen.has(l.id)) ctx.addIssue({ code: "custom", path: [i, "id"], message: "this layer is listed twice" });
      seen.add(l.id);
    });
  });

export const createScheduleSchema = z.object({
  team: slugSchema,
  name: nameSchema,
  description: z.string().max(2000, "must be at most 2000 characters").default(""),
  timezone: timezoneSchema,
  requireHandoffNote: z.boolean().default(true),
  layers: layersSchema.default([]),
});
export type CreateScheduleInput = z.infer<typeof createScheduleSchema>;

/** `layers`, when sent, is the complete new list: listed ids are changed, new entries added, missing ones ended. */
export const updateScheduleSchema = z
  .object({
    name: nameSchema.optional(),
    description: z.string().max(2000, "must be at most 2000 characters").optional(),
    timezone: timezoneSchema.optional(),
    requireHandoffNote: z.boolean().optional(),
    layers: layersSchema.optional(),
    version: requiredVersionSchema,
  })
  .strict();
export type UpdateScheduleInput = z.infer<typeof updateScheduleSchema>;

export const listSchedulesSchema = z.object({ team: slugSchema.optional() });

export const windowQuerySchema = z.object({ from: instantSchema, to: instantSchema }).superRefine((q, ctx) => {
  if (q.to.getTime() <= q.from.getTime()) ctx.addIssue({ code: "custom", path: ["to"], message: "must be after from" });
  else if (q.to.getTime() - q.from.getTime() > MAX_WINDOW_DAYS * DAY_MS)
    ctx.addIssue({ code: "custom", path: ["to"], message: `the window may span at most ${MAX_WINDOW_DAYS} days` });
});
export type WindowQuery = z.infer<typeof windowQuerySchema>;

export const atQuerySchema = z.object({ at: instantSchema.optional() });

export const overrideInputSchema = z
  .object({
    kind: z.enum(["replace", "add", "remove"], { error: 'must be "replace", "add" or "remove"' }),
    /** replace/add: who comes on call; remove: who is taken off. */
    userId: userIdSchema,
    /** replace only: the person being covered; omitted = everyone on call is replaced (a "set" override). */
    replacesUserId: userIdSchema.nullish().transform((v) => v ?? null),
    startAt: instantSchema,
    endAt: instantSchema,
    reason: z.string().trim().max(500, "must be at most 500 characters").default(""),
  })
  .superRefine((o, ctx) => {
    if (o.endAt.getTime() <= o.startAt.getTime())
      ctx.addIssue({ code: "custom", path: ["endAt"], message: "must be after the start (From)" });
    else if (o.endAt.getTime() - o.startAt.getTime() > 366 * DAY_MS)
      ctx.addIssue({ code: "custom", path: ["endAt"], message: "an override may last at most 366 days" });
    if (o.kind !== "replace" && o.replacesUserId)
      ctx.addIssue({
        code: "custom",
        path: ["replacesUserId"],
        message: "only replace overrides name the person replaced",
      });
    if (o.replacesUserId && o.replacesUserId === o.userId)
      ctx.addIssue({ code: "custom", path: ["replacesUserId"], message: "cannot replace someone by themselves" });
  });
export type OverrideInput = z.infer<typeof overrideInputSchema>;

export const listOverridesSchema = z.object({
  from: instantSchema.optional(),
  to: instantSchema.optional(),
  includeCancelled: z
    .enum(["true", "false"])
    .optional()
    .transform((v) => v === "true"),
});

export const coverRequestInputSchema = z
  .object({
    startAt: instantSchema,
    endAt: instantSchema,
    message: z.string().trim().max(1000, "must be at most 1000 characters").default(""),
  })
  .superRefine((c, ctx) => {
    if (c.endAt.getTime() <= c.startAt.getTime())
      ctx.addIssue({ code: "custom", path: ["endAt"], message: "must be after the start (From)" });
    else if (c.endAt.getTime() - c.startAt.getTime() > 90 * DAY_MS)
      ctx.addIssue({ code: "custom", path: ["endAt"], message: "a cover request may span at most 90 days" });
  });
export type CoverRequestInput = z.infer<typeof coverRequestInputSchema>;

export const listCoverRequestsSchema = z.object({ status: z.enum(["open", "covered", "cancelled"]).optional() });

const noteText = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);
export const handoffNoteInputSchema = z.object({
  /** The shift change the note is for; default: the end of the author's current (or last) shift. */
  handoffAt: instantSchema.optional(),
  body: noteText(10_000).min(1, "write what the next person needs to know"),
  openIssues: noteText(10_000).default(""),
  watchItems: noteText(10_000).default(""),
  pagesSummary: noteText(10_000).default(""),
});
export type HandoffNoteInput = z.infer<typeof handoffNoteInputSchema>;

export const listHandoffNotesSchema = z.object({ from: instantSchema.optional(), to: instantSchema.optional() });

export const escalationTargetSchema = z.discriminatedUnion(
  "kind",
  [
    z.object({ kind: z.literal("user"), userId: userIdSchema }),
    z.object({ kind: z.literal("schedule"), scheduleId: z.string().trim().min(1, "is required").max(64) }),
  ],
  { error: 'kind must be "user" or "schedule"' },
);
export type EscalationTargetInput = z.infer<typeof escalationTargetSchema>;

export const escalationStepSchema = z.object({
  delayMinutes: z
    .number({ error: "must be a whole number of minutes" })
    .int("must be a whole number of minutes")
    .min(1, "must be 1 to 1440 minutes")
    .max(1440, "must be 1 to 1440 minutes"),
  targets: z.array(escalationTargetSchema).min(1, "add at least one target").max(20, "at most 20 targets"),
});

const policyFields = {
  name: nameSchema,
  description: z.string().max(2000, "must be at most 2000 characters"),
  repeat: z
    .number({ error: "must be a whole number" })
    .int("must be a whole number")
    .min(0, "must be 0 to 9")
    .max(9, "must be 0 to 9"),
  steps: z.array(escalationStepSchema).min(1, "add at least one step").max(10, "at most 10 steps"),
  /** Slugs of the team's services that page through this policy (the complete list when sent). */
  services: z
    .array(slugSchema)
    .max(500)
    .refine((s) => new Set(s).size === s.length, "lists a service twice"),
  /** Who hears about a page that went through every step unacknowledged: a user (their rules apply)… */
  fallbackUserId: z.string().trim().min(1, "choose a user").max(100).nullable(),
  /** …and/or a verified team channel (a contact method of the policy's team). null = none. */
  fallbackChannelId: z.string().trim().min(1, "choose a team channel").max(100).nullable(),
};

export const createEscalationPolicySchema = z.object({
  team: slugSchema,
  ...policyFields,
  description: policyFields.description.default(""),
  repeat: policyFields.repeat.default(0),
  services: policyFields.services.default([]),
  fallbackUserId: policyFields.fallbackUserId.default(null),
  fallbackChannelId: policyFields.fallbackChannelId.default(null),
});
export type CreateEscalationPolicyInput = z.infer<typeof createEscalationPolicySchema>;

export const updateEscalationPolicySchema = z
  .object({
    name: policyFields.name.optional(),
    description: policyFields.description.optional(),
    repeat: policyFields.repeat.optional(),
    steps: policyFields.steps.optional(),
    services: policyFields.services.optional(),
    fallbackUserId: policyFields.fallbackUserId.optional(),
    fallbackChannelId: policyFields.fallbackChannelId.optional(),
    version: requiredVersionSchema,
  })
  .strict();
export type UpdateEscalationPolicyInput = z.infer<typeof updateEscalationPolicySchema>;

export const listPoliciesSchema = z.object({ team: slugSchema.optional() });

export const labelMatcherSchema = z
  .object({
    label: z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, "must be a Prometheus label name"),
    op: z.enum(MATCHER_OPS, { error: "must be one of =, !=, =~, !~" }),
    value: z.string().max(500, "must be at most 500 characters"),
  })
  .superRefine((m, ctx) => {
    if (m.op !== "=~" && m.op !== "!~") return;
    const re = matcherRegex(m.value);
    if (typeof re === "string")
      ctx.addIssue({ code: "custom", path: ["value"], message: `is not a valid regular expression: ${re}` });
  });

export const integrationRouteSchema = z.object({
  matchers: z.array(labelMatcherSchema).max(20, "at most 20 matchers"),
  /** Slug of the service the matching alert groups page. */
  service: slugSchema,
});
export type IntegrationRouteInput = z.infer<typeof integrationRouteSchema>;

export const createIntegrationSchema = z.object({
  name: nameSchema,
  routes: z.array(integrationRouteSchema).max(100, "at most 100 routes").default([]),
  /** Service for groups no route matches; null = such groups open an unrouted page nobody is paged for. */
  defaultService: slugSchema.nullish().transform((v) => v ?? null),
});
export type CreateIntegrationInput = z.infer<typeof createIntegrationSchema>;

export const updateIntegrationSchema = z
  .object({
    name: nameSchema,
    routes: z.array(integrationRouteSchema).max(100, "at most 100 routes"),
    defaultService: slugSchema.nullable(),
  })
  .partial()
  .strict();
export type UpdateIntegrationInput = z.infer<typeof updateIntegrationSchema>;

const labelSet = z.record(z.string(), z.string({ error: "label values must be strings" }));

/** Alertmanager webhook payload, version 4 (one notification for one alert group). */
export const alertmanagerWebhookSchema = z.object({
  version: z.literal("4", { error: 'must be "4" (Alertmanager webhook version 4)' }),
  groupKey: z.string({ error: "is required" }).min(1, "is required").max(2000, "must be at most 2000 characters"),
  status: z.enum(["firing", "resolved"], { error: 'must be "firing" or "resolved"' }),
  receiver: z.string({ error: "is required" }),
  groupLabels: labelSet,
  commonLabels: labelSet,
  commonAnnotations: labelSet.default({}),
  externalURL: z.string().default(""),
  truncatedAlerts: z.number().int().min(0).max(MAX_INT4, "is too large").default(0),
  alerts: z
    .array(
      z.object({
        status: z.enum(["firing", "resolved"], { error: 'must be "firing" or "resolved"' }),
        labels: labelSet,
        annotations: labelSet.default({}),
        startsAt: z.string({ error: "is required" }),
        endsAt: z.string().default(""),
        generatorURL: z.string().default(""),
        fingerprint: z.string({ error: "is required" }).min(1, "is required").max(200),
      }),
    )
    .min(1, "must contain at least one alert")
    .max(5000, "at most 5000 alerts"),
});
export type AlertmanagerWebhook = z.infer<typeof alertmanagerWebhookSchema>;

export const PAGE_STATUSES = ["triggered", "acknowledged", "resolved"] as const;
export const listPagesSchema = paginationSchema.extend({
  /** "open" = triggered or acknowledged. */
  status: z
    .enum(["triggered", "acknowledged", "resolved", "open"], {
      error: "must be triggered, acknowledged, resolved or open",
    })
    .optional(),
  service: slugSchema.optional(),
});
export type ListPagesQuery = z.infer<typeof listPagesSchema>;

export const createPersonFeedSchema = z.object({ userId: userIdSchema.optional() });
