import "server-only";
import { dropCached } from "@/lib/cache/shared-cache";
import { getDb } from "@/lib/db";
import { evaluatePolicy } from "@/lib/slo";
import { effectivePolicies } from "../policy-effective";

// The budget-policy state of each service, stored on its SLOs' status rows so the overview can sort and
// filter by it in SQL. It is the same evaluation the service page makes (lib/slo/policy.ts) over the
// stored statuses of all the service's SLOs, written after every computation that touched the service.

type Row = { serviceId: string; sloId: string; name: string; remaining: number | null; pageFiring: boolean };

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
  const db = await getDb();
  const [rows, policies] = await Promise.all([
    db.$queryRaw<Row[]>`
      SELECT "serviceId", "sloId", coalesce("body"->>'name', '') AS name, "budgetRemaining" AS remaining,
             jsonb_path_exists("body", '$.alerts[*] ? (@.severity == "page" && @.firing == true)') AS "pageFiring"
      FROM "SloStatusRow" WHERE "serviceId" = ANY(${ids}::text[])`,
    effectivePolicies(ids),
  ]);
  const byService = new Map<string, Row[]>();
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
  if (!states.length) return;
  await db.$executeRaw`
    UPDATE "SloStatusRow" AS r SET "serviceState" = v.state::"PolicyStateName"
    FROM unnest(${states.map((s) => s.serviceId)}::text[], ${states.map((s) => s.state)}::text[]) AS v(service, state)
    WHERE r."serviceId" = v.service AND r."serviceState" IS DISTINCT FROM v.state::"PolicyStateName"`;
}
