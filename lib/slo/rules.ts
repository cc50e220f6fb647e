import { stringify } from "yaml";
import { normalAlertSettings, type AlertSettings, type AlertSettingsInput } from "./alert-settings";
import { burnRateAlerts, type AlertTier } from "./alerts";
import { errorBudgetRatio } from "./budget";
import { formatDuration } from "./duration";
import { roundSignificant } from "./number";
import { runbookUrlForTier, type InAppRunbook } from "./runbook";
import { promqlString, sliErrorRatioQuery, sliIncreaseQueries } from "./promql";
import {
  BUDGET_REMAINING_METRIC,
  errorRatioMetric,
  GOOD_INCREASE_5M,
  OBJECTIVE_METRIC,
  SLO_ALERT_NAME,
  TOTAL_INCREASE_5M,
} from "./rule-names";
import { BURN_WINDOWS, SloDefinitionError, type Sli, type SloWindow } from "./types";
import { nominalWindowSeconds } from "./window";

export type SloRuleInput = {
  id: string;
  name: string;
  service: string;
  objective: number;
  window: SloWindow;
  sli: Sli;
  runbookUrl?: string | null;
  /** The SLO's in-app runbook pages (/runbooks/{slo}/{tier}); they win over runbookUrl for the tiers they cover. */
  inAppRunbook?: InAppRunbook | null;
  alerting: boolean;
  /** Alert name, labels, annotations and per-severity switches (Sloth/Pyrra imports); defaults when absent. */
  alertSettings?: AlertSettingsInput | null;
  /**
   * Alert tiers instead of burnRateAlerts(window): only the backtester's promtool test (candidate
   * settings) passes them; served rule files always use the Workbook's four.
   */
  tiers?: readonly AlertTier[];
};
export type RecordingRule = { record: string; expr: string; labels: Record<string, string> };
export type AlertingRule = {
  alert: string;
  expr: string;
  for: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
};
export type RuleGroup = { name: string; rules: (RecordingRule | AlertingRule)[] };
export type RuleFile = { groups: RuleGroup[] };
export type AlertsSkipped = { code: "ALERTING_DISABLED" | "NO_RUNBOOK"; message: string };

/**
 * Why an SLO gets no alert rules, or null when it gets all four. The source document's rule: "every alert
 * has a runbook; no runbook → no alert" — a runbook is an external URL or an in-app runbook page (issue
 * 16 item 5), so only an SLO with neither is skipped. Recording rules are generated either way.
 */
export function alertsSkippedReason(
  slo: Pick<SloRuleInput, "alerting" | "runbookUrl" | "alertSettings" | "inAppRunbook">,
): AlertsSkipped | null {
  const settings = normalAlertSettings(slo.alertSettings);
  if (!slo.alerting || (!settings.page.enabled && !settings.ticket.enabled))
    return {
      code: "ALERTING_DISABLED",
      message: "Alerting is turned off for this SLO; only recording rules are generated.",
    };
  if ((!slo.runbookUrl || slo.runbookUrl.trim() === "") && !slo.inAppRunbook) {
    return {
      code: "NO_RUNBOOK",
      message:
        "No runbook (neither a runbook URL nor an in-app runbook): every alert needs one, so no alert rules are generated until one is set.",
    };
  }
  return null;
}

