import "server-only";
import { findRollupSpans, sumRollups, type RollupRow, type RollupSpan } from "@/lib/db";

// What this process knows of the hourly rollup table, so a status refresh does not read it again every
// interval: at 10,000 SLOs the refresh asked PostgreSQL, every 30 s, for the span of rolled hours of every
// SLO version and for the sums of up to a window (30 days = 720 rows) per version, though both change only
// when hours are rolled — once an hour per version, and on backfills.
//
// Why remembering is safe: rolled hours are never updated nor deleted (insertRollups ignores hours already
// present; only deleting an SLO removes its rows, and its version ids are never asked for again). So
// - a span read from the table and widened by this process's own inserts is a lower bound of what the table
//   holds: another process's inserts only make this one plan hours already present, which are ignored;
// - the sums of [from, until) are final once the status engine has synced the version up to `until` (it
//   sums only versions whose sync completed), and `until` moves on every hour, which makes new keys.
// Both expire after TTL_MS all the same, so a restored backup (or an hour rolled elsewhere before a window
// start, which the sync does not cover) shows within minutes. Memory: at most MAX_VERSIONS entries each.

const TTL_MS = 10 * 60_000;
const MAX_VERSIONS = 50_000;

type Counts = { good: number; total: number };
const ZERO: Counts = Object.freeze({ good: 0, total: 0 });
const spans = new Map<string, { span: RollupSpan; readMs: number }>();
/** Per version: the sums of the latest `untilMs` asked for, by range start. */
const sums = new Map<string, { untilMs: number; readMs: number; byFrom: Map<number, Counts> }>();

/** Map insertion order is age order: the oldest entries go first. */
function bound<V>(m: Map<string, V>) {
  for (const k of m.keys()) {
    if (m.size <= MAX_VERSIONS) return;
    m.delete(k);
  }
}

/**
 * First and last rolled hour per version (absent: none rolled): from memory where it is recent, unless
 * `reread` (then from the table, and remembered).
 */
export async function rollupSpans(
  versionIds: string[],
  opts: { reread?: boolean; nowMs?: number } = {},
): Promise<Map<string, RollupSpan>> {
  const nowMs = opts.nowMs ?? Date.now();
  const out = new Map<string, RollupSpan>();
  const ask: string[] = [];
  for (const id of versionIds) {
    const hit = spans.get(id);
    if (hit && !opts.reread && nowMs - hit.readMs < TTL_MS) out.set(id, hit.span);
    else ask.push(id);
  }
  const found = await findRollupSpans(ask);
  for (const id of ask) spans.delete(id); // (re)inserted below: the newest last
  for (const [id, span] of found) {
    spans.set(id, { span, readMs: nowMs });
    out.set(id, span);
  }
  bound(spans);
  return out;
}

/** Widens the remembered spans by rows this process has just stored (the table holds them now). */
export function noteRolled(rows: RollupRow[]) {
  for (const r of rows) {
    const hit = spans.get(r.versionId);
    if (!hit) continue; // read from the table on the next ask
    const h = r.hour.getTime();
    hit.span = { firstMs: Math.min(hit.span.firstMs, h), lastMs: Math.max(hit.span.lastMs, h) };
  }
}

/**
 * Sums of rolled hours in [fromMs, untilMs) per version and tag, keyed "<versionId>|<tag>" (a range with no
 * rolled hour counts zero). The ranges of a version's latest `untilMs` are remembered; an earlier `untilMs`
 * (a status at a past instant) is read from the table and not kept.
 */
export async function rollupSums(
  ranges: { versionId: string; fromMs: number; tag: string }[],
  untilMs: number,
  nowMs = Date.now(),
): Promise<Map<string, Counts>> {
  const fresh = (id: string) => {
    const m = sums.get(id);
    return m && m.untilMs === untilMs && nowMs - m.readMs < TTL_MS ? m : undefined;
  };
  const ask = new Map<string, { versionId: string; fromMs: number }>();
  for (const r of ranges)
    if (!fresh(r.versionId)?.byFrom.has(r.fromMs))
      ask.set(`${r.versionId}|${r.fromMs}`, { versionId: r.versionId, fromMs: r.fromMs });
  const read = await sumRollups([...ask.values()], untilMs);
  for (const { versionId, fromMs } of ask.values()) {
    const m = sums.get(versionId);
    if (m && m.untilMs > untilMs) continue; // a past instant's sums: not kept
    const entry = fresh(versionId) ?? { untilMs, readMs: nowMs, byFrom: new Map<number, Counts>() };
    entry.byFrom.set(fromMs, read.get(`${versionId}|${fromMs}`) ?? ZERO);
    sums.delete(versionId);
    sums.set(versionId, entry);
  }
  bound(sums);
  const out = new Map<string, Counts>();
  for (const r of ranges) {
    const key = `${r.versionId}|${r.fromMs}`;
    out.set(`${r.versionId}|${r.tag}`, fresh(r.versionId)?.byFrom.get(r.fromMs) ?? read.get(key) ?? ZERO);
  }
  return out;
}
