import { z } from "zod";
import { instant } from "./common";
import { policyScope } from "./release";

/**
 * The manager report of a team over a month or quarter (GET /reports/team/{slug}, format=json), the shape
 * of lib/readiness TeamReport. Ratios are fractions (0.999 = 99.9 %); budgets are shares of a budget
 * (1 = exactly the budget); instants are ISO strings (UTC), local days YYYY-MM-DD.
 */

const user = z.object({ id: z.string(), name: z.string(), email: z.string() });
const count = z.number().int();
const timeliness = z.enum(["on_time", "late", "missing", "pending", "unresolved", "not_required"]);

const dayStatus = z.object({
  date: z.string().describe("local calendar day"),
  sli: z.number().nullable().describe("the day's own SLI; null without traffic"),
  total: z.number(),
  remaining: z
    .number()
    .nullable()
    .describe("remaining budget of the SLO's window at the end of the day; null when not evaluated or no traffic"),
  frozen: z.boolean(),
  evaluated: z.boolean().describe("false for days that have not ended"),
});

const reportSlo = z.object({
  id: z.string(),
  name: z.string(),
  state: z.enum(["reported", "no_data", "pending_sign_off"]),
  objective: z.number().describe("in force, or the proposed one when pending_sign_off"),
  window: z.string(),
  versions: z.array(count).describe("versions whose rollups contributed"),
  good: z.number(),
  total: z.number(),
  bad: z.number(),
  sli: z.number().nullable(),
  allowedBad: z.number(),
  budgetConsumed: z.number().nullable().describe("share of the period's own budget"),
  hoursWithData: count,
  hoursInPeriod: count,
  freezeAtOrBelow: z.number(),
  policyScope,
  daysFrozen: count,
  daysEvaluated: count,
  incidentBudgetConsumed: z
    .number()
    .describe("Σ budgetConsumed of the period's incidents' impact snapshots of this SLO"),
  daily: z.array(dayStatus),
});

const reportIncident = z.object({
  number: count,
  title: z.string(),
  severity: z.string(),
  status: z.string(),
  startedAt: instant(),
  resolvedAt: instant().nullable(),
  services: z.array(z.string()),
  impacts: z.array(
    z.object({
      sloId: z.string(),
      sloName: z.string(),
      serviceSlug: z.string(),
      budgetConsumed: z.number().nullable(),
    }),
  ),
  budgetConsumed: z.number(),
  postmortem: z.object({ timeliness, dueAt: instant().nullable(), publishedAt: instant().nullable() }),
});

const reportSchedule = z.object({
  id: z.string(),
  name: z.string(),
  timezone: z.string(),
  shifts: z.array(z.object({ user, start: instant(), end: instant(), pages: count, sleepHourPages: count })),
  people: z.array(z.object({ user, shifts: count, hoursOnCall: z.number(), pages: count, sleepHourPages: count })),
  pages: count,
  sleepHourPages: count,
  pagesPerShift: z.number().nullable(),
  maxPagesInShift: count,
  shiftsOverLimit: count,
  limitPerShift: count,
  sleepWindow: z.object({ start: z.string(), end: z.string(), timezone: z.string() }),
});

export const teamReportView = z.object({
  team: z.object({ slug: z.string(), name: z.string(), timezone: z.string() }),
  period: z.object({
    key: z.string(),
    kind: z.enum(["month", "quarter"]),
    timezone: z.string(),
    start: instant(),
    end: instant(),
    firstDay: z.string(),
    lastDay: z.string(),
    evaluatedUntil: instant().describe("min(end, now): figures are computed up to here"),
    partial: z.boolean(),
    days: count,
  }),
  generatedAt: instant(),
  services: z.array(z.object({ slug: z.string(), name: z.string(), tier: count, slos: z.array(reportSlo) })),
  sloSummary: z.object({ slos: count, reported: count, noData: count, pendingSignOff: count, overspent: count }),
  incidents: z.object({
    total: count,
    bySeverity: z.array(z.object({ severity: z.string(), count, budgetConsumed: z.number() })),
    items: z.array(reportIncident),
  }),
  postmortems: z.object({
    required: count,
    on_time: count,
    late: count,
    missing: count,
    pending: count,
    unresolved: count,
  }),
  actionItems: z.object({
    opened: count,
    closed: count,
    wontDo: count,
    overdue: count,
    overdueHighPriority: count,
    overdueItems: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        priority: z.string(),
        dueDate: z.string(),
        dueTimezone: z.string(),
        dueAt: instant(),
      }),
    ),
  }),
  oncall: z.object({ pagesForTeamServices: count, schedules: z.array(reportSchedule) }),
  definitions: z.record(z.string(), z.string()).describe("what each figure means, by name"),
});
export type TeamReportView = z.infer<typeof teamReportView>;
