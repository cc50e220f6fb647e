import "server-only";
import { getDb } from "@/lib/db";

// The background jobs walk the organisation's SLOs in bounded batches (lib/services/slo/slo-batches.ts)
// instead of loading every definition at once: keyset pages in the order data source → service → SLO, so
// the SLOs of one data source come together and those of one service (which usually share their SLI's
// expressions, sent once per batch) stay in the same batch.

/** Where the previous batch ended (exclusive); null before the first. */
export type SloBatchCursor = { source: string; serviceId: string; id: string } | null;

type Row = { id: string; serviceId: string; source: string };

/**
 * The ids of the next batch of at most `limit` SLOs after `cursor`, and the cursor after it (null when
 * this was the last batch). A full batch ends at a service boundary: the trailing service's SLOs start
 * the next batch instead, unless the batch holds one service only (a service larger than a batch is split).
 */
export async function nextSloBatch(
  cursor: SloBatchCursor,
  limit: number,
): Promise<{ ids: string[]; next: SloBatchCursor }> {
  const db = await getDb();
  const c = cursor ?? { source: "", serviceId: "", id: "" };
  // '' sorts before every id (cuids are never empty): the first page starts at the beginning
  const rows = await db.$queryRaw<Row[]>`
    SELECT s.id, s."serviceId", coalesce(sv."dataSourceId", '') AS source
    FROM "Slo" s JOIN "Service" sv ON sv.id = s."serviceId"
    WHERE (coalesce(sv."dataSourceId", ''), s."serviceId", s.id) > (${c.source}, ${c.serviceId}, ${c.id})
    ORDER BY 3, 2, 1
    LIMIT ${limit}`;
  if (rows.length < limit) return { ids: rows.map((r) => r.id), next: null };
  const last = rows.at(-1)!;
  const cut = rows.findIndex((r) => r.serviceId === last.serviceId && r.source === last.source);
  const kept = cut > 0 ? rows.slice(0, cut) : rows;
  const end = kept.at(-1)!;
  return { ids: kept.map((r) => r.id), next: { source: end.source, serviceId: end.serviceId, id: end.id } };
}
