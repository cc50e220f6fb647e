import "server-only";
import { getDb } from "@/lib/db";
import { correctedHours, type CorrectionRange, type Counts } from "@/lib/slo/corrections";

// THE place where approved corrections meet exact counts. Every consumer (status engine → budget and
// release gate, burndown, team reports, the budget ledger) asks here which hours of an SLO are excluded
// and what their exact hourly rollup counts are; the pure rule (whole corrected UTC hours leave the
// counts) is lib/slo/corrections.ts. Pending and rejected corrections never apply.

export type Exclusion = Counts & { bad: number; hours: number[]; byHour: Map<number, Counts> };

/** Approved correction ranges per SLO id (SLOs without any are absent). One query. */
export async function approvedCorrectionRanges(
  sloIds: readonly string[],
): Promise<Map<string, (CorrectionRange & { id: string })[]>> {
  const out = new Map<string, (CorrectionRange & { id: string })[]>();
  if (!sloIds.length) return out;
  const rows = await (
    await getDb()
  ).sloCorrection.findMany({
    where: { sloId: { in: [...sloIds] }, status: "approved" },
    select: { id: true, sloId: true, startsAt: true, endsAt: true },
    orderBy: { startsAt: "asc" },
  });
  for (const r of rows)
    out.set(r.sloId, [
      ...(out.get(r.sloId) ?? []),
      { id: r.id, startMs: r.startsAt.getTime(), endMs: r.endsAt.getTime() },
    ]);
  return out;
}

export type ExclusionQuery = { key: string; sloId: string; versionId: string; fromMs: number; untilMs: number };

/**
 * Exact counts that approved corrections remove from [fromMs, untilMs) of one SLO version: the sum of
 * that version's hourly rollups over the corrected whole hours in the range (rolled hours only; the
 * caller counts hours not yet rolled itself, as raw increases). `ranges` may be passed when already
 * loaded. Keys without corrected hours get zero counts. One rollup query per version with corrections.
 */
export async function excludedCounts(
  queries: readonly ExclusionQuery[],
  ranges?: Map<string, CorrectionRange[]>,
): Promise<Map<string, Exclusion>> {
  const byId = ranges ?? (await approvedCorrectionRanges([...new Set(queries.map((q) => q.sloId))]));
  const hoursOf = new Map(queries.map((q) => [q.key, correctedHours(byId.get(q.sloId) ?? [], q.fromMs, q.untilMs)]));
  const wanted = new Map<string, Set<number>>();
  for (const q of queries)
    for (const h of hoursOf.get(q.key)!) wanted.set(q.versionId, (wanted.get(q.versionId) ?? new Set()).add(h));
  const db = await getDb();
  const rows = new Map<string, Map<number, Counts>>();
  await Promise.all(
    [...wanted].map(async ([versionId, hours]) => {
      const found = await db.sloRollup.findMany({
        where: { versionId, hour: { in: [...hours].map((h) => new Date(h)) } },
        select: { hour: true, good: true, total: true },
      });
      rows.set(versionId, new Map(found.map((r) => [r.hour.getTime(), { good: r.good, total: r.total }])));
    }),
  );
  const out = new Map<string, Exclusion>();
  for (const q of queries) {
    const hours = hoursOf.get(q.key)!;
    const byHour = new Map(hours.map((h) => [h, rows.get(q.versionId)?.get(h) ?? { good: 0, total: 0 }]));
    const good = [...byHour.values()].reduce((s, c) => s + c.good, 0);
    const total = [...byHour.values()].reduce((s, c) => s + c.total, 0);
    out.set(q.key, { good, total, bad: Math.max(0, total - good), hours, byHour });
  }
  return out;
}
