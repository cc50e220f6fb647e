import { objectivePercentText, percentTextToObjective } from "@/lib/slo/format";
import type { EventSli, Sli, SloWindow } from "@/lib/slo/types";
import { sliSchema } from "@/lib/validation/slo";

/** The wizard's form state (strings, as typed) and its conversion to the API's SLO definition. */
export type WizardState = {
  service: string;
  name: string;
  description: string;
  kind: "ratio" | "latency" | "boolGauge";
  total: string;
  mode: "bad" | "good";
  selector: string;
  /** Histogram metric name (latency), or the 0/1 gauge's selector (boolGauge). */
  metric: string;
  matchers: string;
  threshold: string;
  /** Budgeting: per event (request or sample), or per time slice judged by the SLI (OpenSLO Timeslices). */
  budgeting: "events" | "timeslices";
  sliceMinutes: "1" | "5";
  /** Percent text: a slice is good when at least this share of its events is good, e.g. "99". */
  sliceThreshold: string;
  objectiveChoice: string; // one of OBJECTIVE_PRESETS or "custom"
  customObjective: string; // percent text, e.g. "99.9"
  windowChoice: string; // "rolling-30" | "rolling-28" | "rolling-7" | "calendar-month" | "calendar-week"
  timezone: string;
  runbookUrl: string;
  alerting: boolean;
};

export const OBJECTIVE_PRESETS = ["99", "99.5", "99.9", "99.95", "99.99"] as const;
export const WINDOW_CHOICES = [
  { value: "rolling-30", label: "Rolling 30 days" },
  { value: "rolling-28", label: "Rolling 28 days" },
  { value: "rolling-7", label: "Rolling 7 days" },
  { value: "calendar-month", label: "Calendar month" },
  { value: "calendar-week", label: "Calendar week (ISO, from Monday)" },
] as const;

export const emptyWizard = (service = ""): WizardState => ({
  service,
  name: "",
  description: "",
  kind: "ratio",
  total: "",
  mode: "bad",
  selector: "",
  metric: "",
  matchers: "",
  threshold: "",
  budgeting: "events",
  sliceMinutes: "1",
  sliceThreshold: "99",
  objectiveChoice: "99.9",
  customObjective: "",
  windowChoice: "rolling-30",
  timezone: "UTC",
  runbookUrl: "",
  alerting: true,
});

export function stateFromDefinition(d: {
  service: string;
  name: string;
  description: string;
  sli: Sli;
  objective: number;
  window: SloWindow;
  runbookUrl: string | null;
  alerting: boolean;
}): WizardState {
  const pct = objectivePercentText(d.objective);
  const preset = (OBJECTIVE_PRESETS as readonly string[]).includes(pct);
  const sli = d.sli.kind === "timeslice" ? d.sli.of : d.sli;
  return {
    ...emptyWizard(d.service),
    name: d.name,
    description: d.description,
    kind: sli.kind,
    ...(sli.kind === "ratio"
      ? { total: sli.total, mode: sli.good !== undefined ? "good" : "bad", selector: sli.good ?? sli.bad ?? "" }
      : sli.kind === "boolGauge"
        ? { metric: sli.metric }
        : { metric: sli.metric, matchers: sli.matchers, threshold: String(sli.thresholdSeconds) }),
    ...(d.sli.kind === "timeslice"
      ? {
          budgeting: "timeslices",
          sliceMinutes: String(d.sli.sliceMinutes) as "1" | "5",
          sliceThreshold: objectivePercentText(d.sli.threshold),
        }
      : {}),
    objectiveChoice: preset ? pct : "custom",
    customObjective: preset ? "" : pct,
    windowChoice: d.window.kind === "rolling" ? `rolling-${d.window.days}` : `calendar-${d.window.unit}`,
    timezone: d.window.kind === "calendar" ? d.window.timezone : "UTC",
    runbookUrl: d.runbookUrl ?? "",
    alerting: d.alerting,
  };
}

/** The objective as a ratio; NaN when the custom text is not a number (the schema then names it). */
export const objectiveOf = (s: WizardState): number =>
  percentTextToObjective(s.objectiveChoice === "custom" ? s.customObjective : s.objectiveChoice) ?? Number.NaN;

export function sliOf(s: WizardState): Sli {
  const of = eventSliOf(s);
  if (s.budgeting !== "timeslices") return of;
  // Typed in percent; NaN when not a number, so the schema names sliceThreshold.
  return {
    kind: "timeslice",
    sliceMinutes: Number(s.sliceMinutes) as 1 | 5,
    threshold: percentTextToObjective(s.sliceThreshold) ?? Number.NaN,
    of,
  };
}

