// Public API of the pure on-call domain (no I/O; instants are epoch ms; zones are IANA names).
export * from "./types";
export { assertZone, parseWallClock, resolveLocal, resolveLocalMs } from "./local-time";
export { turnClock, type TurnClock } from "./rotation";
export { restrictionIntervals } from "./restrictions";
export { layerShifts } from "./layer-shifts";
export { applyOverride, orderOverrides } from "./overrides";
export { finalTimeline, onCallAt, gaps, userShifts, type TimelineInput } from "./timeline";
export { startPositionForEdit, startPositionAcrossClocks, editParticipants } from "./edits";
export {
  escalationPlan,
  stepDueAt,
  nextEscalation,
  type EscalationPolicy,
  type EscalationStep,
  type EscalationTarget,
  type EscalationEntry,
  type NextEscalation,
} from "./escalation";
export {
  rotationHealth,
  inLocalWindow,
  DEFAULT_HEALTH_THRESHOLDS,
  type HealthInput,
  type HealthThresholds,
  type HealthWarning,
  type Page,
  type HandoffNote,
} from "./health";
export {
  toICalendar,
  toICalendarMulti,
  feedSegments,
  FEED_PAST_MS,
  escapeText,
  foldLine,
  type ICalInput,
  type ICalPart,
} from "./ical";
export {
  MATCHER_OPS,
  matcherRegex,
  matches,
  routeAlert,
  routingLabels,
  type MatcherOp,
  type LabelMatcher,
  type AlertRoute,
} from "./alert-routing";
export { mergeAlertStates, groupResolved, groupTitle, type AlertState, type GroupAlert } from "./alert-group";
export {
  pageAlerts,
  type PageAlert,
  type PageAlertLinks,
  type PageAlertsInput,
  type PayloadAlert,
} from "./page-alerts";
