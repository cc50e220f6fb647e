// Public API of the postmortem domain: pure functions over plain data (epoch-ms instants, IANA zones).
export { type Result } from "./result";
export * from "./severity";
export * from "./incident-status";
export * from "./instants";
export * from "./business-days";
export * from "./due-dates";
export * from "./action-items";
export * from "./review";
export * from "./version";
export * from "./impact";
export {
  postmortemToMarkdown,
  formatDurationMs,
  formatCount,
  formatPercent,
  type PostmortemDoc,
  type ImpactRow,
  type TimelineEntry,
  type MarkdownOptions,
} from "./markdown";
export { escapeInline, escapeTableCell } from "./markdown-escape";
export * from "./budget-trigger";
