import type { AlertState } from "./alert-group";

// The alerts behind an on-call page, for people: name, state, summary and the links a responder opens
// first. Links come from what the alert carries: `slo_id` (our generated burn-rate rules set it) → the
// SLO page; `runbook_url` (or `runbook`) → the runbook; `dashboard_url` / `grafana_url` / `dashboard` →
// the dashboard; Prometheus' generatorURL → the expression graph. Only http(s) URLs become links, since
// annotations are written by whoever configures alerting, not by us.

export type PayloadAlert = {
  fingerprint: string;
  status: AlertState;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt?: string;
  generatorURL?: string;
};

export type PageAlertLinks = { slo?: string; runbook?: string; dashboard?: string; source?: string };

export type PageAlert = {
  fingerprint: string | null;
  name: string;
  status: AlertState;
  summary: string | null;
  startsAt: string | null;
  labels: Record<string, string>;
  links: PageAlertLinks;
};

export type PageAlertsInput = {
  /** Fingerprint → state, merged over every delivery of the group. */
  states: Record<string, AlertState>;
  /** Alerts of the latest delivery (absent for pages not opened by Alertmanager). */
  alerts: PayloadAlert[];
  commonLabels: Record<string, string>;
  commonAnnotations: Record<string, string>;
  /** The page's status; used for the one entry of a page that carries no alert list. */
  pageStatus: string;
};

const httpUrl = (value: string | undefined): string | undefined => {
  const v = value?.trim();
  if (!v) return undefined;
  try {
    const url = new URL(v);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : undefined;
  } catch {
    return undefined;
  }
};

const first = (...values: (string | undefined)[]) => values.find((v) => v !== undefined && v.trim() !== "");

function linksOf(
  labels: Record<string, string>,
  annotations: Record<string, string>,
  generatorURL?: string,
): PageAlertLinks {
  const sloId = first(labels.slo_id, annotations.slo_id);
  const links: PageAlertLinks = {
    slo: sloId ? `/slos/${encodeURIComponent(sloId.trim())}` : undefined,
    runbook: httpUrl(first(annotations.runbook_url, annotations.runbook, labels.runbook_url)),
    dashboard: httpUrl(
      first(annotations.dashboard_url, annotations.grafana_url, annotations.dashboard, labels.dashboard_url),
    ),
    source: httpUrl(generatorURL),
  };
  return Object.fromEntries(Object.entries(links).filter(([, v]) => v !== undefined)) as PageAlertLinks;
}

/**
 * One entry per alert seen in the group: the latest delivery's alerts with their labels and links, plus
 * alerts only known from earlier deliveries (fingerprint and state). A page without any alert list (e.g.
 * created before alerts were recorded) gets one entry from the group's common labels and annotations.
 * Firing alerts come first, then by name.
 */
export function pageAlerts(input: PageAlertsInput): PageAlert[] {
  const common = { ...input.commonLabels };
  const out: PageAlert[] = input.alerts.map((a) => {
    const labels = { ...common, ...a.labels };
    const annotations = { ...input.commonAnnotations, ...a.annotations };
    return {
      fingerprint: a.fingerprint,
      name: labels.alertname ?? "Alert",
      status: input.states[a.fingerprint] ?? a.status,
      summary: first(annotations.summary, annotations.description)?.trim() ?? null,
      startsAt: a.startsAt && !a.startsAt.startsWith("0001-") ? a.startsAt : null,
      labels,
      links: linksOf(labels, annotations, a.generatorURL),
    };
  });
  const seen = new Set(input.alerts.map((a) => a.fingerprint));
  for (const [fingerprint, status] of Object.entries(input.states)) {
    if (seen.has(fingerprint)) continue;
    out.push({
      fingerprint,
      name: common.alertname ?? "Alert",
      status,
      summary: null,
      startsAt: null,
      labels: common,
      links: linksOf(common, input.commonAnnotations),
    });
  }
  if (out.length === 0) {
    out.push({
      fingerprint: null,
      name: common.alertname ?? "Alert",
      status: input.pageStatus === "resolved" ? "resolved" : "firing",
      summary: first(input.commonAnnotations.summary, input.commonAnnotations.description)?.trim() ?? null,
      startsAt: null,
      labels: common,
      links: linksOf(common, input.commonAnnotations),
    });
  }
  return out.sort((a, b) => (a.status === b.status ? a.name.localeCompare(b.name) : a.status === "firing" ? -1 : 1));
}
