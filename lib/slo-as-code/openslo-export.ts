import { burnRateAlerts, isDefaultAlertSettings, nominalWindowSeconds, sliSelectors, type SloWindow } from "@/lib/slo";
import type { ServiceSpec, SloSpec } from "./model";
import { ANNOTATIONS, OPENSLO_API_VERSION } from "./openslo-import";

/**
 * srecp → OpenSLO v1 documents. Everything maps except the error-budget policies (OpenSLO has no such
 * kind; `srecp export --format openslo` writes them in the native format next to these). srecp fields
 * without an OpenSLO place travel as `srecp.dev/*` annotations, so an export imports back unchanged.
 */
const annotations = (pairs: [string, string | number | null][]) => {
  const out = Object.fromEntries(pairs.filter(([, v]) => v !== null && v !== "").map(([k, v]) => [k, String(v)]));
  return Object.keys(out).length ? { annotations: out } : {};
};

export function openSloService(s: ServiceSpec) {
  return {
    apiVersion: OPENSLO_API_VERSION,
    kind: "Service",
    metadata: {
      name: s.slug,
      displayName: s.name,
      ...annotations([
        [ANNOTATIONS.team, s.team],
        [ANNOTATIONS.tier, s.tier],
        [ANNOTATIONS.runbook, s.runbookUrl],
        [ANNOTATIONS.repo, s.repoUrl],
        [ANNOTATIONS.dashboard, s.dashboardUrl],
        [ANNOTATIONS.dataSource, s.dataSource],
      ]),
    },
    spec: s.description ? { description: s.description } : {},
  };
}

/** Fixed start instants for calendar windows: 2024-01-01 is both a month start and a Monday. */
const CALENDAR_START = "2024-01-01 00:00:00";

function timeWindow(w: SloWindow) {
  if (w.kind === "rolling") return [{ duration: `${w.days}d`, isRolling: true }];
  return [
    {
      duration: w.unit === "month" ? "1M" : "1w",
      isRolling: false,
      calendar: { startTime: CALENDAR_START, timeZone: w.timezone },
    },
  ];
}

const prometheus = (query: string) => ({ metricSource: { type: "Prometheus", spec: { query } } });

/** srecp's fixed multiwindow burn-rate tiers as OpenSLO alert policies (one condition each, as v1 requires). */
function alertPolicies(s: SloSpec) {
  if (!s.alerting) return [];
  return burnRateAlerts(nominalWindowSeconds(s.window)).map((a) => ({
    kind: "AlertPolicy",
    metadata: { name: `${s.name}-${a.name}` },
    spec: {
      description: `${a.severity} when ${a.longWindow} and ${a.shortWindow} burn rates are both at least ${a.factor}`,
      alertWhenBreaching: true,
      alertWhenResolved: false,
      alertWhenNoData: false,
      conditions: [
        {
          kind: "AlertCondition",
          metadata: { name: `${s.name}-${a.name}` },
          spec: {
            severity: a.severity,
            condition: {
              kind: "burnrate",
              op: "gte",
              threshold: a.factor,
              lookbackWindow: a.longWindow,
              alertAfter: a.for,
            },
          },
        },
      ],
      notificationTargets: [],
    },
  }));
}

export function openSloSlo(s: SloSpec) {
  // A timeslice SLI is OpenSLO's Timeslices: the judged SLI is the indicator, the slice rule goes on the objective.
  const slices = s.sli.kind === "timeslice" ? s.sli : null;
  const sel = sliSelectors(slices ? slices.of : s.sli);
  // A bool gauge is a gauge (counter: false) whose good and total are the same 0/1 series: the share of its samples that are 1.
  const ratioMetric = {
    counter: !sel.samples,
    ...(sel.good !== null ? { good: prometheus(sel.good) } : {}),
    ...(sel.bad !== null ? { bad: prometheus(sel.bad) } : {}),
    total: prometheus(sel.total),
  };
  return {
    apiVersion: OPENSLO_API_VERSION,
    kind: "SLO",
    metadata: {
      name: s.name,
      ...(s.displayName ? { displayName: s.displayName } : {}),
      ...(Object.keys(s.labels).length ? { labels: s.labels } : {}),
      ...annotations([
        [ANNOTATIONS.runbook, s.runbookUrl],
        [ANNOTATIONS.alertSettings, isDefaultAlertSettings(s.alertSettings) ? null : JSON.stringify(s.alertSettings)],
      ]),
    },
    spec: {
      ...(s.description ? { description: s.description } : {}),
      service: s.service,
      indicator: { metadata: { name: s.sliName || s.name }, spec: { ratioMetric } },
      timeWindow: timeWindow(s.window),
      budgetingMethod: slices ? "Timeslices" : "Occurrences",
      objectives: [
        {
          target: s.objective,
          ...(slices ? { timeSliceTarget: slices.threshold, timeSliceWindow: `${slices.sliceMinutes}m` } : {}),
        },
      ],
      alertPolicies: alertPolicies(s),
    },
  };
}
