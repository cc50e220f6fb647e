import { roundSignificant } from "@/lib/slo";
import { sloDocSchema } from "@/lib/validation/slo-as-code";
import { sloSpecOf, zodIssues, type Parsed } from "./native";
import { toCounterSelector } from "./promql";
import { isRecord, type Issue, type Path, type YamlDoc } from "./source";

/**
 * Sloth specs → srecp SLOs: the plain `version: "prometheus/v1"` file (snake_case: error_query,
 * page_alert…) and the Kubernetes CRD (`apiVersion: sloth.slok.dev/v1`, `kind: PrometheusServiceLevel`,
 * the same model under `spec` in camelCase: errorQuery, pageAlert…, as in Sloth's k8s examples).
 * - objective is a percentage (99.9 → 0.999); Sloth's window is 30 days (rolling);
 * - sli.events error/total queries become the ratio SLI's bad / total selectors, reduced from
 *   `sum(rate(…[{{.window}}]))` to the selector; sli.raw and sli.plugin cannot be mapped (error);
 * - labels: the spec's labels merged with each SLO's; alerting.name, labels and annotations and the
 *   page/ticket alerts' labels, annotations and disable switches become the alert settings, so the
 *   generated alerts keep the names and labels Alertmanager routes match on; a runbook annotation
 *   (runbook_url or runbook) becomes runbookUrl;
 * - what srecp drops or changes (SLO plugins, Sloth's sloth_* alert labels) is a warning.
 * Sloth specs declare no services: each must be declared in another file or exist on the server.
 */
export const SLOTH_VERSION = "prometheus/v1";
export const SLOTH_CRD_API_VERSION = "sloth.slok.dev/v1";

type Spelling = {
  errorQuery: string;
  totalQuery: string;
  errorRatioQuery: string;
  pageAlert: string;
  ticketAlert: string;
  sloPlugins: string;
};
const SNAKE: Spelling = {
  errorQuery: "error_query",
  totalQuery: "total_query",
  errorRatioQuery: "error_ratio_query",
  pageAlert: "page_alert",
  ticketAlert: "ticket_alert",
  sloPlugins: "slo_plugins",
};
const CAMEL: Spelling = {
  errorQuery: "errorQuery",
  totalQuery: "totalQuery",
  errorRatioQuery: "errorRatioQuery",
  pageAlert: "pageAlert",
  ticketAlert: "ticketAlert",
  sloPlugins: "sloPlugins",
};

type Ctx = { doc: YamlDoc; base: Path; keys: Spelling; other: Spelling; format: string; issues: Issue[] };

const stringMap = (c: Ctx, path: Path): Record<string, string> => {
  const v = c.doc.get(path);
  if (v === undefined || v === null) return {};
  if (!isRecord(v)) return (c.issues.push(c.doc.issue(path, "must be a map of strings")), {});
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) {
    if (typeof x === "string" || typeof x === "number" || typeof x === "boolean") out[k] = String(x);
    else c.issues.push(c.doc.issue([...path, k], "must be a string"));
  }
  return out;
};

/** The key in this format's spelling; the other format's spelling is an error that says which one to use. */
function key(c: Ctx, at: Path, k: keyof Spelling): Path {
  const right = [...at, c.keys[k]];
  const wrong = [...at, c.other[k]];
  if (c.doc.get(right) === undefined && c.doc.get(wrong) !== undefined) {
    c.issues.push(c.doc.issue(wrong, `${c.format} spells this field ${c.keys[k]}`));
  }
  return right;
}

function query(c: Ctx, path: Path): string | undefined {
  const q = c.doc.get(path);
  if (typeof q !== "string") return void c.issues.push(c.doc.issue(path, "a PromQL query is required"));
  const r = toCounterSelector(q);
  if (!r.ok) return void c.issues.push(c.doc.issue(path, r.reason));
  return r.selector;
}

function runbookOf(c: Ctx, at: Path): string | null {
  const alerting = [...at, "alerting"];
  for (const p of [
    [...alerting, "annotations"],
    [...alerting, c.keys.pageAlert, "annotations"],
    [...alerting, c.keys.ticketAlert, "annotations"],
  ]) {
    const a = c.doc.get(p);
    if (isRecord(a)) for (const k of ["runbook_url", "runbook"]) if (typeof a[k] === "string") return a[k] as string;
  }
  return null;
}

