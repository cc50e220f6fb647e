import { z } from "zod";
import { restrictionsSchema } from "../oncall";
import { instant, itemsOf } from "./common";

// Response views of the on-call API (schedules, layers, the timeline, overrides, cover requests, handoff
// notes, calendar feeds): the wire format, what JSON.stringify of the services' answers gives (instants
// as ISO 8601 strings). Shared by the OpenAPI document, the route services and the pages.

/** A person as the on-call views show them; a deleted user keeps their id with name "(deleted user)". */
export const userRefView = z.object({ id: z.string(), name: z.string(), email: z.string() });
export type UserRefView = z.infer<typeof userRefView>;

export const teamRefView = z.object({ id: z.string(), slug: z.string(), name: z.string() });

export const deletedView = z.object({ deleted: z.string().describe("id of the deleted entity") });

/** Where a piece of the final timeline comes from. */
export const sourceView = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("layer"),
    layerId: z.string(),
    layerName: z.string(),
    layerIds: z.array(z.string()).describe("every layer with people at this time, highest priority first"),
  }),
  z.object({ kind: z.literal("override"), overrideId: z.string() }),
  z.object({ kind: z.literal("gap") }),
]);
export type SourceView = z.infer<typeof sourceView>;

export const layerView = z.object({
  id: z.string().describe("the layer's lineage id (stable across versions)"),
  versionId: z.string(),
  name: z.string(),
  priority: z.number().int(),
  timezone: z.string().nullable().describe("null = the schedule's zone"),
  rotation: z.object({
    unit: z.enum(["hour", "day", "week"]),
    every: z.number().int(),
    clock: z.enum(["wall", "elapsed"]),
  }),
  handoffTime: z.string().describe("HH:mm in the layer's zone"),
  startAt: instant().describe("rotation start"),
  effectiveFrom: instant().describe("when this version starts producing shifts"),
  endAt: instant().nullable(),
  startPosition: z.number().int(),
  participants: z.array(userRefView.nullable()).describe("ordered slots; null = an explicit empty slot"),
  restrictions: restrictionsSchema.nullable(),
  versions: z.number().int(),
});
export type LayerView = z.infer<typeof layerView>;

export const onCallNowView = z.object({
  users: z.array(userRefView),
  since: instant(),
  until: instant(),
  source: sourceView,
});

const interval = z.object({ startMs: z.number(), endMs: z.number() }).describe("epoch milliseconds");

const warning = <C extends string, D extends z.ZodRawShape>(code: C, detail: D) =>
  z.object({ code: z.literal(code), message: z.string(), severity: z.literal("warning"), detail: z.object(detail) });

/** Rotation-health warnings (lib/oncall rotationHealth); messages name people, details carry ids. */
export const healthWarningView = z.discriminatedUnion("code", [
  warning("GAPS", { count: z.number().int(), totalMinutes: z.number(), gaps: z.array(interval) }),
  warning("SMALL_TEAM", { teamSize: z.number().int(), minimum: z.number().int() }),
  warning("OVERLOADED_PERSON", {
    userId: z.string(),
    share: z.number().describe("fraction of the horizon"),
    maximum: z.number(),
  }),
  warning("TOO_MANY_PAGES_PER_SHIFT", {
    userId: z.string(),
    shiftStartMs: z.number(),
    shiftEndMs: z.number(),
    pages: z.number().int(),
    maximum: z.number().int(),
  }),
  warning("SLEEP_HOUR_PAGES", {
    count: z.number().int(),
    byUser: z.record(z.string(), z.number().int()),
    pageTimesMs: z.array(z.number()),
  }),
  warning("MISSING_HANDOFF", { count: z.number().int(), handoffsMs: z.array(z.number()) }),
  warning("NO_CONTACT_METHOD", { userId: z.string() }),
]);
export type HealthWarningView = z.infer<typeof healthWarningView>;

const scheduleBase = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  timezone: z.string(),
  requireHandoffNote: z.boolean(),
  version: z.number().int().describe("send it back with PATCH"),
  createdAt: instant(),
  updatedAt: instant(),
  team: teamRefView,
  onCallNow: onCallNowView,
});

export const scheduleView = scheduleBase.extend({
  layers: z.array(layerView).describe("layers in force now or scheduled, highest priority first"),
  health: z.array(healthWarningView),
});
export type ScheduleView = z.infer<typeof scheduleView>;

export const scheduleListView = itemsOf(scheduleBase.extend({ layerCount: z.number().int() }));
export type ScheduleListView = z.infer<typeof scheduleListView>;

export const shiftsView = z.object({
  schedule: z.object({
    id: z.string(),
    name: z.string(),
    timezone: z.string(),
    team: z.object({ slug: z.string(), name: z.string() }),
  }),
  from: instant(),
  to: instant(),
  segments: z.array(z.object({ start: instant(), end: instant(), users: z.array(userRefView), source: sourceView })),
  shifts: z.array(
    z.object({
      user: userRefView,
      start: instant(),
      end: instant(),
      hours: z.number(),
      truncated: z.boolean().describe("cut by the window's edge"),
    }),
  ),
  gaps: z.array(z.object({ start: instant(), end: instant() })),
  layers: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      priority: z.number().int(),
      shifts: z.array(z.object({ user: userRefView.nullable(), start: instant(), end: instant() })),
    }),
  ),
  overrides: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      user: userRefView,
      replaces: userRefView.nullable(),
      start: instant(),
      end: instant(),
      reason: z.string(),
      source: z.string(),
    }),
  ),
});
export type ShiftsView = z.infer<typeof shiftsView>;

