/**
 * How an SLO's burn-rate alerts are named and labelled: what Sloth's `alerting` block and Pyrra's
 * `alerting.name` / `pyrra.dev/*` labels carry, so Alertmanager routes built on them keep matching
 * after an import. Labels and annotations of `page` / `ticket` apply to that severity's two tiers and
 * win over the common ones; label and annotation values are Prometheus templates, as in Sloth.
 */
export type SeverityAlertSettings = {
  enabled: boolean;
  labels: Record<string, string>;
  annotations: Record<string, string>;
};
export type AlertSettings = {
  /** Alert name of all four tiers; null means SLO_ALERT_NAME. */
  name: string | null;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  page: SeverityAlertSettings;
  ticket: SeverityAlertSettings;
};

/** Labels every alert carries that identify the SLO and tier; settings cannot override them. */
export const RESERVED_ALERT_LABELS = ["slo_id", "service", "slo", "tier", "long_window", "short_window"] as const;

const severityDefaults = (): SeverityAlertSettings => ({ enabled: true, labels: {}, annotations: {} });
export const defaultAlertSettings = (): AlertSettings => ({
  name: null,
  labels: {},
  annotations: {},
  page: severityDefaults(),
  ticket: severityDefaults(),
});

type PartialSeverity = Partial<SeverityAlertSettings> | null | undefined;
export type AlertSettingsInput = Partial<Omit<AlertSettings, "page" | "ticket">> & {
  page?: PartialSeverity;
  ticket?: PartialSeverity;
};

const strings = (m: Record<string, string> | null | undefined): Record<string, string> =>
  Object.fromEntries(Object.entries(m ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
const severity = (s: PartialSeverity): SeverityAlertSettings => ({
  enabled: s?.enabled ?? true,
  labels: strings(s?.labels),
  annotations: strings(s?.annotations),
});

/** Full shape with defaults filled in and keys sorted, so equal settings compare equal (stored jsonb reorders keys). */
export function normalAlertSettings(input: AlertSettingsInput | null | undefined): AlertSettings {
  const name = input?.name?.trim();
  return {
    name: name ? name : null,
    labels: strings(input?.labels),
    annotations: strings(input?.annotations),
    page: severity(input?.page),
    ticket: severity(input?.ticket),
  };
}

export const isDefaultAlertSettings = (s: AlertSettings): boolean =>
  JSON.stringify(normalAlertSettings(s)) === JSON.stringify(defaultAlertSettings());
