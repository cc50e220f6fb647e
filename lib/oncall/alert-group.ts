// State of one Alertmanager alert group (one page): which alerts (by fingerprint) fire, and when the group
// counts as resolved. Pure: payload pieces in, decisions out.

export type AlertState = "firing" | "resolved";

export type GroupAlert = {
  fingerprint: string;
  status: AlertState;
  labels: Record<string, string>;
  annotations: Record<string, string>;
};

/** Fingerprint → state after a delivery: the delivery's alerts overwrite earlier states; others are kept. */
export function mergeAlertStates(
  previous: Record<string, AlertState>,
  alerts: Pick<GroupAlert, "fingerprint" | "status">[],
): Record<string, AlertState> {
  const next: Record<string, AlertState> = { ...previous };
  for (const alert of alerts) next[alert.fingerprint] = alert.status;
  return next;
}

/**
 * A group is resolved when the delivery says `resolved` and every alert ever seen in it is resolved (a
 * truncated or partial delivery never closes a group that still has a firing alert).
 */
export function groupResolved(deliveryStatus: AlertState, states: Record<string, AlertState>): boolean {
  return deliveryStatus === "resolved" && Object.values(states).every((s) => s === "resolved");
}

/**
 * Page title of a group: the common `summary` annotation, else the alert name (from common or group
 * labels) with the instance when there is one alert, else "<alertname> (<n> alerts)".
 */
export function groupTitle(input: {
  commonAnnotations: Record<string, string>;
  commonLabels: Record<string, string>;
  groupLabels: Record<string, string>;
  alerts: Pick<GroupAlert, "labels">[];
}): string {
  const summary = input.commonAnnotations.summary?.trim();
  if (summary) return summary.slice(0, 300);
  const name =
    input.commonLabels.alertname ?? input.groupLabels.alertname ?? input.alerts[0]?.labels.alertname ?? "Alert";
  if (input.alerts.length === 1) {
    const instance = input.alerts[0]?.labels.instance;
    return instance ? `${name} on ${instance}` : name;
  }
  return `${name} (${input.alerts.length} alerts)`;
}
