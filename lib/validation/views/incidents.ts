import { z } from "zod";
import {
  ACTION_ITEM_PRIORITIES,
  ACTION_ITEM_STATUSES,
  ACTION_ITEM_TYPES,
  INCIDENT_STATUSES,
  REVIEW_STATUSES,
  SEVERITIES,
} from "@/lib/postmortem";
import { budgetTriggerSchema, INCIDENT_ROLES, TIMELINE_KINDS } from "../incidents";
import { instant, itemsOf, pageOf } from "./common";

// What the incident API answers (wire format: instants as ISO strings): incidents, timeline entries,
// the people of an incident, action items and what an incident spent of each SLO's budget.
// Postmortems and their impact: ./postmortems.ts.

const nullableInstant = () => instant().nullable();

export const userLiteView = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().describe("empty for a deleted user"),
});
export type UserLiteView = z.infer<typeof userLiteView>;

const budgetTriggerView = budgetTriggerSchema;

export const incidentView = z.object({
  id: z.string(),
  number: z.number().int(),
  key: z.string().describe("INC-<number>"),
  title: z.string(),
  severity: z.enum(SEVERITIES),
  severityDefinition: z.object({ name: z.string(), description: z.string() }),
  status: z.enum(INCIDENT_STATUSES),
  summary: z.string(),
  team: z
    .object({ id: z.string(), slug: z.string(), name: z.string(), timezone: z.string() })
    .describe("the owning team"),
  services: z
    .array(z.object({ id: z.string(), slug: z.string(), name: z.string(), teamId: z.string() }))
    .describe("affected services"),
  roles: z.array(z.object({ role: z.enum(INCIDENT_ROLES), user: userLiteView, assignedAt: instant() })),
  commander: userLiteView.nullable(),
  instants: z.object({
    impactStartAt: nullableInstant(),
    detectedAt: nullableInstant(),
    acknowledgedAt: nullableInstant(),
    mitigatedAt: nullableInstant(),
    resolvedAt: nullableInstant(),
  }),
  durations: z
    .object({
      timeToDetectMs: z.number().nullable(),
      timeToAcknowledgeMs: z.number().nullable(),
      timeToMitigateMs: z.number().nullable(),
      timeToResolveMs: z.number().nullable(),
      totalImpactMs: z.number().nullable(),
    })
    .describe("milliseconds; null when an instant is missing or the pair is out of order"),
  reopenCount: z.number().int(),
  version: z.number().int(),
  createdById: z.string().nullable(),
  createdAt: instant(),
  updatedAt: instant(),
  postmortem: z
    .object({
      id: z.string(),
      status: z.enum(REVIEW_STATUSES),
      revision: z.number().int(),
      dueAt: nullableInstant(),
      overdue: z.boolean(),
      required: z.boolean(),
      reasons: z.array(z.enum(["severity", "budget_policy"])),
      budgetPolicy: budgetTriggerView
        .extend({ actionItemRequired: z.literal("P0/P1"), actionItemMet: z.boolean() })
        .nullable()
        .describe(
          "set when an SLO's budget spent above the policy's share requires the postmortem and a P0/P1 action item",
        ),
    })
    .nullable(),
  pages: z
    .array(z.object({ id: z.string(), title: z.string(), status: z.string(), openedAt: instant() }))
    .describe("on-call pages linked to the incident"),
});
export type IncidentView = z.infer<typeof incidentView>;
export const incidentPageView = pageOf(incidentView);

export const timelineEntryView = z.object({
  id: z.string(),
  at: instant().describe("when it happened (may be backdated)"),
  kind: z.enum(TIMELINE_KINDS),
  text: z.string(),
  starred: z.boolean(),
  author: z.object({ id: z.string().nullable(), label: z.string() }),
  system: z.boolean().describe("status and role changes: recorded by the system, can only be starred"),
  addedLater: z.boolean().describe("written down more than 5 minutes after it happened"),
  version: z.number().int(),
  createdAt: instant(),
  updatedAt: instant(),
});
export type TimelineEntryView = z.infer<typeof timelineEntryView>;
export const timelineView = itemsOf(timelineEntryView);

export const personView = userLiteView.extend({ role: z.enum(["viewer", "editor", "approver", "admin"]) });
export type PersonView = z.infer<typeof personView>;
export const peopleView = itemsOf(personView);
export type PeopleView = z.infer<typeof peopleView>;

/** DELETE of an incident (its key), a timeline entry or an action item (its id). */
export const deletedView = z.object({ deleted: z.string() });
export type DeletedView = z.infer<typeof deletedView>;

export const actionItemView = z.object({
  id: z.string(),
  incident: z.object({ id: z.string(), number: z.number().int(), key: z.string(), title: z.string() }).nullable(),
  service: z.object({ id: z.string(), slug: z.string(), name: z.string() }).nullable(),
  team: z.object({ slug: z.string(), name: z.string() }).nullable().describe("the service's team, else the incident's"),
  title: z.string(),
  description: z.string(),
  owner: userLiteView.nullable(),
  priority: z.enum(ACTION_ITEM_PRIORITIES),
  type: z.enum(ACTION_ITEM_TYPES),
  status: z.enum(ACTION_ITEM_STATUSES),
  wontDoReason: z.string().nullable(),
  dueDate: z.string().nullable().describe("local date YYYY-MM-DD in dueTimezone (due at the end of that day)"),
  dueTimezone: z.string(),
  dueAt: nullableInstant().describe("the end of the due date in its zone"),
  overdue: z.boolean(),
  ticketUrl: z.string().nullable(),
  version: z.number().int(),
  createdAt: instant(),
  updatedAt: instant(),
  completedAt: nullableInstant(),
});
export type ActionItemView = z.infer<typeof actionItemView>;
export const actionItemPageView = pageOf(actionItemView);

const budgetSpendItem = z.object({
  sloId: z.string(),
  sloName: z.string(),
  service: z.string(),
  window: z.string().describe('"30-day", "monthly", "weekly"'),
  threshold: z.number().describe("the policy's postmortemAbove share"),
  bad: z.number().nullable(),
  total: z.number().nullable(),
  allowedBadEvents: z.number().nullable(),
  consumed: z
    .number()
    .nullable()
    .describe(
      "bad ÷ allowed bad events of the SLO window ending at the impact's end; null without traffic or when Prometheus did not answer",
    ),
  windowFrom: nullableInstant(),
  aboveThreshold: z.boolean(),
});

export const incidentBudgetView = z.object({
  incident: z.string().describe("INC-<number>"),
  trigger: budgetTriggerView.nullable(),
  actionItemMet: z.boolean().describe("a P0/P1 action item that is not won't do exists"),
  window: z
    .object({ from: instant(), to: instant(), ongoing: z.boolean() })
    .nullable()
    .describe("null before an impact start or detection instant is set"),
  items: z.array(budgetSpendItem),
  unavailable: z
    .string()
    .nullable()
    .describe("why some SLO's spend could not be computed (Prometheus); the stored trigger is kept"),
});
export type IncidentBudgetView = z.infer<typeof incidentBudgetView>;
