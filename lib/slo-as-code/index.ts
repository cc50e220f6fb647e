// SLOs as code: pure parsing (native srecp/v1, OpenSLO v1, Sloth prometheus/v1 and CRD, Pyrra), plan and export.
// No I/O: the CLI reads the files and talks to the server; this turns text and state into plans and text.
export * from "./model";
export { formatIssue, hasErrors, type Issue } from "./source";
export { type SelectorResult } from "./promql";
export { loadFiles, type SourceFile, type LoadResult } from "./load";
export { makePlan, planCounts, type Plan, type Change, type FieldChange } from "./plan";
export { formatPlan, applyRequests, type ApplyRequest } from "./render";
export { exportFiles, exportStream, type ExportFormat } from "./export";
export { openSloService, openSloSlo } from "./openslo-export";
export { compareDeploy, formatVerifyTable, type VerifySlo, type VerifyRow } from "./verify";
