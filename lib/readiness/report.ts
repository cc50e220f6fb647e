import type { ActionItemPeriodStats } from "./action-item-period";
import type { OverdueItem } from "./types";
import type { PersonLoad, ScheduleLoad, ShiftLoad } from "./oncall-load";
import type { DayStatus, PeriodCounts } from "./slo-period";
import type { Timeliness } from "./timeliness";

// The manager report of one team over one period, as the API answers it (JSON) and as the CSV and
// Markdown exports render it. Instants are ISO strings (UTC); ratios are fractions (0.999 = 99.9 %).

export type UserLabel = { id: string; name: string; email: string };

/**
 * How an SLO appears in a report: "reported" has traffic in the period; "no_data" is signed off but no event
 * was rolled up in the period (unknown, never counted as healthy or as "0 overspent"); "pending_sign_off"
 * has no signed-off version yet: objective and window are the proposed ones and there are no figures.
 */
export type ReportSloState = "reported" | "no_data" | "pending_sign_off";

/** An SLO's figures over the period (its counts as slo-period.ts sums them) and what they are judged by. */
export type ReportSlo = Omit<PeriodCounts, "hoursInRange"> & {
  id: string;
  name: string;
  state: ReportSloState;
  /** The objective in force (latest signed-off version), or the proposed one when state is pending_sign_off. */
  objective: number;
  window: string;
  /** Versions whose rollups contributed. */
  versions: number[];
  /** Hours of the period up to evaluatedUntil (the whole period once it is over). */
  hoursInPeriod: number;
  /** The policy's freeze threshold the frozen days were judged with, and where it comes from. */
  freezeAtOrBelow: number;
  policyScope: "service" | "team" | "default";
  daysFrozen: number;
  daysEvaluated: number;
  /** Σ budgetConsumed of the impact snapshots of this SLO for the period's incidents (share of the window budget). */
  incidentBudgetConsumed: number;
  daily: DayStatus[];
};

/** Counts of the report's SLOs by state; `overspent` counts only SLOs with data. */
export type ReportSloSummary = {
  slos: number;
  reported: number;
  noData: number;
  pendingSignOff: number;
  overspent: number;
};

export function sloState(hasSignedVersion: boolean, total: number): ReportSloState {
  if (!hasSignedVersion) return "pending_sign_off";
  return total > 0 ? "reported" : "no_data";
}

export function summarizeSlos(
  services: readonly { slos: readonly Pick<ReportSlo, "state" | "budgetConsumed">[] }[],
): ReportSloSummary {
  const all = services.flatMap((s) => s.slos);
  const reported = all.filter((o) => o.state === "reported");
  return {
    slos: all.length,
    reported: reported.length,
    noData: all.filter((o) => o.state === "no_data").length,
    pendingSignOff: all.filter((o) => o.state === "pending_sign_off").length,
    overspent: reported.filter((o) => (o.budgetConsumed ?? 0) > 1).length,
  };
}

/** One sentence for the screen and the Markdown export, so both say the same ("2 of 5 SLOs had no data"). */
export function sloSummaryText(s: ReportSloSummary): string {
  if (s.slos === 0) return "No SLOs.";
  const parts = [
    s.reported === 0 ? "no SLO had data" : `${s.overspent} of ${s.reported} SLO(s) with data overspent their budget`,
  ];
  if (s.noData) parts.push(`${s.noData} of ${s.slos} SLO(s) had no data`);
  if (s.pendingSignOff) parts.push(`${s.pendingSignOff} pending sign-off (proposed objective shown, no figures)`);
  const text = parts.join("; ");
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
}

export type ReportService = { slug: string; name: string; tier: number; slos: ReportSlo[] };

export type ReportImpact = { sloId: string; sloName: string; serviceSlug: string; budgetConsumed: number | null };

export type ReportIncident = {
  number: number;
  title: string;
  severity: string;
  status: string;
  startedAt: string;
  resolvedAt: string | null;
  services: string[];
  impacts: ReportImpact[];
  /** Σ of the impacts' budgetConsumed (each a share of its SLO's window budget). */
  budgetConsumed: number;
  postmortem: { timeliness: Timeliness; dueAt: string | null; publishedAt: string | null };
};

export type TimelinessCounts = Record<Exclude<Timeliness, "not_required">, number> & { required: number };

/** One schedule's on-call load in a report: ScheduleLoad with people and times made readable. */
export type ReportSchedule = Omit<ScheduleLoad, "shifts" | "people"> & {
  id: string;
  name: string;
  timezone: string;
  shifts: (Omit<ShiftLoad, "userId" | "startMs" | "endMs"> & { user: UserLabel; start: string; end: string })[];
  people: (Omit<PersonLoad, "userId"> & { user: UserLabel })[];
};

export type TeamReport = {
  team: { slug: string; name: string; timezone: string };
  period: {
    key: string;
    kind: "month" | "quarter";
    timezone: string;
    start: string;
    end: string;
    /** First and last local calendar day of the period ("2027-03-01", "2027-03-31"). */
    firstDay: string;
    lastDay: string;
    /** min(end, now): figures are computed up to here. */
    evaluatedUntil: string;
    partial: boolean;
    days: number;
  };
  generatedAt: string;
  services: ReportService[];
  sloSummary: ReportSloSummary;
  incidents: {
    total: number;
    bySeverity: { severity: string; count: number; budgetConsumed: number }[];
    items: ReportIncident[];
  };
  postmortems: TimelinessCounts;
  actionItems: Omit<ActionItemPeriodStats, "overdueItems"> & {
    overdueItems: (Omit<OverdueItem, "dueAtMs"> & { dueAt: string })[];
  };
  oncall: { pagesForTeamServices: number; schedules: ReportSchedule[] };
  definitions: Record<string, string>;
};

export const REPORT_DEFINITIONS: Record<string, string> = {
  period: "Calendar month or quarter from local midnight to local midnight in the report's time zone.",
  sli: "good / total events over the period's hours, summed from the hourly rollups (each hour from the SLO version in force then).",
  sloState:
    "reported = events were rolled up in the period; no data = signed off but no event in the period (unknown, not counted as healthy or overspent); pending sign-off = no signed-off version yet: the proposed objective is shown, without figures.",
  budgetConsumed:
    "bad events / bad events the objective allows for the period's own traffic (1 = the period spent exactly its budget).",
  daysFrozen:
    "Days whose end-of-day remaining budget (the SLO's own window as of local midnight, from the rollups) was at or below the freeze threshold of the error-budget policy in force now.",
  incidents:
    "Incidents of the team, or affecting its services, whose impact started (else detection, else declaration) in the period.",
  incidentBudget:
    "From the postmortem's impact snapshots: the share of each affected SLO's window budget the incident consumed.",
  postmortems:
    "SEV-1/2 (and required SEV-3): due at the end of the 5th business day after resolution in the owning team's zone; on time = published by then; missing = unpublished past the deadline; pending = deadline ahead.",
  actionItems:
    "Items of the team's services (or of its incidents when no service is set): opened = created in the period, closed = done in the period, overdue = open at the period's end past the end of its local due day.",
  oncall:
    "Per schedule of the team: shifts from the computed final timeline in the period; a page counts for a person when an escalation step notified them as that schedule's on-call (once per page and person); sleep hours are 22:00–07:00 on the schedule's clock.",
};
