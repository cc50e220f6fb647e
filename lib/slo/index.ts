export * from "./types";
export { roundSignificant } from "./number";
export { parseDuration, formatDuration } from "./duration";
export {
  formatLe,
  promqlString,
  rangeSum,
  sliSelectors,
  sliIncreaseQueries,
  sliErrorRatioQuery,
  type Selectors,
} from "./promql";
export {
  allowedBadSlices,
  sliceBudget,
  sliceBudgetText,
  slicesBetween,
  tallySlices,
  type SliceTally,
} from "./timeslice";
export { windowBounds, windowLengthSeconds, nominalWindowSeconds } from "./window";
export { errorBudgetRatio, computeBudget, burnRate, exhaustsAt, type BudgetResult } from "./budget";
export * from "./alert-settings";
export {
  burnRateAlerts,
  evaluateAlerts,
  type AlertTier,
  type BurnAlertName,
  type BurnRateAlert,
  type EvaluatedBurnRateAlert,
} from "./alerts";
export { burndownSeries, pickStep, type BurndownPoint } from "./burndown";
export * from "./rule-names";
export {
  alertsSkippedReason,
  generateRuleGroups,
  rulesToYaml,
  type AlertingRule,
  type AlertsSkipped,
  type RecordingRule,
  type RuleFile,
  type RuleGroup,
  type SloRuleInput,
} from "./rules";
export { evaluatePolicy, DEFAULT_POLICY, type PolicyThresholds, type PolicyState, type SloBudgetState } from "./policy";
export * from "./format";
export {
  replayAlerts,
  INCREASE_RANGE_MS,
  type FiringInterval,
  type IncreaseSeries,
  type ReplayInput,
} from "./backtest";
export { candidateTiers, currentTiers, type TierCandidate, type TierCandidates } from "./backtest-tiers";
export {
  backtestHeadline,
  summarizeBacktest,
  type AlertEpisode,
  type BacktestIncident,
  type BacktestSummary,
  type SeverityCounts,
} from "./backtest-summary";
