import { DateTime } from "luxon";
import { roundSignificant, type SloWindow } from "@/lib/slo";
import { serviceDocSchema, sloDocSchema } from "@/lib/validation/slo-as-code";
import { serviceSpecOf, sloSpecOf, zodIssues, type Parsed } from "./native";
import { alertingOf } from "./openslo-alerts";
import { indicatorOf, sliOf, type Located } from "./openslo-sli";
import { isRecord, type Issue, type Path, type YamlDoc } from "./source";

/**
 * OpenSLO v1 → srecp. Maps kinds Service and SLO (with its SLI inline or by indicatorRef, and
 * alertPolicies inline or by alertPolicyRef); SLI, AlertPolicy, AlertCondition, AlertNotificationTarget
 * and DataSource documents are accepted as reference targets. Whatever srecp cannot represent is an
 * error naming file, line and field: RatioTimeslices budgeting, slices other than 1m/5m, thresholdMetric and raw ratios, gauges,
 * several objectives, windows other than 7/28/30 days or one calendar month/week, queries that are not
 * one counter selector. What is read but not kept (alert policies replaced by srecp's burn-rate tiers,
 * notification targets, display names of objectives, foreign annotations) is a warning. Timeslices budgeting
 * maps to a timeslice SLI: timeSliceTarget is its per-slice threshold, timeSliceWindow its slice length. A file may hold
 * the documents separated by `---` or as one YAML list (source.ts).
 */
export const OPENSLO_API_VERSION = "openslo/v1";
export const OPENSLO_KINDS = [
  "Service",
  "SLO",
  "SLI",
  "AlertPolicy",
  "AlertCondition",
  "AlertNotificationTarget",
  "DataSource",
] as const;

/** Annotations carrying srecp fields OpenSLO has no place for. */
export const ANNOTATIONS = {
  team: "srecp.dev/team",
  tier: "srecp.dev/tier",
  runbook: "srecp.dev/runbook-url",
  repo: "srecp.dev/repo-url",
  dashboard: "srecp.dev/dashboard-url",
  dataSource: "srecp.dev/data-source",
  /** JSON of the SLO's alert settings (name, labels, annotations, page/ticket), written only when not the defaults. */
  alertSettings: "srecp.dev/alert-settings",
} as const;

export type OpenSloIndex = { slis: Map<string, YamlDoc>; alertPolicies: Map<string, YamlDoc> };
/** defaultTeam: owner of OpenSLO services without a team annotation; defaultService: service of Pyrra SLOs without one. */
export type OpenSloOptions = { defaultTeam?: string; defaultService?: string };

const annotation = (doc: YamlDoc, key: string): unknown => doc.get(["metadata", "annotations", key]);
const annPath = (key: string): Path => ["metadata", "annotations", key];

/** Maps issues on the native shape back to where the value came from in the OpenSLO document. */
function remap(doc: YamlDoc, issues: Issue[], where: (nativePath: string[]) => { doc: YamlDoc; path: Path }): Issue[] {
  return issues.map((i) => {
    const target = where(i.field.split("."));
    return { ...target.doc.issue(target.path, i.message), field: target.path.join(".") };
  });
}

export function parseOpenSloService(doc: YamlDoc, opts: OpenSloOptions): { items: Parsed[]; issues: Issue[] } {
  const team = annotation(doc, ANNOTATIONS.team) ?? opts.defaultTeam;
  if (team === undefined) {
    return {
      items: [],
      issues: [
        doc.issue(
          ["metadata", "annotations"],
          `the owning team is missing: add the annotation "${ANNOTATIONS.team}: <team slug>" (or pass --team)`,
        ),
      ],
    };
  }
  const tierRaw = annotation(doc, ANNOTATIONS.tier);
  const native = {
    apiVersion: "srecp/v1",
    kind: "Service",
    metadata: {
      name: doc.get(["metadata", "name"]),
      ...(doc.get(["metadata", "displayName"]) !== undefined
        ? { displayName: doc.get(["metadata", "displayName"]) }
        : {}),
    },
    spec: {
      team,
      ...(tierRaw !== undefined
        ? { tier: typeof tierRaw === "string" && /^\d+$/.test(tierRaw) ? Number(tierRaw) : tierRaw }
        : {}),
      description: doc.get(["spec", "description"]) ?? "",
      links: {
        runbook: annotation(doc, ANNOTATIONS.runbook) ?? null,
        repo: annotation(doc, ANNOTATIONS.repo) ?? null,
        dashboard: annotation(doc, ANNOTATIONS.dashboard) ?? null,
      },
      dataSource: annotation(doc, ANNOTATIONS.dataSource) ?? null,
    },
  };
  const r = serviceDocSchema.safeParse(native);
  if (!r.success) {
    const where = (p: string[]) => {
      const f = p.join(".");
      const ann =
        f === "spec.team"
          ? ANNOTATIONS.team
          : f === "spec.tier"
            ? ANNOTATIONS.tier
            : f === "spec.dataSource"
              ? ANNOTATIONS.dataSource
              : f.startsWith("spec.links.")
                ? ANNOTATIONS[p[2] as "runbook" | "repo" | "dashboard"]
                : null;
      return { doc, path: ann ? annPath(ann) : p };
    };
    return { items: [], issues: remap(doc, zodIssues(doc, r.error), where) };
  }

  return {
    items: [{ kind: "service", spec: serviceSpecOf(r.data), line: doc.line(["metadata", "name"]) }],
    issues: [],
  };
}

