import "server-only";
import { getDb } from "@/lib/db";
import { batchQuery, upstreamError } from "@/lib/prometheus";
import type { LedgerSegment } from "@/lib/slo/ledger";
import { prometheusFor } from "./prometheus-source";
import { HOUR_MS, MAX_QUERY_BYTES, hourFloor, rolledUntil, syncRollups } from "./rollups";
import { countsOf, sumItems } from "./sli-sums";
import type { SloDef } from "./store";

// Exact good/total of arbitrary contiguous pieces of an SLO's history, the way the status engine counts
// a window: a piece that is a whole rolled UTC hour is that hour's rollup row (exact, from Postgres); any
// other piece (a sub-hour piece cut by an incident or deploy edge, the open hour(s) not rolled yet) is a raw
// increase of exactly its range from Prometheus, all in one batched instant query at the last cut.
// Never an averaged ratio: every number is an event count.

/**
 * Counts of the pieces [cuts[i], cuts[i+1]) of `def`'s version in force. The cuts must lie inside the SLO
 * window ending at the last cut (rollups are kept for that window). A piece without any total sample had
 * no traffic (0/0). Prometheus down → 503 UPSTREAM_UNAVAILABLE.
 */
export async function exactSegments(def: SloDef, cuts: readonly number[], realNowMs: number): Promise<LedgerSegment[]> {
  const fromMs = cuts[0]!;
  const toMs = cuts[cuts.length - 1]!;
  try {
    const client = await prometheusFor(def.service.dataSourceId);
    const untilMs = rolledUntil(toMs, realNowMs);
    await syncRollups(client, [def], toMs, untilMs);
    const db = await getDb();
    const rows = await db.sloRollup.findMany({
      where: { versionId: def.version.id, hour: { gte: new Date(hourFloor(fromMs)), lt: new Date(untilMs) } },
      select: { hour: true, good: true, total: true },
    });
    const rolled = new Map(rows.map((r) => [r.hour.getTime(), { good: r.good, total: r.total }]));
    const pieces = cuts.slice(1).map((endMs, i) => ({ startMs: cuts[i]!, endMs, tag: `p${i}` }));
    const isRolledHour = (p: { startMs: number; endMs: number }) =>
      p.endMs - p.startMs === HOUR_MS && p.startMs % HOUR_MS === 0 && p.endMs <= untilMs;
    const raw = pieces.filter((p) => !isRolledHour(p));
    const items = raw.flatMap((p) => sumItems(def, p.tag, `${Math.round(p.endMs - p.startMs)}ms`, toMs - p.endMs));
    const res = items.length
      ? await batchQuery(client, items, { timeSec: toMs / 1000, maxQueryBytes: MAX_QUERY_BYTES })
      : { values: new Map<string, number>() };
    return pieces.map((p) => {
      const c = isRolledHour(p) ? rolled.get(p.startMs) : countsOf(def, res.values, p.tag);
      const total = c && Number.isFinite(c.total) ? Math.max(0, c.total) : 0;
      const good = c && Number.isFinite(c.good) ? Math.min(total, Math.max(0, c.good)) : 0;
      return { startMs: p.startMs, endMs: p.endMs, good, total };
    });
  } catch (err) {
    throw upstreamError(err, "the SLO's event counts");
  }
}
