import { burnRateAlerts, RESERVED_ALERT_LABELS, roundSignificant } from "@/lib/slo";
import { sloDocSchema } from "@/lib/validation/slo-as-code";
import { sloSpecOf, zodIssues, type Parsed } from "./native";
import { ratioOrLatency, toCounterSelector } from "./promql";
import { isRecord, type Issue, type Path, type YamlDoc } from "./source";

/**
 * Pyrra `pyrra.dev/v1alpha1` `ServiceLevelObjective` → srecp SLO, a migration path (field names from
 * Pyrra's CRD types and examples):
 * - target is a percentage string ("99.5"); window 7d, 28d/4w or 30d (other lengths are errors);
 * - indicator.ratio errors/total → ratio SLI (bad/total); indicator.latency success (`_bucket{le=…}`) and
 *   total (`_count`) → latency SLI, or a good/total ratio when the two selectors differ otherwise;
 *   indicator.bool_gauge (a 0/1 gauge such as probe_success) → boolGauge SLI, good = sum_over_time and
 *   total = count_over_time of its samples, as Pyrra computes it; latencyNative cannot be mapped (srecp
 *   reads classic histograms);
 * - Pyrra has no services: the `pyrra.dev/service` label names it (as Pyrra copies it onto the alerts as
 *   `service`), else `--service`;
 * - `pyrra.dev/*` labels and annotations are what Pyrra copies onto its alerts: they become the alert
 *   settings (and the labels the SLO's labels); alerting.name (default ErrorBudgetBurn) and the
 *   severities (critical for the fast tiers, warning for the slow ones) are kept, so routes still match;
 *   `pyrra.dev/runbook_url` becomes runbookUrl;
 * - what is dropped or changed (the absent alert, Pyrra's tier factors, grouping, Thanos/performance
 *   options, Kubernetes labels) is a warning.
 */
export const PYRRA_API_VERSION = "pyrra.dev/v1alpha1";
const PREFIX = "pyrra.dev/";

const prefixed = (m: unknown): Record<string, string> =>
  isRecord(m)
    ? Object.fromEntries(
        Object.entries(m)
          .filter(([k, v]) => k.startsWith(PREFIX) && typeof v === "string")
          .map(([k, v]) => [k.slice(PREFIX.length), v as string]),
      )
    : {};

function selector(doc: YamlDoc, path: Path, issues: Issue[]): string | undefined {
  const q = doc.get(path);
  if (typeof q !== "string") return void issues.push(doc.issue(path, "a metric selector is required"));
  const r = toCounterSelector(q);
  if (!r.ok || r.selector.trim() !== q.trim())
    return void issues.push(
      doc.issue(path, r.ok ? 'Pyrra metrics are plain selectors such as http_requests_total{job="x"}' : r.reason),
    );
  return r.selector;
}

function indicatorOf(doc: YamlDoc, issues: Issue[]) {
  const at: Path = ["spec", "indicator"];
  const ind = doc.get(at);
  const kinds = isRecord(ind) ? Object.keys(ind).filter((k) => ind[k] !== undefined && ind[k] !== null) : [];
  if (kinds.length !== 1)
    return void issues.push(doc.issue(at, "set exactly one of ratio, latency, latencyNative or bool_gauge"));
  const kind = kinds[0]!;
  const grouping = doc.get([...at, kind, "grouping"]);
  if (Array.isArray(grouping) && grouping.length) {
    issues.push(
      doc.issue(
        [...at, kind, "grouping"],
        `grouping by ${grouping.join(", ")} is dropped: srecp computes one SLO over all matching series`,
        "warning",
      ),
    );
  }
  if (kind === "ratio") {
    const bad = selector(doc, [...at, "ratio", "errors", "metric"], issues);
    const total = selector(doc, [...at, "ratio", "total", "metric"], issues);
    return bad && total ? ratioOrLatency({ bad, total }) : undefined;
  }
  if (kind === "latency") {
    const good = selector(doc, [...at, "latency", "success", "metric"], issues);
    const total = selector(doc, [...at, "latency", "total", "metric"], issues);
    return good && total ? ratioOrLatency({ good, total }) : undefined;
  }
  if (kind === "latencyNative")
    return void issues.push(
      doc.issue(
        [...at, kind],
        "native-histogram latency SLIs cannot be mapped: srecp reads classic _bucket and _count series (use indicator.latency)",
      ),
    );
  if (kind === "bool_gauge") {
    // Pyrra's queries: errors = count_over_time − sum_over_time over total = count_over_time; srecp's boolGauge SLI is the same.
    const metric = selector(doc, [...at, "bool_gauge", "metric"], issues);
    return metric ? ({ kind: "boolGauge", metric } as const) : undefined;
  }
  return void issues.push(
    doc.issue([...at, kind], `unknown indicator ${kind}: expected ratio, latency, latencyNative or bool_gauge`),
  );
}

