import "server-only";
import { asError } from "@/lib/errors";
import { insertRollups, type RollupRow, type RollupSpan } from "@/lib/db";
import { batchQuery, batchRangeQuery, type PrometheusClient } from "@/lib/prometheus";
import { windowBounds } from "@/lib/slo";
import { countsFrom, countsOf, sumItems } from "./sli-sums";
import { noteRolled, rollupSpans } from "./rollup-memo";
import type { SloDef } from "./store";

export const HOUR_MS = 3_600_000;
export const hourFloor = (ms: number) => Math.floor(ms / HOUR_MS) * HOUR_MS;

/** An hour is rolled up only once it ended this long ago by the real clock, so late scrapes are in. */
const INGEST_LAG_MS = 120_000;
/** Up to this many missing hours are filled with batched instant queries; more → one range query per SLO. */
const MAX_BATCHED_HOURS = 3;
/** Go's form parser accepts bodies up to 10 MB; stay well below. */
export const MAX_QUERY_BYTES = 8_000_000;

/**
 * Exclusive end of the hours that may be rolled up for an evaluation at `atMs`: the hour containing
 * atMs is open, and so is an hour that ended less than INGEST_LAG_MS ago.
 */
export const rolledUntil = (atMs: number, realNowMs: number) =>
  Math.min(hourFloor(atMs), hourFloor(realNowMs - INGEST_LAG_MS));

/**
 * A backfill range query covers at most this many hours of at most this many sums (two per SLO), so each
 * answers well inside a data source's time-out: one query over 30 days of 2,500 new SLOs outlived the
 * 10 s time-out, and failed them all (issue 17). Chunks go forward in time and are stored as they come,
 * so a backfill cut short resumes where it stopped (the rolled hours stay one contiguous run).
 */
const BACKFILL_CHUNK_HOURS = 7 * 24;
const BACKFILL_MAX_ITEMS = 100;

/** Brings the rollups up to `until` (syncRollupsPartial); a backfill that failed fails the call. */
export async function syncRollups(
  client: PrometheusClient,
  defs: SloDef[],
  atMs: number,
  untilMs: number,
): Promise<number> {
  const r = await syncRollupsPartial(client, defs, atMs, untilMs);
  if (r.backfillError) throw r.backfillError;
  return r.queries;
}

/**
 * Brings the hourly rollup table (exact good/total per SLO version per UTC hour) up to `until`:
 * new SLO versions are backfilled over their whole window in bounded chunks of range queries; the
 * steady state (one new hour) costs a constant number of batched instant queries for all SLOs.
 * A failed backfill chunk stops only that group's backfill: its versions are returned in `incomplete`
 * (with the error) and the others are rolled up as usual; a failure of the steady-state queries throws.
 * @returns the number of Prometheus HTTP queries made.
 */
export async function syncRollupsPartial(
  client: PrometheusClient,
  defs: SloDef[],
  atMs: number,
  untilMs: number,
): Promise<{ queries: number; incomplete: Set<string>; backfillError: Error | null }> {
  const incomplete = new Set<string>();
  let backfillError: Error | null = null;
  if (!defs.length) return { queries: 0, incomplete, backfillError };
  // What seems missing by this process's memory is confirmed with the table before Prometheus is asked:
  // another replica may have rolled it (the jobs run on any of them), and the memory only lags behind.
  const memo = await rollupSpans(defs.map((d) => d.version.id));
  const seemMissing = defs.filter((d) => missingHours(d, memo.get(d.version.id), atMs, untilMs).length);
  const reread = seemMissing.length
    ? await rollupSpans(
        seemMissing.map((d) => d.version.id),
        { reread: true },
      )
    : new Map();
  const byHour = new Map<number, SloDef[]>();
  const backfills: { def: SloDef; fromMs: number; toMs: number }[] = [];
  for (const def of seemMissing) {
    for (const [fromMs, toMs] of missingHours(def, reread.get(def.version.id), atMs, untilMs)) {
      if ((toMs - fromMs) / HOUR_MS > MAX_BATCHED_HOURS) backfills.push({ def, fromMs, toMs });
      else for (let h = fromMs; h < toMs; h += HOUR_MS) byHour.set(h, [...(byHour.get(h) ?? []), def]);
    }
  }
  let queries = 0;
  // Backfills sharing a range (typically every new SLO of one window) go out together as keyed range
  // queries of hourly increases: a few queries for a thousand SLOs instead of two each.
  const byRange = new Map<string, { fromMs: number; toMs: number; defs: SloDef[] }>();
  for (const b of backfills) {
    const k = `${b.fromMs}-${b.toMs}`;
    byRange.set(k, { fromMs: b.fromMs, toMs: b.toMs, defs: [...(byRange.get(k)?.defs ?? []), b.def] });
  }
  for (const { fromMs, toMs, defs: all } of byRange.values()) {
    for (const group of bySliChunks(all)) {
      // after a failure (a hung or overloaded Prometheus) the rest waits for the next run instead of
      // spending one time-out per chunk
      if (backfillError) {
        for (const d of group) incomplete.add(d.version.id);
        continue;
      }
      try {
        for (let from = fromMs; from < toMs; from += BACKFILL_CHUNK_HOURS * HOUR_MS) {
          queries += await backfillChunk(client, group, from, Math.min(toMs, from + BACKFILL_CHUNK_HOURS * HOUR_MS));
        }
      } catch (err) {
        backfillError = asError(err);
        for (const d of group) incomplete.add(d.version.id);
      }
    }
  }
  for (const [hour, hourDefs] of byHour) {
    const res = await batchQuery(
      client,
      hourDefs.flatMap((d) => sumItems(d, "h", "1h")),
      { timeSec: (hour + HOUR_MS) / 1000, maxQueryBytes: MAX_QUERY_BYTES },
    );
    queries += res.queryCount;
    await store(
      hourDefs.map((d) => {
        const c = countsOf(d, res.values, "h");
        return row(d.version.id, hour, c?.good, c?.total);
      }),
    );
  }
  return { queries, incomplete, backfillError };
}

