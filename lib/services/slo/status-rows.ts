import "server-only";
import { cachesLive, registerCache } from "@/lib/cache/shared-cache";
import type { StoredStatus } from "./status-store";

// Per-process cache of stored status rows (the read model) by SLO id, so a warm status read runs no SQL and
// parses nothing. Filled by reads; dropped in every process whenever a stored status is written, by anyone
// (the "statuses" trigger, migration 20261203143000_status_row_invalidation, through the shared-cache
// invalidation of lib/cache/shared-cache.ts), and here at once after this process's own writes. Rows are
// cached as stored — with their computedAt — so the age and staleness served are computed at serve time
// (status-read.ts servedStatus), never frozen. While this process cannot LISTEN, nothing is served from it.

/** Rows kept at most (the oldest filled dropped first): the status bodies of 20,000 SLOs are a few tens of MiB. */
const MAX_ROWS = 20_000;
/** A safety net only: invalidation does not rest on it (as for the other shared caches). */
const TTL_MS = 10_000;

type Memo = { rows: Map<string, { atMs: number; row: StoredStatus }>; generation: number };

declare global {
  var __srecpStatusRows: Memo | undefined;
}

function memo(): Memo {
  if (globalThis.__srecpStatusRows) return globalThis.__srecpStatusRows;
  const m: Memo = { rows: new Map(), generation: 0 };
  // a read in flight when the kind is dropped started before the write: its rows are not kept (generation)
  registerCache("statuses", () => {
    m.rows.clear();
    m.generation += 1;
  });
  return (globalThis.__srecpStatusRows = m);
}

/** The stored rows of `sloIds`: cached ones from memory, the others through `load` (one call, kept if still current). */
export async function cachedStatusRows(
  sloIds: string[],
  load: (ids: string[]) => Promise<Map<string, StoredStatus>>,
): Promise<Map<string, StoredStatus>> {
  const m = memo();
  if (!cachesLive()) return load(sloIds);
  const nowMs = Date.now();
  const out = new Map<string, StoredStatus>();
  const missing: string[] = [];
  for (const id of sloIds) {
    const hit = m.rows.get(id);
    if (hit && nowMs - hit.atMs < TTL_MS) out.set(id, hit.row);
    else missing.push(id);
  }
  if (!missing.length) return out;
  const generation = m.generation;
  const loaded = await load(missing);
  const keep = generation === m.generation && cachesLive();
  for (const [id, row] of loaded) {
    out.set(id, row);
    if (!keep) continue;
    m.rows.delete(id);
    m.rows.set(id, { atMs: nowMs, row });
    if (m.rows.size > MAX_ROWS) m.rows.delete(m.rows.keys().next().value!);
  }
  return out;
}
