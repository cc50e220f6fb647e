import "server-only";
import { evaluatePolicy, type PolicyState } from "@/lib/slo";
import { effectivePolicy } from "../policy";
import { loadSloDefs } from "../slo/store";
import { storedOrComputed } from "../slo/status-read";

// "SLOs at risk or burning fast" for the home page: SLOs of the given teams whose own remaining budget
// puts them at risk or frozen under their service's error-budget policy, or that have a burn-rate alert
// firing. Statuses come from the shared status cache (all SLOs at once, so one cache entry serves every
// page), stale when Prometheus is unreachable.

export type SloAttention = {
  id: string;
  name: string;
  service: { slug: string; name: string };
  team: string;
  state: PolicyState;
  remaining: number | null;
  burnRate1h: number | null;
  firingAlerts: { name: string; severity: "page" | "ticket" }[];
  reasons: string[];
  href: string;
};

const RANK: Record<PolicyState, number> = { frozen: 0, at_risk: 1, no_data: 2, healthy: 3 };

export async function slosNeedingAttention(
  teamIds: string[],
): Promise<{ stale: boolean; error: string | null; items: SloAttention[] }> {
  const mine = await loadSloDefs({ teamIds });
  if (mine.length === 0) return { stale: false, error: null, items: [] };
  const statuses = await storedOrComputed(mine);
  const serviceIds = [...new Set(mine.map((d) => d.service.id))];
  const policies = new Map(await Promise.all(serviceIds.map(async (id) => [id, await effectivePolicy(id)] as const)));
  const items: SloAttention[] = [];
  let stale = false;
  let error: string | null = null;
  for (const def of mine) {
    const s = statuses.get(def.id);
    if (!s) continue;
    if (s.stale) {
      stale = true;
      error ??= s.error ?? null;
    }
    const firing = s.alerts.filter((a) => a.firing).map((a) => ({ name: a.name, severity: a.severity }));
    const { state, reasons } = evaluatePolicy(policies.get(def.service.id)!, [
      {
        sloId: def.id,
        name: def.name,
        remaining: s.errorBudget.remaining,
        pageAlertFiring: firing.some((a) => a.severity === "page"),
      },
    ]);
    if (state === "healthy" && firing.length === 0) continue;
    items.push({
      id: def.id,
      name: def.name,
      service: { slug: def.service.slug, name: def.service.name },
      team: def.service.teamSlug,
      state,
      remaining: s.errorBudget.remaining,
      burnRate1h: s.burnRates["1h"],
      firingAlerts: firing,
      reasons: [
        ...reasons,
        ...firing.filter((a) => a.severity === "ticket").map((a) => `${a.name} burn-rate alert firing`),
      ],
      href: `/slos/${def.id}`,
    });
  }
  items.sort(
    (a, b) =>
      RANK[a.state] - RANK[b.state] ||
      (a.remaining ?? Infinity) - (b.remaining ?? Infinity) ||
      a.name.localeCompare(b.name),
  );
  return { stale, error, items };
}
