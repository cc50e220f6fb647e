// SLOs as code: pure parsing (native srecp/v1, OpenSLO v1, Sloth prometheus/v1 and CRD, Pyrra), plan and export.
// No I/O: the CLI reads the files and talks to the server; this turns text and state into plans and text.
export * from "./model";
export { parseYamlFile, formatIssue, hasErrors, YamlDoc, type Issue } from "./source";
export { toCounterSelector, ratioOrLatency, parseMatchers, splitSelector, isSelector, type SelectorResult } from "./promql";
export { loadFiles, type SourceFile, type LoadResult } from "./load";
export { makePlan, planCounts, type Plan, type Change, type FieldChange } from "./plan";
export { formatPlan, applyRequests, type ApplyRequest } from "./render";
export { exportFiles, exportStream, type ExportFormat } from "./export";
export { serviceDoc, sloDoc, policyDoc } from "./native";
export { openSloService, openSloSlo } from "./openslo-export";
export { ANNOTATIONS, OPENSLO_API_VERSION } from "./openslo-import";
export { SLOTH_VERSION, SLOTH_CRD_API_VERSION } from "./sloth";
export { PYRRA_API_VERSION } from "./pyrra";
export { compareDeploy, formatVerifyTable, type VerifySlo, type VerifyRow } from "./verify";
