import "server-only";
import { droppingAfter } from "@/lib/cache/shared-cache";
import { getDb } from "@/lib/db";
import { findStatusRows, type StatusRow } from "@/lib/db/repos/slos";
import { statusRowCache } from "./status-rows";
import type { SloDef } from "./store";
import type { SloStatus } from "./status-types";

// The persisted status read model (SloStatusRow): written after every status computation, read by the
// status endpoints and the overview. One row per SLO, keyed by its id and stamped with the version it was
// computed for (a row of an older version is not served as the current status).

export type StoredStatus = Omit<StatusRow, "sloId">;

const fastest = (s: SloStatus) => {
  const rates = Object.values(s.burnRates).filter((x): x is number => typeof x === "number");
  return rates.length ? Math.max(...rates) : null;
};

/** Upserts the statuses of `defs` computed at `computedAtMs` in one statement. */
export async function saveStatuses(
  defs: SloDef[],
  statuses: Map<string, SloStatus>,
  computedAtMs: number,
): Promise<void> {
  const rows = defs.filter((d) => statuses.has(d.id)).map((d) => ({ d, s: statuses.get(d.id)! }));
  if (!rows.length) return;
  const db = await getDb();
  const at = new Date(computedAtMs);
  // this process drops its cached rows once the write is done; the others hear the table's trigger
  await droppingAfter(
    "statuses",
    db.$executeRaw`
    INSERT INTO "SloStatusRow" ("sloId", "versionId", "serviceId", "teamId", "budgetRemaining", "burnRate", "noData", "stale", "body", "computedAt")
    SELECT r.slo, r.version, r.service, r.team, r.budget, r.burn, r.nodata, false, r.body, ${at}
    FROM unnest(${rows.map((r) => r.d.id)}::text[], ${rows.map((r) => r.d.version.id)}::text[], ${rows.map((r) => r.d.service.id)}::text[], ${rows.map((r) => r.d.service.teamId)}::text[],
                ${rows.map((r) => r.s.errorBudget.remaining)}::float8[], ${rows.map((r) => fastest(r.s))}::float8[], ${rows.map((r) => r.s.noData)}::bool[], ${rows.map((r) => JSON.stringify(r.s))}::jsonb[])
      AS r(slo, version, service, team, budget, burn, nodata, body)
    WHERE EXISTS (SELECT 1 FROM "Slo" WHERE id = r.slo)
    ON CONFLICT ("sloId") DO UPDATE SET "versionId" = EXCLUDED."versionId", "serviceId" = EXCLUDED."serviceId", "teamId" = EXCLUDED."teamId",
      "budgetRemaining" = EXCLUDED."budgetRemaining", "burnRate" = EXCLUDED."burnRate", "noData" = EXCLUDED."noData", "stale" = false, "body" = EXCLUDED."body", "computedAt" = EXCLUDED."computedAt"
    -- a computation that finishes late (e.g. one held up by a hung Prometheus) never overwrites a newer one
    WHERE "SloStatusRow"."computedAt" <= EXCLUDED."computedAt" OR "SloStatusRow"."versionId" <> EXCLUDED."versionId"`,
    rows.map((r) => r.d.id),
  );
}

/**
 * Prometheus could not be asked: the stored values stay (with their computedAt, hence their age) and are
 * marked stale with the reason — never replaced by empty numbers, so a restart during an outage still
 * shows the last good values.
 */
export async function markStale(
  sloIds: string[],
  stale: { reason: string; error: string; unavailableSince?: string },
): Promise<void> {
  if (!sloIds.length) return;
  const db = await getDb();
  const patch = JSON.stringify({
    stale: true,
    staleReason: stale.reason,
    error: stale.error,
    ...(stale.unavailableSince ? { unavailableSince: stale.unavailableSince } : {}),
  });
  await droppingAfter(
    "statuses",
    db.$executeRaw`UPDATE "SloStatusRow" SET "stale" = true, "body" = "body" || ${patch}::jsonb WHERE "sloId" = ANY(${sloIds}::text[])`,
    sloIds,
  );
}

/**
 * The stored statuses of the given SLOs, by SLO id: from this process's cache (status-rows.ts), the rows
 * not cached in one SQL statement (lib/db/repos/slos.ts parses each body).
 */
export async function readStatuses(sloIds: string[]): Promise<Map<string, StoredStatus>> {
  return cachedRows(sloIds);
}

const cachedRows = statusRowCache(
  async (ids) => new Map((await findStatusRows(ids)).map(({ sloId, ...row }) => [sloId, row])),
);