/**
 * The hour ranges [from, to) of `def`'s window up to `untilMs` that are not rolled, given its rolled span.
 * Rolled hours are one contiguous run [first, last]: it is extended backwards (a window reaching further
 * into the past than before, e.g. a status `at` an earlier time) and forwards; a run that ended before the
 * window starts is left behind and the window rolled anew.
 */
function missingHours(def: SloDef, known: RollupSpan | undefined, atMs: number, untilMs: number): [number, number][] {
  const windowStart = hourFloor(windowBounds(def.version.window, atMs).startMs);
  const ranges: [number, number][] =
    !known || known.lastMs + HOUR_MS < windowStart
      ? [[windowStart, untilMs]]
      : [
          [windowStart, Math.min(known.firstMs, untilMs)],
          [Math.max(windowStart, known.lastMs + HOUR_MS), untilMs],
        ];
  return ranges.filter(([from, to]) => to > from);
}

/** SLOs in groups of at most BACKFILL_MAX_ITEMS distinct sums (SLOs over the same SLI share theirs: batchQuery sends one). */
function bySliChunks(defs: SloDef[]): SloDef[][] {
  const bySli = new Map<string, SloDef[]>();
  for (const d of defs) {
    const k = sumItems(d, "h", "1h")
      .map((i) => i.expr)
      .join("\n");
    bySli.set(k, [...(bySli.get(k) ?? []), d]);
  }
  const out: SloDef[][] = [];
  let current: SloDef[] = [];
  let distinct = 0;
  for (const same of bySli.values()) {
    if (distinct && distinct + 2 > BACKFILL_MAX_ITEMS) {
      out.push(current);
      current = [];
      distinct = 0;
    }
    current.push(...same);
    distinct += 2;
  }
  if (current.length) out.push(current);
  return out;
}

/** Hourly increases of `group` over [fromMs, toMs) as keyed range queries, stored; returns the query count. */
async function backfillChunk(client: PrometheusClient, group: SloDef[], fromMs: number, toMs: number): Promise<number> {
  const res = await batchRangeQuery(
    client,
    group.flatMap((d) => sumItems(d, "h", "1h")),
    { startSec: (fromMs + HOUR_MS) / 1000, endSec: toMs / 1000, stepSec: 3600 },
    { maxQueryBytes: MAX_QUERY_BYTES, maxItemsPerQuery: BACKFILL_MAX_ITEMS },
  );
  const rows: RollupRow[] = [];
  for (const def of group) {
    const at = (tag: string) => new Map((res.values.get(`${def.id}|h|${tag}`) ?? []).map(([t, v]) => [t * 1000, v]));
    const [total, other] = [at("t"), at("x")];
    for (let h = fromMs; h < toMs; h += HOUR_MS) {
      const c = countsFrom(def, total.get(h + HOUR_MS), other.get(h + HOUR_MS));
      rows.push(row(def.version.id, h, c?.good, c?.total));
    }
  }
  await store(rows);
  return res.queryCount;
}

/** Stores rolled hours and tells this process's memory of the table (rollup-memo.ts) they are there. */
async function store(rows: RollupRow[]) {
  await insertRollups(rows);
  noteRolled(rows);
}

/** No total sample = no traffic that hour (Prometheus answered, so it is a fact, not an outage). */
function row(versionId: string, hourMs: number, good: number | undefined, total: number | undefined): RollupRow {
  const t = total !== undefined && Number.isFinite(total) ? total : 0;
  const g = good !== undefined && Number.isFinite(good) ? Math.min(good, t) : 0;
  return { versionId, hour: new Date(hourMs), good: g, total: t };
}
