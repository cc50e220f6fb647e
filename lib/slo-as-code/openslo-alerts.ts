import { burnRateAlerts, nominalWindowSeconds, type SloWindow } from "@/lib/slo";
import { isRecord, type Issue, type Path, type YamlDoc } from "./source";

/**
 * OpenSLO alertPolicies → srecp's `alerting` switch. srecp always alerts with its four multiwindow
 * burn-rate tiers, so any policy is replaced by them: that is silent only when the policies are exactly
 * those tiers (what `srecp export --format openslo` writes), otherwise a warning says what replaces
 * them. Notification targets are dropped with a warning (Alertmanager routes deliver srecp's alerts).
 * An absent, empty (`alertPolicies:`) or `[]` list means no alerts.
 */
export type AlertPolicyIndex = Map<string, YamlDoc>;

type Located = { doc: YamlDoc; path: Path; name: string };

const tierKey = (severity: unknown, threshold: unknown, lookback: unknown, after: unknown) =>
  JSON.stringify([severity, threshold, lookback, after]);

/** The burn-rate tiers of an SLO window, in words, for the warning. */
const describeTiers = (window: SloWindow) =>
  burnRateAlerts(nominalWindowSeconds(window))
    .map((a) => `${a.severity} when the ${a.longWindow} and ${a.shortWindow} burn rates are ≥ ${a.factor}`)
    .join("; ");

export function alertingOf(
  doc: YamlDoc,
  index: AlertPolicyIndex,
  window: SloWindow | undefined,
  issues: Issue[],
): boolean {
  const at: Path = ["spec", "alertPolicies"];
  const policies = doc.get(at);
  if (policies === undefined || policies === null) return false;
  if (!Array.isArray(policies)) return (issues.push(doc.issue(at, "must be a list")), false);
  const located: Located[] = [];
  policies.forEach((p, i) => {
    if (isRecord(p) && typeof p.alertPolicyRef === "string") {
      const ref = index.get(p.alertPolicyRef);
      if (ref) located.push({ doc: ref, path: [], name: p.alertPolicyRef });
      else
        issues.push(doc.issue([...at, i, "alertPolicyRef"], `no AlertPolicy named "${p.alertPolicyRef}" in the files`));
    } else if (isRecord(p) && p.kind === "AlertPolicy") {
      located.push({ doc, path: [...at, i], name: String(doc.get([...at, i, "metadata", "name"]) ?? `#${i + 1}`) });
    } else issues.push(doc.issue([...at, i], "each item is an alertPolicyRef or an inline AlertPolicy"));
  });
  const theirs: string[] = [];
  let comparable = true;
  for (const p of located) {
    const targets = p.doc.get([...p.path, "spec", "notificationTargets"]);
    if (Array.isArray(targets) && targets.length) {
      issues.push(
        p.doc.issue(
          [...p.path, "spec", "notificationTargets"],
          `AlertPolicy "${p.name}": notification targets are dropped; route srecp's alerts with Alertmanager`,
          "warning",
        ),
      );
    }
    const conditions = p.doc.get([...p.path, "spec", "conditions"]);
    if (!Array.isArray(conditions)) comparable = false;
    else
      for (const c of conditions) {
        const spec = isRecord(c) && isRecord(c.spec) ? c.spec : null;
        const cond = spec && isRecord(spec.condition) ? spec.condition : null;
        if (!cond || cond.kind !== "burnrate" || cond.op !== "gte") comparable = false;
        else theirs.push(tierKey(spec!.severity, cond.threshold, cond.lookbackWindow, cond.alertAfter));
      }
  }
  if (window && located.length) {
    const ours = burnRateAlerts(nominalWindowSeconds(window)).map((a) =>
      tierKey(a.severity, a.factor, a.longWindow, a.for),
    );
    const same = comparable && theirs.length === ours.length && [...theirs].sort().join() === [...ours].sort().join();
    if (!same) {
      issues.push(
        doc.issue(
          at,
          `alert policies ${located.map((p) => `"${p.name}"`).join(", ")} are replaced by srecp's burn-rate tiers: ${describeTiers(window)}`,
          "warning",
        ),
      );
    }
  }
  return policies.length > 0;
}
