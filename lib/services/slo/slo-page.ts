import "server-only";
import { findSloOrder, type SloOrder } from "@/lib/db/repos/slos";
import { sharedCache } from "@/lib/cache/shared-cache";
import type { PolicyState } from "@/lib/slo";
import { cachedSloDef, type SloDef, type SloPageQuery } from "./store";

// One page of the SLO overview. The order of every matching SLO (filtered and sorted in SQL over the
// status read model) is kept per process for each filter and sort, so a page and its true total cost no
// SQL while nothing behind them changes: the listing is dropped in every process when an SLO, version,
// service or team changes ("slos") and when a stored budget, burn rate or policy state moves ("slo-ranks"),
// through the same database-trigger NOTIFY as the other caches. A few dozen listings at most: each
// holds one id per matching SLO (about 60 bytes; 600 kB at 10,000 SLOs).
// "slo-ranks" from another process is soft: a refresh stores its statuses batch by batch (20 batches per
// interval at 10,000 SLOs), so a listing is served as it is while one recompute runs, at most every 2 s —
// the order may trail the figures by that much, and no reader waits for the recompute. New, changed or
// deleted SLOs ("slos") and this process's own writes drop listings at once.

const orders = sharedCache<SloOrder>(["slos", "slo-ranks"], {
  ttlMs: 60_000,
  maxEntries: 24,
  soft: ["slo-ranks"],
  minReloadMs: 2_000,
});

const keyOf = (f: SloPageQuery) =>
  JSON.stringify([f.sort ?? "service", f.dir ?? "asc", f.q?.trim() ?? "", f.state ?? "", f.serviceSlug, f.teamSlug]);

/**
 * One page of SLOs (lists and forms: unsigned ones included) with the true total. The definitions come
 * from the per-process definition cache (a page's misses in one query). `states`: each SLO's stored
 * service policy state.
 */
export async function loadSloPage(
  filter: SloPageQuery,
  page: number,
  pageSize: number,
): Promise<{ defs: SloDef[]; total: number; states: Map<string, PolicyState | null> }> {
  const order = await orders.get(keyOf(filter), () => findSloOrder(filter));
  const from = (page - 1) * pageSize;
  const ids = order.ids.slice(from, from + pageSize);
  const states = new Map(ids.map((id, i) => [id, order.states[from + i] ?? null]));
  const defs = (await Promise.all(ids.map(cachedSloDef))).filter((d): d is SloDef => d !== null);
  return { defs, total: order.ids.length, states };
}
