import { roundSignificant } from "@/lib/slo";
import { sloDocSchema } from "@/lib/validation/slo-as-code";
import { normalSli, normalWindow, type SloSpec } from "./model";
import { zodIssues, type Parsed } from "./native";
import { toCounterSelector } from "./promql";
import { isRecord, type Issue, type Path, type YamlDoc } from "./source";

/**
 * Sloth specs → srecp SLOs: the plain `version: "prometheus/v1"` file and the Kubernetes CRD
 * (`apiVersion: sloth.slok.dev/v1`, `kind: PrometheusServiceLevel`, the same fields under `spec`).
 * - objective is a percentage (99.9 → 0.999); Sloth's window is 30 days (rolling);
 * - sli.events.error_query / total_query become the ratio SLI's bad / total selectors, reduced from
 *   `sum(rate(…[{{.window}}]))` to the selector; sli.raw and sli.plugin cannot be mapped (error);
 * - labels: the spec's labels merged with each SLO's; alerting is off only when both the page and the
 *   ticket alert are disabled; a runbook annotation (runbook_url or runbook) becomes runbookUrl.
 * Sloth specs declare no services: each must be declared in another file or exist on the server.
 */
export const SLOTH_VERSION = "prometheus/v1";
export const SLOTH_CRD_API_VERSION = "sloth.slok.dev/v1";

const stringMap = (doc: YamlDoc, path: Path, issues: Issue[]): Record<string, string> => {
  const v = doc.get(path);
  if (v === undefined || v === null) return {};
  if (!isRecord(v)) return issues.push(doc.issue(path, "must be a map of strings")), {};
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) {
    if (typeof x === "string" || typeof x === "number" || typeof x === "boolean") out[k] = String(x);
    else issues.push(doc.issue([...path, k], "must be a string"));
  }
  return out;
};

function query(doc: YamlDoc, path: Path, issues: Issue[]): string | undefined {
  const q = doc.get(path);
  if (typeof q !== "string") return void issues.push(doc.issue(path, "a PromQL query is required"));
  const r = toCounterSelector(q);
  if (!r.ok) return void issues.push(doc.issue(path, r.reason));
  return r.selector;
}

function runbookOf(doc: YamlDoc, at: Path): string | null {
  for (const p of [[...at, "alerting", "annotations"], [...at, "alerting", "page_alert", "annotations"]]) {
    const a = doc.get(p);
    if (isRecord(a)) for (const k of ["runbook_url", "runbook"]) if (typeof a[k] === "string") return a[k] as string;
  }
  return null;
}

function mapSlo(doc: YamlDoc, base: Path, i: number, service: string, specLabels: Record<string, string>, issues: Issue[]): Parsed | null {
  const at: Path = [...base, "slos", i];
  const before = issues.length;
  const objective = doc.get([...at, "objective"]);
  if (typeof objective !== "number") issues.push(doc.issue([...at, "objective"], "objective is a percentage, e.g. 99.9"));
  const sli = doc.get([...at, "sli"]);
  if (isRecord(sli) && sli.raw !== undefined) issues.push(doc.issue([...at, "sli", "raw"], "raw error-ratio SLIs cannot be mapped: srecp needs error and total event counters (use sli.events)"));
  else if (isRecord(sli) && sli.plugin !== undefined) issues.push(doc.issue([...at, "sli", "plugin"], "SLI plugins cannot be mapped: rewrite the SLI as sli.events with error_query and total_query"));
  else if (!isRecord(sli) || !isRecord(sli.events)) issues.push(doc.issue([...at, "sli"], "sli.events with error_query and total_query is required"));
  const bad = isRecord(sli) && isRecord(sli.events) ? query(doc, [...at, "sli", "events", "error_query"], issues) : undefined;
  const total = isRecord(sli) && isRecord(sli.events) ? query(doc, [...at, "sli", "events", "total_query"], issues) : undefined;
  const labels = { ...specLabels, ...stringMap(doc, [...at, "labels"], issues) };
  if (issues.length > before || bad === undefined || total === undefined || typeof objective !== "number") return null;
  const pageOff = doc.get([...at, "alerting", "page_alert", "disable"]) === true;
  const ticketOff = doc.get([...at, "alerting", "ticket_alert", "disable"]) === true;
  const native = {
    apiVersion: "srecp/v1",
    kind: "SLO",
    metadata: { name: doc.get([...at, "name"]), labels },
    spec: {
      service, description: doc.get([...at, "description"]) ?? "", objective: roundSignificant(objective / 100),
      window: { kind: "rolling", days: 30 }, sli: { kind: "ratio", total, bad }, runbookUrl: runbookOf(doc, at), alerting: !(pageOff && ticketOff),
    },
  };
  const r = sloDocSchema.safeParse(native);
  if (!r.success) {
    const where: Record<string, Path> = { "metadata.name": [...at, "name"], "spec.objective": [...at, "objective"], "spec.service": [...base, "service"], "spec.description": [...at, "description"], "spec.runbookUrl": [...at, "alerting", "annotations"] };
    for (const issue of zodIssues(doc, r.error)) {
      const path = where[issue.field] ?? (issue.field.startsWith("metadata.labels") ? [...at, "labels", ...issue.field.split(".").slice(2)] : at);
      issues.push({ ...doc.issue(path, issue.message), field: path.join(".") });
    }
    return null;
  }
  const { metadata: m, spec: s } = r.data;
  const spec: SloSpec = { service: s.service, name: m.name, description: s.description, objective: s.objective, window: normalWindow(s.window), sli: normalSli(s.sli), runbookUrl: s.runbookUrl, alerting: s.alerting, labels: m.labels };
  return { kind: "slo", spec, line: doc.line([...at, "name"]) };
}

/** `base` is [] for the plain spec and ["spec"] for the CRD. */
export function parseSloth(doc: YamlDoc, base: Path): { items: Parsed[]; issues: Issue[] } {
  const issues: Issue[] = [];
  const service = doc.get([...base, "service"]);
  if (typeof service !== "string" || !service) return { items: [], issues: [doc.issue([...base, "service"], "service is required")] };
  const slos = doc.get([...base, "slos"]);
  if (!Array.isArray(slos) || !slos.length) return { items: [], issues: [doc.issue([...base, "slos"], "slos must be a non-empty list")] };
  const specLabels = stringMap(doc, [...base, "labels"], issues);
  const items = slos.map((_, i) => mapSlo(doc, base, i, service, specLabels, issues)).filter((x): x is Parsed => x !== null);
  return { items, issues };
}