function windowOf(doc: YamlDoc, issues: Issue[]): number | undefined {
  const w = doc.get(["spec", "window"]);
  const m = typeof w === "string" ? /^(\d+)([dw])$/.exec(w) : null;
  const days = m ? Number(m[1]) * (m[2] === "w" ? 7 : 1) : NaN;
  if ([7, 28, 30].includes(days)) return days;
  return void issues.push(
    doc.issue(
      ["spec", "window"],
      `srecp windows are 7, 28 or 30 days (7d, 4w, 28d, 30d); got ${JSON.stringify(w ?? null)}`,
    ),
  );
}

function alertSettingsOf(
  doc: YamlDoc,
  labels: Record<string, string>,
  annotations: Record<string, string>,
  issues: Issue[],
) {
  const at: Path = ["spec", "alerting"];
  const enabled = doc.get([...at, "disabled"]) !== true && doc.get([...at, "burnrates"]) !== false;
  const sev = (k: string, fallback: string) => {
    const v = doc.get([...at, "severities", k]);
    return typeof v === "string" && v ? v : fallback;
  };
  const page = sev("fastBurn", "critical");
  const ticket = sev("slowBurn", "warning");
  if (enabled) {
    // Pyrra's four severities fold into srecp's two: the slower tier of each pair takes the faster one's.
    const pairs = [
      { slower: "mediumBurn", fallback: "critical", tier: "page", kept: page, from: "fastBurn" },
      { slower: "longTermBurn", fallback: "warning", tier: "ticket", kept: ticket, from: "slowBurn" },
    ];
    for (const p of pairs)
      if (sev(p.slower, p.fallback) !== p.kept)
        issues.push(
          doc.issue(
            [...at, "severities", p.slower],
            `srecp's two ${p.tier} tiers share one severity: ${p.tier}-slow gets "${p.kept}" (${p.from})`,
            "warning",
          ),
        );
    const tiers = burnRateAlerts(28 * 86_400)
      .map((a) => `${a.name} ${a.longWindow}/${a.shortWindow}`)
      .join(", ");
    issues.push(
      doc.issue(
        ["spec", "window"],
        `Pyrra's burn-rate alerts are replaced by srecp's tiers (${tiers}; factors follow the window); their exhaustion, long and short labels become tier, long_window and short_window`,
        "warning",
      ),
    );
  }
  if (doc.get([...at, "absent"]) !== false && doc.get([...at, "disabled"]) !== true)
    issues.push(doc.issue(at, "the absent-metric alert (SLOMetricAbsent) is not generated by srecp", "warning"));
  const name = doc.get([...at, "name"]);
  return {
    alerting: enabled,
    settings: {
      name: typeof name === "string" && name ? name : "ErrorBudgetBurn",
      labels,
      annotations,
      page: { enabled, labels: { severity: page }, annotations: {} },
      ticket: { enabled, labels: { severity: ticket }, annotations: {} },
    },
  };
}