export const oncallAtView = z.object({
  scheduleId: z.string(),
  at: instant(),
  users: z.array(userRefView),
  source: sourceView,
  since: instant(),
  until: instant(),
});
export type OncallAtView = z.infer<typeof oncallAtView>;

export const historyEntryView = z.object({
  id: z.string(),
  user: userRefView,
  start: instant(),
  end: instant().nullable().describe("null while on call"),
  source: z.string().describe("layer or override"),
});
export type HistoryEntryView = z.infer<typeof historyEntryView>;

export const overrideView = z.object({
  id: z.string(),
  scheduleId: z.string(),
  kind: z.enum(["replace", "add", "remove"]),
  user: userRefView,
  replaces: userRefView.nullable(),
  startAt: instant(),
  endAt: instant(),
  reason: z.string(),
  source: z.string().describe("manual, api or cover (accepted cover request)"),
  createdBy: userRefView.nullable(),
  createdAt: instant(),
  cancelledAt: instant().nullable(),
  noOp: z.boolean().optional().describe("true when the override changes nobody's on-call time"),
});
export type OverrideView = z.infer<typeof overrideView>;

export const coverRequestView = z.object({
  id: z.string(),
  scheduleId: z.string(),
  requester: userRefView,
  startAt: instant(),
  endAt: instant(),
  message: z.string(),
  status: z.enum(["open", "covered", "cancelled"]),
  acceptedBy: userRefView.nullable(),
  overrideId: z.string().nullable(),
  createdAt: instant(),
});
export type CoverRequestView = z.infer<typeof coverRequestView>;

export const handoffNoteView = z.object({
  id: z.string(),
  scheduleId: z.string(),
  scheduleName: z.string().optional().describe("in the per-person list only"),
  handoffAt: instant(),
  outgoing: userRefView,
  incoming: userRefView.nullable(),
  body: z.string(),
  openIssues: z.string(),
  watchItems: z.string(),
  pagesSummary: z.string(),
  createdAt: instant(),
  acknowledgedAt: instant().nullable(),
  acknowledgedBy: userRefView.nullable(),
});
export type HandoffNoteView = z.infer<typeof handoffNoteView>;

export const calendarFeedCreatedView = z.object({
  id: z.string(),
  prefix: z.string(),
  scheduleId: z.string().nullable(),
  userId: z.string().nullable(),
  createdAt: instant(),
  url: z.string().describe("the secret feed URL; shown in this answer only"),
});
export type CalendarFeedCreatedView = z.infer<typeof calendarFeedCreatedView>;

export const calendarFeedView = z.object({
  id: z.string(),
  kind: z.enum(["schedule", "person"]),
  schedule: z.object({ id: z.string(), name: z.string() }).nullable(),
  user: userRefView.nullable(),
  prefix: z.string(),
  createdBy: userRefView.nullable(),
  createdAt: instant(),
  revokedAt: instant().nullable(),
  lastAccessAt: instant().nullable(),
});
export type CalendarFeedView = z.infer<typeof calendarFeedView>;

export const calendarFeedRevokedView = z.object({ id: z.string(), revokedAt: instant() });

const policyTeam = z.object({ slug: z.string(), name: z.string() });

export const escalationPolicyView = z.object({
  id: z.string(),
  team: teamRefView,
  name: z.string(),
  description: z.string(),
  repeat: z.number().int().describe("extra passes through the steps"),
  version: z.number().int().describe("send it back with PATCH"),
  createdAt: instant(),
  updatedAt: instant(),
  fallbackUserId: z.string().nullable(),
  fallbackUser: userRefView.nullable(),
  fallbackChannelId: z.string().nullable(),
  services: z.array(z.object({ id: z.string(), slug: z.string(), name: z.string() })),
  steps: z.array(
    z.object({
      position: z.number().int(),
      delayMinutes: z.number().int(),
      targets: z.array(
        z.discriminatedUnion("kind", [
          z.object({ kind: z.literal("user"), userId: z.string(), user: userRefView }),
          z.object({
            kind: z.literal("schedule"),
            scheduleId: z.string(),
            schedule: z.object({ id: z.string(), name: z.string().describe('"(deleted schedule)" when it is gone') }),
          }),
        ]),
      ),
    }),
  ),
});
export type EscalationPolicyView = z.infer<typeof escalationPolicyView>;

export const stepOnCallView = z.object({
  position: z.number().int(),
  delayMinutes: z.number().int(),
  users: z.array(userRefView).describe("everyone the step would page now, without duplicates"),
  targets: z.array(
    z.discriminatedUnion("kind", [
      z.object({ kind: z.literal("user"), user: userRefView }),
      z.object({
        kind: z.literal("schedule"),
        schedule: z.object({ id: z.string(), name: z.string() }),
        users: z.array(userRefView),
        until: instant().nullable(),
      }),
    ]),
  ),
});
export type StepOnCallView = z.infer<typeof stepOnCallView>;

export const policyOnCallView = z.object({
  policy: z.object({ id: z.string(), name: z.string(), repeat: z.number().int(), team: policyTeam }),
  steps: z.array(stepOnCallView),
});
export type PolicyOnCallView = z.infer<typeof policyOnCallView>;
