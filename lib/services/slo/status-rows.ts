import "server-only";
import { cachesLive, registerCache } from "@/lib/cache/shared-cache";
import type { InvalidateScope } from "@/lib/events/types";
import type { StoredStatus } from "./status-store";

// Per-process cache of stored status rows (the read model) by SLO id, so a warm status read runs no SQL and
// parses nothing. Filled by reads. Every write of a stored status, by anyone, NOTIFYs the SLO ids it
// changed (migration 20261204120000_status_rows_by_id; a delete or truncate: all), and this process drops
// those rows at once after its own writes. The rows dropped that were cached and read in the last minute
// are reloaded in the background in one statement, so a refresh that rewrites thousands of rows batch by batch keeps the cache warm instead
// of emptying it per batch (issue 17: at 10,000 SLOs reads refilled it every 1.5 s). Rows are cached as
// stored — with their computedAt — so the age and staleness served are computed at serve time
// (status-read.ts servedStatus), never frozen. While this process cannot LISTEN, nothing is served from it.

/**
 * Rows kept at most (the oldest filled dropped first), whatever N: about 3 MiB of parsed status bodies.
 * Viewers read a few overview pages of 50 and the SLOs they open; an API client paging the fleet 1,000 at
 * a time only cycles through it. At 10,000 SLOs a bound of 20,000 kept every row once read, and 5,000
 * still left the web server's RSS above its 350 MiB target, its garbage collector marking what no viewer
 * reads again (bench/RESULTS.md, 2026-12-06).
 */
const MAX_ROWS = 1_000;
/** A changed row is reloaded in the background only if it was read this recently; otherwise it is just dropped. */
const RELOAD_IF_READ_MS = 60_000;
/** A safety net only: invalidation does not rest on it (as for the other shared caches). */
const TTL_MS = 120_000;

type Load = (ids: string[]) => Promise<Map<string, StoredStatus>>;
type Memo = {
  /** atMs: when loaded; readMs: when last served. */
  rows: Map<string, { atMs: number; readMs: number; row: StoredStatus }>;
  /**
   * Per SLO id, the invalidation that last dropped it: a load started before it is not kept for that id.
   * Only loads in flight need it, so it is emptied whenever none is (`loading`): it never grows with N.
   */
  dropped: Map<string, number>;
  loading: number;
  seq: number;
  /** Bumped by a drop of everything: no load started before it is kept. */
  epoch: number;
  /** Ids dropped while cached and read recently, to reload in the background (one statement per tick), with when they were last read. */
  reload: Map<string, number>;
  load: Load;
};

declare global {
  var __srecpStatusRows: Memo | undefined;
}

function drop(m: Memo, scope: InvalidateScope) {
  if (!scope.ids || m.dropped.size > 20 * MAX_ROWS) {
    m.rows.clear();
    m.dropped.clear();
    m.reload.clear();
    m.epoch += 1;
    return;
  }
  m.seq += 1;
  if (!m.loading) m.dropped.clear(); // no load began before this drop: only the ones after it can be in flight
  const scheduled = m.reload.size > 0;
  const recent = Date.now() - RELOAD_IF_READ_MS;
  for (const id of scope.ids) {
    const had = m.rows.get(id);
    if (had && m.rows.delete(id) && had.readMs >= recent) m.reload.set(id, had.readMs);
    m.dropped.set(id, m.seq);
  }
  if (!scheduled && m.reload.size) setImmediate(() => void reloadDropped(m));
}

async function reloadDropped(m: Memo) {
  const readAt = new Map(m.reload);
  m.reload.clear();
  if (!readAt.size) return;
  // a failed reload leaves them to the next read; a reloaded row keeps when it was last read
  await fill(m, [...readAt.keys()], m.load, (id) => readAt.get(id)!).catch(() => {});
}

/** Loads `ids` through `load` and keeps each row not dropped since the load began (last read: `readMs`, else now). */
async function fill(
  m: Memo,
  ids: string[],
  load: Load,
  readMs?: (id: string) => number,
): Promise<Map<string, StoredStatus>> {
  const [seq, epoch, atMs] = [m.seq, m.epoch, Date.now()];
  m.loading += 1;
  try {
    const loaded = await load(ids);
    if (epoch !== m.epoch || !cachesLive()) return loaded;
    for (const [id, row] of loaded) {
      if ((m.dropped.get(id) ?? 0) > seq) continue;
      m.rows.delete(id);
      m.rows.set(id, { atMs, readMs: readMs?.(id) ?? atMs, row });
      if (m.rows.size > MAX_ROWS) m.rows.delete(m.rows.keys().next().value!);
    }
    return loaded;
  } finally {
    // only after the check above: a drop in between must still see this load in flight
    m.loading -= 1;
  }
}

/** The process's one memo (kept on globalThis across module reloads in development), loading through `load`. */
function memo(load: Load): Memo {
  const kept = globalThis.__srecpStatusRows;
  if (kept) return Object.assign(kept, { load });
  const m: Memo = { rows: new Map(), dropped: new Map(), loading: 0, seq: 0, epoch: 0, reload: new Map(), load };
  registerCache("statuses", (scope) => drop(m, scope));
  return (globalThis.__srecpStatusRows = m);
}

/**
 * The cache over the stored rows loaded by `load` (one call per batch of misses; the background reloads use
 * it too). The returned reader gives the rows of `sloIds`: cached ones from memory, the others through
 * `load`, kept if still current.
 */
export function statusRowCache(load: Load): (sloIds: string[]) => Promise<Map<string, StoredStatus>> {
  const m = memo(load);
  return (sloIds) => cachedRows(m, sloIds);
}

async function cachedRows(m: Memo, sloIds: string[]): Promise<Map<string, StoredStatus>> {
  const { load } = m;
  if (!cachesLive()) return load(sloIds);
  const nowMs = Date.now();
  const out = new Map<string, StoredStatus>();
  const missing: string[] = [];
  for (const id of sloIds) {
    const hit = m.rows.get(id);
    if (hit && nowMs - hit.atMs < TTL_MS) {
      hit.readMs = nowMs;
      out.set(id, hit.row);
    } else missing.push(id);
  }
  if (!missing.length) return out;
  for (const [id, row] of await fill(m, missing, load)) out.set(id, row);
  return out;
}