function mapSlo(c: Ctx, i: number, service: string, specLabels: Record<string, string>): Parsed | null {
  const { doc, base } = c;
  const at: Path = [...base, "slos", i];
  const before = c.issues.filter((x) => x.severity === "error").length;
  const objective = doc.get([...at, "objective"]);
  if (typeof objective !== "number")
    c.issues.push(doc.issue([...at, "objective"], "objective is a percentage, e.g. 99.9"));
  const sli = doc.get([...at, "sli"]);
  let bad: string | undefined;
  let total: string | undefined;
  if (isRecord(sli) && sli.raw !== undefined)
    c.issues.push(
      doc.issue(
        [...at, "sli", "raw"],
        "raw error-ratio SLIs cannot be mapped: srecp needs error and total event counters (use sli.events)",
      ),
    );
  else if (isRecord(sli) && sli.plugin !== undefined)
    c.issues.push(
      doc.issue(
        [...at, "sli", "plugin"],
        `SLI plugins cannot be mapped: rewrite the SLI as sli.events with ${c.keys.errorQuery} and ${c.keys.totalQuery}`,
      ),
    );
  else if (!isRecord(sli) || !isRecord(sli.events))
    c.issues.push(
      doc.issue([...at, "sli"], `sli.events with ${c.keys.errorQuery} and ${c.keys.totalQuery} is required`),
    );
  else {
    const events: Path = [...at, "sli", "events"];
    const errorsBefore = c.issues.filter((x) => x.severity === "error").length;
    const errorPath = key(c, events, "errorQuery");
    const totalPath = key(c, events, "totalQuery");
    const spelled = c.issues.filter((x) => x.severity === "error").length === errorsBefore;
    if (spelled) {
      bad = query(c, errorPath);
      total = query(c, totalPath);
    }
  }
  if (doc.get([...at, "plugins"]) !== undefined)
    c.issues.push(
      doc.issue([...at, "plugins"], "SLO plugins are not run by srecp; this SLO's plugins are dropped", "warning"),
    );
  const labels = { ...specLabels, ...stringMap(c, [...at, "labels"]) };
  const alerting: Path = [...at, "alerting"];
  const pagePath = key(c, alerting, "pageAlert");
  const ticketPath = key(c, alerting, "ticketAlert");
  const severity = (p: Path) => ({
    enabled: doc.get([...p, "disable"]) !== true,
    labels: stringMap(c, [...p, "labels"]),
    annotations: stringMap(c, [...p, "annotations"]),
  });
  const alertSettings = {
    name: doc.get([...alerting, "name"]) ?? null,
    labels: stringMap(c, [...alerting, "labels"]),
    annotations: stringMap(c, [...alerting, "annotations"]),
    page: severity(pagePath),
    ticket: severity(ticketPath),
  };
  if (
    c.issues.filter((x) => x.severity === "error").length > before ||
    bad === undefined ||
    total === undefined ||
    typeof objective !== "number"
  )
    return null;
  const native = {
    apiVersion: "srecp/v1",
    kind: "SLO",
    metadata: { name: doc.get([...at, "name"]), labels },
    spec: {
      service,
      description: doc.get([...at, "description"]) ?? "",
      objective: roundSignificant(objective / 100),
      window: { kind: "rolling", days: 30 },
      sli: { kind: "ratio", total, bad },
      runbookUrl: runbookOf(c, at),
      alerting: alertSettings.page.enabled || alertSettings.ticket.enabled,
      alertSettings,
    },
  };
  const r = sloDocSchema.safeParse(native);
  if (!r.success) {
    const where: Record<string, Path> = {
      "metadata.name": [...at, "name"],
      "spec.objective": [...at, "objective"],
      "spec.service": [...base, "service"],
      "spec.description": [...at, "description"],
      "spec.runbookUrl": [...alerting, "annotations"],
    };
    for (const issue of zodIssues(doc, r.error)) {
      const p = issue.field.split(".");
      const path =
        where[issue.field] ??
        (issue.field.startsWith("metadata.labels")
          ? [...at, "labels", ...p.slice(2)]
          : issue.field.startsWith("spec.alertSettings.page")
            ? [...pagePath, ...p.slice(3)]
            : issue.field.startsWith("spec.alertSettings.ticket")
              ? [...ticketPath, ...p.slice(3)]
              : issue.field.startsWith("spec.alertSettings")
                ? [...alerting, ...p.slice(2)]
                : at);
      c.issues.push({ ...doc.issue(path, issue.message), field: path.join(".") });
    }
    return null;
  }
  return { kind: "slo", spec: sloSpecOf(r.data), line: doc.line([...at, "name"]) };
}

/** `base` is [] for the plain spec and ["spec"] for the CRD. Issues include warnings for what is dropped or changed. */
export function parseSloth(doc: YamlDoc, base: Path): { items: Parsed[]; issues: Issue[] } {
  const crd = base.length > 0;
  const c: Ctx = {
    doc,
    base,
    keys: crd ? CAMEL : SNAKE,
    other: crd ? SNAKE : CAMEL,
    format: crd ? "Sloth's PrometheusServiceLevel (sloth.slok.dev/v1)" : `A Sloth ${SLOTH_VERSION} spec`,
    issues: [],
  };
  const service = doc.get([...base, "service"]);
  if (typeof service !== "string" || !service)
    return { items: [], issues: [doc.issue([...base, "service"], "service is required")] };
  const slos = doc.get([...base, "slos"]);
  if (!Array.isArray(slos) || !slos.length)
    return { items: [], issues: [doc.issue([...base, "slos"], "slos must be a non-empty list")] };
  const plugins = key(c, base, "sloPlugins");
  if (doc.get(plugins) !== undefined)
    c.issues.push(
      doc.issue(plugins, "SLO plugins are not run by srecp; they are dropped from every SLO of this spec", "warning"),
    );
  const specLabels = stringMap(c, [...base, "labels"]);
  const items = slos.map((_, i) => mapSlo(c, i, service, specLabels)).filter((x): x is Parsed => x !== null);
  if (items.some((x) => x.kind === "slo" && x.spec.alerting)) {
    c.issues.push(
      doc.issue(
        [...base, "service"],
        "srecp's alerts do not carry Sloth's sloth_severity, sloth_service, sloth_slo and sloth_id labels: they carry severity (page or ticket unless your page/ticket labels set it), service, slo, slo_id and tier, and wait 2m/15m/1h/3h (for:) before firing; update Alertmanager routes that match sloth_* labels",
        "warning",
      ),
    );
  }
  return { items, issues: c.issues };
}