export function parsePyrra(doc: YamlDoc, opts: { defaultService?: string }): { items: Parsed[]; issues: Issue[] } {
  if (doc.get(["kind"]) !== "ServiceLevelObjective")
    return {
      items: [],
      issues: [doc.issue(["kind"], `only kind ServiceLevelObjective of ${PYRRA_API_VERSION} can be imported`)],
    };
  const issues: Issue[] = [];
  const { service: serviceLabel, ...labels } = prefixed(doc.get(["metadata", "labels"]));
  const { runbook_url: runbook, runbook: runbookAlt, ...annotations } = prefixed(doc.get(["metadata", "annotations"]));
  const service = serviceLabel ?? opts.defaultService;
  if (!service)
    issues.push(
      doc.issue(
        ["metadata"],
        `Pyrra SLOs name no service: add the label "${PREFIX}service: <service slug>" or pass --service`,
      ),
    );
  const foreign = Object.keys(
    isRecord(doc.get(["metadata", "labels"])) ? (doc.get(["metadata", "labels"]) as object) : {},
  ).filter((k) => !k.startsWith(PREFIX));
  if (foreign.length)
    issues.push(
      doc.issue(
        ["metadata", "labels"],
        `Kubernetes labels ${foreign.join(", ")} are not imported (only ${PREFIX} labels go onto alerts, as in Pyrra)`,
        "warning",
      ),
    );
  for (const k of ["partial_response_strategy", "performanceOverAccuracy", "ruleOutput"])
    if (doc.get(["spec", k]) !== undefined)
      issues.push(doc.issue(["spec", k], `${k} has no srecp equivalent and is dropped`, "warning"));
  const target = doc.get(["spec", "target"]);
  const percent =
    typeof target === "number" ? target : typeof target === "string" && target.trim() !== "" ? Number(target) : NaN;
  if (!Number.isFinite(percent)) issues.push(doc.issue(["spec", "target"], 'target is a percentage, e.g. "99.5"'));
  else if (percent > 0 && percent < 1)
    issues.push(
      doc.issue(
        ["spec", "target"],
        `target is read as a percentage: ${target} means ${percent} %, not ${percent * 100} %`,
        "warning",
      ),
    );
  const sli = indicatorOf(doc, issues);
  const days = windowOf(doc, issues);
  const reserved = Object.keys(labels).filter((k) => (RESERVED_ALERT_LABELS as readonly string[]).includes(k));
  for (const k of reserved)
    issues.push(
      doc.issue(
        ["metadata", "labels", `${PREFIX}${k}`],
        `kept as an SLO label but not put on the alerts: srecp sets ${k} on every alert itself`,
        "warning",
      ),
    );
  const alertLabels = Object.fromEntries(Object.entries(labels).filter(([k]) => !reserved.includes(k)));
  const alerts = alertSettingsOf(doc, alertLabels, annotations, issues);
  if (issues.some((i) => i.severity === "error") || !sli || days === undefined || !service)
    return { items: [], issues };
  const native = {
    apiVersion: "srecp/v1",
    kind: "SLO",
    metadata: { name: doc.get(["metadata", "name"]), labels },
    spec: {
      service,
      description: doc.get(["spec", "description"]) ?? "",
      objective: roundSignificant(percent / 100),
      window: { kind: "rolling", days },
      sli,
      runbookUrl: runbook ?? runbookAlt ?? null,
      alerting: alerts.alerting,
      alertSettings: alerts.settings,
    },
  };
  const r = sloDocSchema.safeParse(native);
  if (!r.success) {
    const where = (f: string): Path =>
      f === "spec.objective"
        ? ["spec", "target"]
        : f === "spec.service"
          ? ["metadata", "labels", `${PREFIX}service`]
          : f === "spec.runbookUrl"
            ? ["metadata", "annotations", `${PREFIX}runbook_url`]
            : f.startsWith("metadata.labels.") || f.startsWith("spec.alertSettings.labels.")
              ? ["metadata", "labels", `${PREFIX}${f.split(".").at(-1)}`]
              : f.startsWith("spec.alertSettings.annotations.")
                ? ["metadata", "annotations", `${PREFIX}${f.split(".").at(-1)}`]
                : f.startsWith("spec.alertSettings")
                  ? ["spec", "alerting"]
                  : f.startsWith("spec.sli")
                    ? ["spec", "indicator"]
                    : f.split(".");
    // A pyrra.dev/ label is both an SLO label and an alert label: report it once.
    const seen = new Set<string>();
    for (const i of zodIssues(doc, r.error)) {
      const p = where(i.field);
      if (!seen.has(`${p.join(".")}: ${i.message}`)) issues.push({ ...doc.issue(p, i.message), field: p.join(".") });
      seen.add(`${p.join(".")}: ${i.message}`);
    }
    return { items: [], issues };
  }
  return { items: [{ kind: "slo", spec: sloSpecOf(r.data), line: doc.line(["metadata", "name"]) }], issues };
}
