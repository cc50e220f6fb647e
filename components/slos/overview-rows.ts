import { DEFAULT_POLICY, evaluatePolicy, type PolicyThresholds } from "@/lib/slo/policy";
import { toCsv } from "@/lib/csv";
import { formatObjective, formatWindow } from "@/lib/slo/format";
import type { OverviewSlo } from "@/lib/query/slos";

/** One line of the SLO overview: everything the table shows, sorts and filters on, precomputed. */
export type OverviewRow = Pick<OverviewSlo, "id" | "name" | "service" | "serviceName" | "team" | "objective"> & {
  objectiveText: string;
  windowText: string;
  sliText: string;
  sliValue: number | null;
  remaining: number | null;
  burn1h: number | null;
  burn6h: number | null;
  firing: string[];
  /** The service's policy state; "pending" for an SLO whose first version awaits sign-off. */
  state: "healthy" | "at_risk" | "frozen" | "no_data" | "pending";
  stateReasons: string[];
  pendingSignOff: boolean;
  hasStatus: boolean;
  /** The first status of this SLO (or of its new version) is still being computed. */
  computing: boolean;
  stale: boolean;
  staleAgeSeconds: number | null;
  staleReason: "not_configured" | "unreachable" | null;
  unavailableSince: string | null;
  thresholds: PolicyThresholds;
};

export type Filters = { team: string; service: string; state: string; q: string };

/** The service's effective thresholds, sent with each SLO's status (the default without one: pending SLOs). */
const thresholdsOf = (s: OverviewSlo | undefined): PolicyThresholds => s?.policyThresholds ?? DEFAULT_POLICY;

/**
 * Builds rows. The service's policy state comes from the server (`policyState`, stored over all its SLOs,
 * which a page may not all hold); the reasons shown with it are those of the SLOs on this page.
 */
export function buildRows(items: OverviewSlo[]): OverviewRow[] {
  const byService = new Map<string, OverviewSlo[]>();
  for (const s of items) byService.set(s.service, [...(byService.get(s.service) ?? []), s]);
  const stateOf = new Map<string, ReturnType<typeof evaluatePolicy>>();
  for (const [slug, slos] of byService) {
    const thresholds = thresholdsOf(slos[0]);
    stateOf.set(
      slug,
      evaluatePolicy(
        thresholds,
        slos.flatMap((s) =>
          s.status && !s.status.computing
            ? [
                {
                  sloId: s.id,
                  name: s.name,
                  remaining: s.status.errorBudget.remaining,
                  pageAlertFiring: s.status.alerts.some((a) => a.severity === "page" && a.firing),
                },
              ]
            : [],
        ),
      ),
    );
  }
  return items.map((s) => {
    const st = s.status;
    const svc = stateOf.get(s.service)!;
    const signed = s.version.status === "active";
    return {
      id: s.id,
      name: s.name,
      service: s.service,
      serviceName: s.serviceName,
      team: s.team,
      objective: s.objective,
      objectiveText: formatObjective(s.objective),
      windowText: formatWindow(s.window),
      sliText: s.sliText,
      sliValue: st?.sliValue ?? null,
      remaining: st?.errorBudget.remaining ?? null,
      burn1h: st?.burnRates["1h"] ?? null,
      burn6h: st?.burnRates["6h"] ?? null,
      firing: st ? st.alerts.filter((a) => a.firing).map((a) => a.name) : [],
      state: !signed ? "pending" : s.policyState !== undefined ? (s.policyState ?? "no_data") : svc.state,
      stateReasons: !signed
        ? ["The first version awaits sign-off by an approver"]
        : s.policyState === undefined || s.policyState === svc.state
          ? svc.reasons
          : ["judged over all the service's SLOs: see the service page"],
      pendingSignOff: signed && s.pendingVersion !== null,
      hasStatus: Boolean(st) && !st?.computing,
      computing: Boolean(st?.computing),
      stale: st?.stale ?? false,
      staleAgeSeconds: st?.staleAgeSeconds ?? null,
      staleReason: st?.staleReason ?? null,
      unavailableSince: st?.unavailableSince ?? null,
      thresholds: thresholdsOf(s),
    };
  });
}

/** The visible rows as CSV (what the manager sees, same order, raw numbers for spreadsheets). */
export function rowsToCsv(rows: OverviewRow[]): string {
  return toCsv(
    [
      "service",
      "team",
      "slo",
      "objective",
      "window",
      "sli",
      "sli_value",
      "budget_remaining",
      "burn_rate_1h",
      "burn_rate_6h",
      "firing_alerts",
      "policy_state",
      "stale",
    ],
    rows.map((r) => [
      r.service,
      r.team,
      r.name,
      r.objective,
      r.windowText,
      r.sliText,
      r.sliValue,
      r.remaining,
      r.burn1h,
      r.burn6h,
      r.firing.join(" "),
      r.state,
      r.stale,
    ]),
  );
}
