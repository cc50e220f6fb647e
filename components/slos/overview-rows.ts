import { DEFAULT_POLICY, evaluatePolicy, type PolicyThresholds } from "@/lib/slo/policy";
import { toCsv } from "@/lib/csv";
import { formatObjective, formatWindow } from "@/lib/slo/format";
import type { OverviewSlo } from "@/lib/query/slos";

/** One line of the SLO overview: everything the table shows, sorts and filters on, precomputed. */
export type OverviewRow = {
  id: string;
  name: string;
  service: string;
  serviceName: string;
  team: string;
  objective: number;
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

export type SortKey = "service" | "team" | "name" | "objective" | "window" | "sli" | "remaining" | "burn1h" | "burn6h" | "firing" | "state";
export type Filters = { team: string; service: string; state: string; q: string };

/** Builds rows; each service's policy state is evaluated over the statuses of all its SLOs. */
export function buildRows(items: OverviewSlo[], thresholdsBySlug: Record<string, PolicyThresholds>): OverviewRow[] {
  const byService = new Map<string, OverviewSlo[]>();
  for (const s of items) byService.set(s.service, [...(byService.get(s.service) ?? []), s]);
  const stateOf = new Map<string, ReturnType<typeof evaluatePolicy>>();
  for (const [slug, slos] of byService) {
    const thresholds = thresholdsBySlug[slug] ?? DEFAULT_POLICY;
    stateOf.set(slug, evaluatePolicy(thresholds, slos.flatMap((s) => (s.status && !s.status.computing ? [{ sloId: s.id, name: s.name, remaining: s.status.errorBudget.remaining, pageAlertFiring: s.status.alerts.some((a) => a.severity === "page" && a.firing) }] : []))));
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
      state: signed ? svc.state : "pending",
      stateReasons: signed ? svc.reasons : ["The first version awaits sign-off by an approver"],
      pendingSignOff: signed && s.pendingVersion !== null,
      hasStatus: Boolean(st) && !st?.computing,
      computing: Boolean(st?.computing),
      stale: st?.stale ?? false,
      staleAgeSeconds: st?.staleAgeSeconds ?? null,
      staleReason: st?.staleReason ?? null,
      unavailableSince: st?.unavailableSince ?? null,
      thresholds: thresholdsBySlug[s.service] ?? DEFAULT_POLICY,
    };
  });
}

const STATE_ORDER = { frozen: 0, at_risk: 1, no_data: 2, healthy: 3, pending: 4 } as const;
const num = (v: number | null, dir: 1 | -1) => (v === null ? Number.POSITIVE_INFINITY * dir : v);

const compare: Record<SortKey, (a: OverviewRow, b: OverviewRow) => number> = {
  service: (a, b) => a.service.localeCompare(b.service) || a.name.localeCompare(b.name),
  team: (a, b) => a.team.localeCompare(b.team) || a.service.localeCompare(b.service),
  name: (a, b) => a.name.localeCompare(b.name),
  objective: (a, b) => a.objective - b.objective,
  window: (a, b) => a.windowText.localeCompare(b.windowText),
  sli: (a, b) => a.sliText.localeCompare(b.sliText),
  remaining: (a, b) => num(a.remaining, 1) - num(b.remaining, 1),
  burn1h: (a, b) => num(a.burn1h, -1) - num(b.burn1h, -1),
  burn6h: (a, b) => num(a.burn6h, -1) - num(b.burn6h, -1),
  firing: (a, b) => a.firing.length - b.firing.length,
  state: (a, b) => STATE_ORDER[a.state] - STATE_ORDER[b.state],
};

/** Filters then sorts (stable; rows without data sort last in both directions for numeric columns). */
export function filterAndSort(rows: OverviewRow[], f: Filters, sort: { key: SortKey; dir: "asc" | "desc" }): OverviewRow[] {
  const q = f.q.trim().toLowerCase();
  const out = rows.filter(
    (r) =>
      (!f.team || r.team === f.team) &&
      (!f.service || r.service === f.service) &&
      (!f.state || r.state === f.state) &&
      (!q || r.name.toLowerCase().includes(q) || r.service.includes(q) || r.serviceName.toLowerCase().includes(q)),
  );
  const cmp = compare[sort.key];
  const nulls = (r: OverviewRow) => (sort.key === "remaining" ? r.remaining : sort.key === "burn1h" ? r.burn1h : sort.key === "burn6h" ? r.burn6h : 0) === null;
  return out.sort((a, b) => {
    const na = nulls(a);
    const nb = nulls(b);
    if (na !== nb) return na ? 1 : -1;
    const c = cmp(a, b);
    return sort.dir === "asc" ? c : -c;
  });
}

/** The visible rows as CSV (what the manager sees, same order, raw numbers for spreadsheets). */
export function rowsToCsv(rows: OverviewRow[]): string {
  return toCsv(
    ["service", "team", "slo", "objective", "window", "sli", "sli_value", "budget_remaining", "burn_rate_1h", "burn_rate_6h", "firing_alerts", "policy_state", "stale"],
    rows.map((r) => [r.service, r.team, r.name, r.objective, r.windowText, r.sliText, r.sliValue, r.remaining, r.burn1h, r.burn6h, r.firing.join(" "), r.state, r.stale]),
  );
}