function eventSliOf(s: WizardState): EventSli {
  if (s.kind === "boolGauge") return { kind: "boolGauge", metric: s.metric };
  if (s.kind === "latency")
    return {
      kind: "latency",
      metric: s.metric.trim(),
      matchers: s.matchers.trim(),
      thresholdSeconds: s.threshold === "" ? Number.NaN : Number(s.threshold),
    };
  return s.mode === "good"
    ? { kind: "ratio", total: s.total, good: s.selector }
    : { kind: "ratio", total: s.total, bad: s.selector };
}

export function windowOf(s: WizardState): SloWindow {
  const [kind, arg] = s.windowChoice.split("-") as [string, string];
  return kind === "calendar"
    ? { kind: "calendar", unit: arg as "month" | "week", timezone: s.timezone.trim() || "UTC" }
    : { kind: "rolling", days: Number(arg) };
}

/** Body of POST /api/v1/slos. */
export const createBody = (s: WizardState) => ({
  service: s.service,
  name: s.name.trim(),
  description: s.description,
  sli: sliOf(s),
  objective: objectiveOf(s),
  window: windowOf(s),
  runbookUrl: s.runbookUrl.trim(),
  alerting: s.alerting,
});

/** Body of PATCH /api/v1/slos/{id} (name and service cannot change). */
export const updateBody = (s: WizardState, revision: number) => {
  const { service: _s, name: _n, ...rest } = createBody(s);
  return { ...rest, revision };
};

/** Maps the API's field paths to the wizard's inputs ("sli.good" and "sli.bad" are the one selector editor). */
export function fieldFor(path: string): string {
  // A timeslice SLI's own fields, then the judged SLI's under sli.of (the same inputs as without slices).
  if (path === "sli.threshold") return "sliceThreshold";
  if (path === "sli.sliceMinutes") return "sliceMinutes";
  if (path.startsWith("sli.of.")) return fieldFor(`sli.${path.slice(7)}`);
  if (path === "sli.of") return "total";
  if (path === "sli.good" || path === "sli.bad") return "selector";
  if (path.startsWith("sli.")) return path.slice(4);
  if (path === "sli") return "total";
  if (path.startsWith("window")) return path === "window.timezone" ? "timezone" : "window";
  if (path === "objective") return "objective";
  return path;
}

/**
 * The objective is typed in percent, so its errors are said in percent (the API checks the ratio:
 * "must be less than 1" under a field showing 100.5 % would not make sense to the person typing).
 */
export function objectiveMessage(apiMessage: string): string {
  if (/less than 1/.test(apiMessage)) return "must be below 100 %, at most 99.999 % (100 % leaves no error budget)";
  if (/greater than 0/.test(apiMessage)) return "must be above 0 %";
  return "must be a percentage such as 99.9";
}

/** The slice threshold is typed in percent too. */
const sliceThresholdMessage = (apiMessage: string): string =>
  /at most 1/.test(apiMessage)
    ? "must be at most 100 % (every event of the slice good)"
    : "must be a percentage above 0 and at most 100, e.g. 99";

export const mapFields = (fields: Record<string, string>): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(fields))
    out[fieldFor(k)] ??= k === "objective" ? objectiveMessage(v) : k === "sli.threshold" ? sliceThresholdMessage(v) : v;
  return out;
};

const PROMQL_FIELDS = { ratio: ["total", "selector"], latency: ["matchers"], boolGauge: ["metric"] } as const;

/**
 * Errors of the PromQL fields as they are typed, by the same parser as the API (lib/promql through the
 * shared schema): shown under each editor at once, since the live preview runs only for a definition that
 * parses, and saving is blocked by the same schema. Empty fields are left to the "is required" on save.
 */
export function promqlFieldErrors(s: WizardState): Record<string, string> {
  const r = sliSchema.safeParse(sliOf(s));
  if (r.success) return {};
  const fields: readonly string[] = PROMQL_FIELDS[s.kind];
  const typed: Record<string, string> = {
    total: s.total,
    selector: s.selector,
    matchers: s.matchers,
    metric: s.metric,
  };
  const out: Record<string, string> = {};
  for (const issue of r.error.issues) {
    const field = fieldFor(`sli.${issue.path.join(".")}`);
    if (fields.includes(field) && (typed[field] ?? "").trim() !== "") out[field] ??= issue.message;
  }
  return out;
}