const DURATION = /^(\d+)([mhdwMQY])$/;
const CALENDAR_START = "yyyy-MM-dd HH:mm:ss";

function windowOf(doc: YamlDoc, issues: Issue[]): SloWindow | undefined {
  const tw = doc.get(["spec", "timeWindow"]);
  if (tw === undefined) return { kind: "rolling", days: 30 };
  const at: Path = ["spec", "timeWindow", 0];
  if (!Array.isArray(tw) || tw.length !== 1 || !isRecord(tw[0]))
    return void issues.push(doc.issue(["spec", "timeWindow"], "timeWindow must be a list with exactly one item"));
  const w = tw[0];
  const d = typeof w.duration === "string" ? DURATION.exec(w.duration) : null;
  if (!d) return void issues.push(doc.issue([...at, "duration"], "duration must be a shorthand like 30d, 4w or 1M"));
  const n = Number(d[1]);
  const unit = d[2]!;
  const calendar = w.calendar;
  const rolling = w.isRolling === undefined ? calendar === undefined : w.isRolling === true;
  if (rolling) {
    const days = unit === "d" ? n : unit === "w" ? n * 7 : NaN;
    if (![7, 28, 30].includes(days))
      return void issues.push(
        doc.issue(
          [...at, "duration"],
          `rolling windows must be 7, 28 or 30 days (7d, 4w, 28d, 30d); got ${w.duration}`,
        ),
      );
    return { kind: "rolling", days };
  }
  const kind =
    n === 1 && unit === "M" ? "month" : (n === 1 && unit === "w") || (n === 7 && unit === "d") ? "week" : null;
  if (!kind)
    return void issues.push(
      doc.issue([...at, "duration"], `calendar windows must be one month (1M) or one week (1w); got ${w.duration}`),
    );
  const cal = isRecord(calendar) ? calendar : {};
  const timezone = typeof cal.timeZone === "string" ? cal.timeZone : "UTC";
  if (!DateTime.now().setZone(timezone).isValid)
    return void issues.push(doc.issue([...at, "calendar", "timeZone"], `unknown IANA time zone "${timezone}"`));
  if (cal.startTime !== undefined) {
    const start = DateTime.fromFormat(String(cal.startTime), CALENDAR_START, { zone: timezone });
    if (!start.isValid)
      return void issues.push(
        doc.issue([...at, "calendar", "startTime"], `startTime must look like 2024-01-01 00:00:00`),
      );
    if (!start.equals(start.startOf(kind === "month" ? "month" : "week"))) {
      return void issues.push(
        doc.issue(
          [...at, "calendar", "startTime"],
          `srecp aligns calendar windows to ${kind === "month" ? "the 1st of the month" : "Monday"} 00:00 in the time zone; startTime must be such an instant`,
        ),
      );
    }
  }
  return { kind: "calendar", unit: kind, timezone };
}

/** A timeslice SLI's slice rule from the objective (OpenSLO Timeslices): timeSliceTarget and timeSliceWindow. */
type Slices = { sliceMinutes: 1 | 5; threshold: number };

