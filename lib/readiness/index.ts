// Public API of the readiness and reporting domain: pure functions over plain data (epoch-ms instants,
// IANA zones). The checklist checks, report periods and the report's math and exports.
export * from "./types";
export { formatInstant, formatLocalDay } from "./format";
export { checkSlosSignedOff, checkRunbooks, type SloFacts, type SloVersionFacts } from "./slo-checks";
export { checkBudgetPolicy, type PolicyFacts } from "./policy-check";
export { checkEscalation, type EscalationFacts, type ScheduleFacts } from "./escalation-check";
export {
  checkPostmortems,
  checkActionItems,
  POSTMORTEM_LOOKBACK_DAYS,
  HIGH_PRIORITIES,
  type IncidentFacts,
  type ActionItemFacts,
} from "./incident-checks";
export { postmortemTimeliness, type Timeliness, type TimelinessInput } from "./timeliness";
export { evaluateService, rollUpTeam, type ServiceFacts, type ServiceScore, type TeamRollup } from "./scorecard";
export { parsePeriod, monthKeyAt, previousMonthKey, type ReportPeriod, type PeriodDay } from "./period";
export {
  versionInForce,
  periodCounts,
  dailyBudget,
  earliestWindowStart,
  RollupIndex,
  type SignedVersion,
  type HourCount,
  type PeriodCounts,
  type DayStatus,
} from "./slo-period";
export {
  scheduleLoad,
  dedupeHits,
  type PageHit,
  type ShiftLoad,
  type PersonLoad,
  type ScheduleLoad,
} from "./oncall-load";
export { actionItemPeriodStats, type PeriodActionItem, type ActionItemPeriodStats } from "./action-item-period";
export * from "./report";
export { reportToCsv, reportToMarkdown, sloCells, CSV_HEADER } from "./report-export";
