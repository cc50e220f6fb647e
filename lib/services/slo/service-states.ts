import "server-only";
import { dropCached } from "@/lib/cache/shared-cache";
import { findStatusPolicyFacts, storeServiceStates, type StatusPolicyFacts } from "@/lib/db/repos/service-states";
import { evaluatePolicy } from "@/lib/slo";
import { effectivePolicies } from "../policy-effective";

// The budget-policy state of each service, stored on its SLOs' status rows so the overview can sort and
// filter by it in SQL. It is the same evaluation the service page makes (lib/slo/policy.ts) over the
// stored statuses of all the service's SLOs, written after every computation that touched the service.

/**
 * Recomputes and stores the policy state of `serviceIds` from their SLOs' stored rows (one read, one write).
 * Called after every status write: this process drops its overview listings at once (lib/services/slo/slo-page.ts;
 * the others hear the table's trigger), so a reader here never sees the order from before the write.
 */
export async function updateServiceStates(serviceIds: string[]): Promise<void> {
  try {
    await writeServiceStates(serviceIds);
  } finally {
    dropCached("slo-ranks");
  }
}

async function writeServiceStates(serviceIds: string[]): Promise<void> {
  const ids = [...new Set(serviceIds)];
  if (!ids.length) return;
  const [rows, policies] = await Promise.all([findStatusPolicyFacts(ids), effectivePolicies(ids)]);
  const byService = new Map<string, StatusPolicyFacts[]>();
  for (const r of rows) byService.set(r.serviceId, [...(byService.get(r.serviceId) ?? []), r]);
  const states = [...byService].flatMap(([serviceId, slos]) => {
    const policy = policies.get(serviceId);
    if (!policy) return [];
    const { state } = evaluatePolicy(
      policy,
      slos.map((s) => ({ sloId: s.sloId, name: s.name, remaining: s.remaining, pageAlertFiring: s.pageFiring })),
    );
    return [{ serviceId, state }];
  });
  await storeServiceStates(states);
}