/** timeSliceWindow: minutes as a number, or a duration shorthand; srecp slices are 1 or 5 minutes. */
function sliceMinutesOf(doc: YamlDoc, at: Path, raw: unknown, issues: Issue[]): 1 | 5 | undefined {
  const d = typeof raw === "string" ? /^(\d+)m$/.exec(raw) : null;
  const minutes = typeof raw === "number" ? raw : d ? Number(d[1]) : NaN;
  if (minutes === 1 || minutes === 5) return minutes;
  return void issues.push(
    doc.issue(
      [...at, "timeSliceWindow"],
      `timeSliceWindow must be 1m or 5m (srecp slices are 1 or 5 minutes, divisors of its 5 m records); got ${JSON.stringify(raw ?? null)}`,
    ),
  );
}

function slicesOf(doc: YamlDoc, o: Record<string, unknown>, at: Path, issues: Issue[]): Slices | undefined {
  const sliceMinutes = sliceMinutesOf(doc, at, o.timeSliceWindow, issues);
  const t = o.timeSliceTarget;
  if (typeof t !== "number" || !(t > 0 && t <= 1))
    return void issues.push(
      doc.issue(
        [...at, "timeSliceTarget"],
        "timeSliceTarget is required for Timeslices: the share of a slice's events that must be good, greater than 0 and at most 1",
      ),
    );
  return sliceMinutes === undefined ? undefined : { sliceMinutes, threshold: t };
}

function objectiveOf(doc: YamlDoc, issues: Issue[]): { objective: number; slices: Slices | null } | undefined {
  const method = doc.get(["spec", "budgetingMethod"]);
  if (method !== undefined && method !== "Occurrences" && method !== "Timeslices") {
    return void issues.push(
      doc.issue(
        ["spec", "budgetingMethod"],
        `only budgetingMethod Occurrences or Timeslices can be mapped (got ${JSON.stringify(method)}; RatioTimeslices averages per-slice ratios, which srecp does not)`,
      ),
    );
  }
  const objectives = doc.get(["spec", "objectives"]);
  if (!Array.isArray(objectives) || objectives.length !== 1 || !isRecord(objectives[0])) {
    return void issues.push(
      doc.issue(
        ["spec", "objectives"],
        "exactly one objective is required (srecp SLOs have one target; split others into separate SLOs)",
      ),
    );
  }
  const o = objectives[0];
  const at: Path = ["spec", "objectives", 0];
  const timeslices = method === "Timeslices";
  for (const k of [
    "op",
    "value",
    ...(timeslices ? [] : ["timeSliceTarget", "timeSliceWindow"]),
    "indicator",
    "indicatorRef",
    "compositeWeight",
  ]) {
    if (o[k] !== undefined) {
      const why = k.startsWith("timeSlice")
        ? " (time-slice fields need budgetingMethod: Timeslices)"
        : " (threshold and composite objectives are not supported)";
      return void issues.push(doc.issue([...at, k], `${k} cannot be mapped${why}`));
    }
  }
  const slices = timeslices ? slicesOf(doc, o, at, issues) : null;
  if (slices === undefined) return undefined;
  if ((o.target === undefined) === (o.targetPercent === undefined))
    return void issues.push(doc.issue(at, "set exactly one of target or targetPercent"));
  if (o.target !== undefined)
    return typeof o.target === "number"
      ? { objective: o.target, slices }
      : void issues.push(doc.issue([...at, "target"], "must be a number"));
  return typeof o.targetPercent === "number"
    ? { objective: roundSignificant(o.targetPercent / 100), slices }
    : void issues.push(doc.issue([...at, "targetPercent"], "must be a number"));
}

/** SLO fields OpenSLO has that srecp does not keep: each one present is a warning. */
function droppedFields(doc: YamlDoc, indicator: Located | Issue, issues: Issue[]) {
  const warn = (d: YamlDoc, path: Path, what: string) =>
    issues.push(d.issue(path, `${what} is not kept by srecp (dropped)`, "warning"));
  const o: Path = ["spec", "objectives", 0];
  for (const k of ["displayName", "name"])
    if (doc.get([...o, k]) !== undefined) warn(doc, [...o, k], `the objective's ${k}`);
  const ann = doc.get(["metadata", "annotations"]);
  if (isRecord(ann))
    for (const k of Object.keys(ann))
      if (!k.startsWith("srecp.dev/")) warn(doc, ["metadata", "annotations", k], `annotation ${k}`);
  if ("doc" in indicator) {
    const meta: Path = indicator.doc === doc ? ["spec", "indicator", "metadata"] : ["metadata"];
    if (indicator.doc.get([...meta, "displayName"]) !== undefined)
      warn(indicator.doc, [...meta, "displayName"], "the SLI's displayName");
    if (indicator.doc.get([...indicator.path, "description"]) !== undefined)
      warn(indicator.doc, [...indicator.path, "description"], "the SLI's description");
  }
}