/** Text for an alert template: `{{` in user input would start a Go template action, so emit it literally. */
const templateSafe = (text: string): string => text.replace(/\{\{/g, '{{"{{"}}');
const percent = (ratio: number): string => `${roundSignificant(ratio * 100)}%`;
const windowLabel = (window: SloWindow): string =>
  window.kind === "rolling"
    ? formatDuration(window.days * 86_400)
    : `calendar ${window.unit} (${window.timezone}, alerts use ${formatDuration(nominalWindowSeconds(window))})`;

const validate = (slo: SloRuleInput): void => {
  if (slo.id.trim() === "") throw new SloDefinitionError("id", "id is empty");
  if (slo.service.trim() === "") throw new SloDefinitionError("service", "service is empty");
  if (slo.name.trim() === "") throw new SloDefinitionError("name", "name is empty");
  errorBudgetRatio(slo.objective);
  nominalWindowSeconds(slo.window);
};

/**
 * Recording rules of one SLO. The two 5 m increases come from the raw counters; every longer window is
 * (Σ total − Σ good) / Σ total of those records via sum_over_time, a traffic-weighted ratio, never an average
 * of ratios. Each record is summed once per evaluation interval, so absolute sums over-count events by
 * 5m / interval, identically in numerator and denominator: the ratio is exact, the sums are not counts.
 * Windows reaching before the first sample simply sum what exists, so a 30 d record is meaningful from
 * the first minutes on (it then covers less than 30 d).
 */
const recordingRules = (
  slo: SloRuleInput,
  labels: Record<string, string>,
  windowRange: string,
  budget: number,
  tiers: readonly AlertTier[],
): RecordingRule[] => {
  const increase = sliIncreaseQueries(slo.sli, "5m");
  const match = `{slo_id=${promqlString(slo.id)}}`;
  const sum = (metric: string, range: string) => `sum_over_time(${metric}${match}[${range}])`;
  const tierWindows = tiers.flatMap((t) => [t.longWindow, t.shortWindow]);
  const ranges = [...new Set([...BURN_WINDOWS, ...tierWindows, windowRange])].filter((w) => w !== "5m");
  return [
    { record: GOOD_INCREASE_5M, expr: increase.good, labels },
    { record: TOTAL_INCREASE_5M, expr: increase.total, labels },
    { record: errorRatioMetric("5m"), expr: sliErrorRatioQuery(slo.sli, "5m"), labels },
    ...ranges.map((range) => ({
      record: errorRatioMetric(range),
      expr: `(${sum(TOTAL_INCREASE_5M, range)} - ${sum(GOOD_INCREASE_5M, range)}) / (${sum(TOTAL_INCREASE_5M, range)} > 0)`,
      labels,
    })),
    { record: OBJECTIVE_METRIC, expr: `vector(${slo.objective})`, labels },
    { record: BUDGET_REMAINING_METRIC, expr: `1 - ${errorRatioMetric(windowRange)}${match} / ${budget}`, labels },
  ];
};

const alertRule = (
  slo: SloRuleInput,
  labels: Record<string, string>,
  tier: AlertTier,
  budget: number,
  runbookUrl: string,
  windowText: string,
  settings: AlertSettings,
): AlertingRule => {
  const threshold = roundSignificant(tier.factor * budget);
  const match = `{slo_id=${promqlString(slo.id)}}`;
  const own = settings[tier.severity];
  return {
    alert: settings.name ?? SLO_ALERT_NAME,
    expr: `${errorRatioMetric(tier.longWindow)}${match} >= ${threshold} and ${errorRatioMetric(tier.shortWindow)}${match} >= ${threshold}`,
    for: tier.for,
    // Imported labels may replace `severity` (routes are often built on it) but never the SLO's identity.
    labels: {
      severity: tier.severity,
      ...settings.labels,
      ...own.labels,
      ...labels,
      tier: tier.name,
      long_window: tier.longWindow,
      short_window: tier.shortWindow,
    },
    annotations: {
      summary: templateSafe(
        `${slo.name} (${slo.service}): error budget burning at ${tier.factor}x or faster over ${tier.longWindow} and ${tier.shortWindow} ` +
          `(objective ${percent(slo.objective)} over ${windowText}; ${percent(tier.budgetShare)} of the budget spent per ${tier.longWindow})`,
      ),
      description: `Long-window error ratio {{ $value | humanizePercentage }}, threshold ${percent(threshold)} (${tier.factor} x budget ${percent(budget)}).`,
      ...settings.annotations,
      ...own.annotations,
      runbook_url: templateSafe(runbookUrl.trim()),
    },
  };
};

/**
 * Prometheus rule file for the SLOs: one group per SLO (`slo-<id>`), recording rules first, then the four
 * burn-rate alerts (those of a disabled severity left out). One group keeps the order deterministic: Prometheus evaluates a group's rules in order
 * at the same timestamp, so alerts always read this evaluation's ratios (no group_eval_order needed).
 * SLOs whose alertsSkippedReason is non-null get recording rules only.
 * @throws SloDefinitionError on an invalid SLO or a duplicate id.
 */
export function generateRuleGroups(slos: readonly SloRuleInput[]): RuleFile {
  const seen = new Set<string>();
  const groups = slos.map((slo): RuleGroup => {
    validate(slo);
    if (seen.has(slo.id)) throw new SloDefinitionError("id", `duplicate SLO id "${slo.id}"`);
    seen.add(slo.id);
    const budget = errorBudgetRatio(slo.objective);
    const windowSeconds = nominalWindowSeconds(slo.window);
    const windowRange = formatDuration(windowSeconds);
    const labels = { slo_id: slo.id, service: slo.service, slo: slo.name };
    const tiers = slo.tiers ?? burnRateAlerts(windowSeconds);
    const rules: RuleGroup["rules"] = recordingRules(slo, labels, windowRange, budget, tiers);
    if (alertsSkippedReason(slo) === null) {
      const windowText = windowLabel(slo.window);
      const settings = normalAlertSettings(slo.alertSettings);
      for (const tier of tiers) {
        if (settings[tier.severity].enabled)
          rules.push(
            alertRule(slo, labels, tier, budget, runbookUrlForTier(slo, tier.name) ?? "", windowText, settings),
          );
      }
    }
    return { name: `slo-${slo.id}`, rules };
  });
  return { groups };
}

/** Serialises a rule file as YAML (no line folding, so long PromQL stays on one line). */
export function rulesToYaml(file: RuleFile): string {
  return `# Generated by the SRE control plane from the SLO definitions. Do not edit by hand.\n${stringify(file, { lineWidth: 0, aliasDuplicateObjects: false })}`;
}
