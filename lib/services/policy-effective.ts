import "server-only";
import { findServicesWithPolicies, findServiceWithPolicies, type ServiceWithPolicies } from "@/lib/db/repos/policies";
import { notFound } from "@/lib/errors";
import { DEFAULT_POSTMORTEM_BUDGET_SHARE } from "@/lib/postmortem";
import { DEFAULT_POLICY } from "@/lib/slo";
import type { EffectivePolicyView } from "@/lib/validation/views/release";

/** The policy that applies to a service: its own, else its team's, else the built-in default. */
export type EffectivePolicy = EffectivePolicyView;

type StoredTerms = Omit<EffectivePolicy, "scope" | "agreedAt"> & { agreedAt: Date | null; version: number };

/** A stored policy's terms as the views answer them (the effective policy and the policy itself). */
export const policyTerms = (p: StoredTerms) => ({
  atRiskBelow: p.atRiskBelow,
  freezeAtOrBelow: p.freezeAtOrBelow,
  freezeOnPageAlert: p.freezeOnPageAlert,
  postmortemAbove: p.postmortemAbove,
  agreedBy: p.agreedBy,
  agreedAt: p.agreedAt?.toISOString() ?? null,
  notes: p.notes,
  version: p.version,
});

/** The precedence in one place: the service's own policy, else its team's, else the built-in default. */
function policyOf(service: ServiceWithPolicies): EffectivePolicy {
  const p = service.budgetPolicy ?? service.team.budgetPolicy;
  if (!p)
    return {
      scope: "default",
      ...DEFAULT_POLICY,
      postmortemAbove: DEFAULT_POSTMORTEM_BUDGET_SHARE,
      agreedBy: "",
      agreedAt: null,
      notes: "Built-in default policy",
      version: null,
    };
  return { scope: service.budgetPolicy ? "service" : "team", ...policyTerms(p) };
}

/** The service's own policy, else its team's, else the built-in default (25 % at risk, 0 % frozen). */
export async function effectivePolicy(serviceId: string): Promise<EffectivePolicy> {
  const service = await findServiceWithPolicies(serviceId);
  if (!service) throw notFound("service");
  return policyOf(service);
}

/** effectivePolicy of many services in one query (services that do not exist are left out). */
export async function effectivePolicies(serviceIds: string[]): Promise<Map<string, EffectivePolicy>> {
  if (!serviceIds.length) return new Map();
  const services = await findServicesWithPolicies(serviceIds);
  return new Map(services.map((s) => [s.id, policyOf(s)]));
}