/** The SLI's own name: the inline indicator's metadata.name or the referenced SLI; "" when it is the SLO's name. */
function sliNameOf(doc: YamlDoc): unknown {
  const name =
    doc.get(["spec", "indicator"]) !== undefined
      ? doc.get(["spec", "indicator", "metadata", "name"])
      : doc.get(["spec", "indicatorRef"]);
  return name === doc.get(["metadata", "name"]) ? "" : (name ?? "");
}

function alertSettingsOf(doc: YamlDoc, issues: Issue[]): unknown {
  const raw = annotation(doc, ANNOTATIONS.alertSettings);
  if (raw === undefined) return undefined;
  try {
    return JSON.parse(String(raw));
  } catch {
    issues.push(doc.issue(annPath(ANNOTATIONS.alertSettings), "must be the JSON srecp export writes"));
    return undefined;
  }
}

export function parseOpenSloSlo(doc: YamlDoc, index: OpenSloIndex): { items: Parsed[]; issues: Issue[] } {
  const issues: Issue[] = [];
  const indicator = indicatorOf(doc, index.slis);
  const sli = "doc" in indicator ? sliOf(indicator, issues) : void issues.push(indicator);
  const window = windowOf(doc, issues);
  const goal = objectiveOf(doc, issues);
  const objective = goal?.objective;
  const alerting = alertingOf(doc, index.alertPolicies, window, issues);
  const alertSettings = alertSettingsOf(doc, issues);
  droppedFields(doc, indicator, issues);
  const labels = doc.get(["metadata", "labels"]) ?? {};
  if (isRecord(labels)) {
    for (const [k, v] of Object.entries(labels))
      if (typeof v !== "string")
        issues.push(
          doc.issue(
            ["metadata", "labels", k],
            "label values must be strings (lists cannot be mapped to Prometheus labels)",
          ),
        );
  }
  if (issues.some((i) => i.severity === "error") || !sli || !window || !goal || objective === undefined)
    return { items: [], issues };
  const displayName = doc.get(["metadata", "displayName"]);
  const native = {
    apiVersion: "srecp/v1",
    kind: "SLO",
    metadata: { name: doc.get(["metadata", "name"]), ...(displayName !== undefined ? { displayName } : {}), labels },
    spec: {
      service: doc.get(["spec", "service"]),
      description: doc.get(["spec", "description"]) ?? "",
      objective,
      window,
      sli: goal.slices ? { kind: "timeslice", ...goal.slices, of: sli } : sli,
      sliName: sliNameOf(doc),
      runbookUrl: annotation(doc, ANNOTATIONS.runbook) ?? null,
      alerting,
      ...(alertSettings !== undefined ? { alertSettings } : {}),
    },
  };
  const r = sloDocSchema.safeParse(native);
  if (!r.success) {
    const where = (p: string[]): Located => {
      const f = p.join(".");
      if (f === "spec.objective") return { doc, path: ["spec", "objectives", 0] };
      if (f === "spec.sli.threshold") return { doc, path: ["spec", "objectives", 0, "timeSliceTarget"] };
      if (f === "spec.sli.sliceMinutes") return { doc, path: ["spec", "objectives", 0, "timeSliceWindow"] };
      if (f.startsWith("spec.window")) return { doc, path: ["spec", "timeWindow", 0] };
      if (f === "spec.runbookUrl") return { doc, path: annPath(ANNOTATIONS.runbook) };
      if (f.startsWith("spec.alertSettings")) return { doc, path: annPath(ANNOTATIONS.alertSettings) };
      if (f === "spec.sliName")
        return doc.get(["spec", "indicator"]) !== undefined
          ? { doc, path: ["spec", "indicator", "metadata", "name"] }
          : { doc, path: ["spec", "indicatorRef"] };
      if (f.startsWith("spec.sli") && "doc" in indicator)
        return { doc: indicator.doc, path: [...indicator.path, "ratioMetric"] };
      return { doc, path: p };
    };
    return { items: [], issues: [...issues, ...remap(doc, zodIssues(doc, r.error), where)] };
  }
  return { items: [{ kind: "slo", spec: sloSpecOf(r.data), line: doc.line(["metadata", "name"]) }], issues };
}
