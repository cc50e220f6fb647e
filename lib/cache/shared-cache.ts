import { isListening, onInvalidate } from "@/lib/events/bus";
import type { CacheKind, InvalidateScope } from "@/lib/events/types";

// Per-process caches of database reads on the hot request path (who a token or session is; an SLO's
// definition), so a status read costs one indexed query instead of seven. Correctness does not rest on
// the TTL: database triggers NOTIFY "invalidate" for the kind whenever the rows behind it change, from any
// process or the CLI, and every process drops that kind at once. The writer's own process drops it
// synchronously too (`dropCached`), so a revoke is refused by the very next request. While this process
// cannot LISTEN (the database connection for notifications is down), nothing is served from a cache.

/** `stale`: invalidated softly (served while one reload runs); `reloading`: that reload is in flight. */
type Entry<V> = { atMs: number; value: Promise<V>; stale?: boolean; reloading?: boolean };

export type SharedCache<V> = {
  /** The cached value for `key`, or `load()`'s (shared by concurrent callers; a failure is not kept). */
  get(key: string, load: () => Promise<V>, nowMs?: number): Promise<V>;
  size(): number;
};

declare global {
  var __srecpCaches: Map<CacheKind, { clear: (scope: InvalidateScope) => void }[]> | undefined;
}

const registry = () => (globalThis.__srecpCaches ??= new Map());

/**
 * Drops every cache of `kind` in this process (other processes hear the database trigger): all of it, or
 * only `scope.ids` where a cache is keyed by them. A writer dropping its own writes is never "soft".
 */
export function dropCached(kind: CacheKind, scope: InvalidateScope = { hard: true }): void {
  for (const c of registry().get(kind) ?? []) c.clear(scope);
}

let subscribed = false;
/** Whether caches may serve hits now; the first call subscribes this process to invalidations. */
export function cachesLive(): boolean {
  if (!subscribed) {
    subscribed = true;
    onInvalidate((kind, scope) => dropCached(kind, scope));
  }
  return isListening();
}

/** Runs `clear` whenever `kind` is dropped: here (dropCached) or, through the database trigger, anywhere. */
export function registerCache(kind: CacheKind, clear: (scope: InvalidateScope) => void): void {
  registry().set(kind, [...(registry().get(kind) ?? []), { clear }]);
}

/**
 * A cache of `kind` values (several kinds: dropped when any of them is): at most `maxEntries` (oldest dropped first), each for at most `ttlMs`.
 * A load in flight when the kind is invalidated is returned to its callers but not kept.
 * `soft` kinds, when another process's write invalidates them, do not drop an entry: it is served as it is
 * while one reload runs in the background, started at most every `minReloadMs` — for values that many
 * small writes move all the time (the overview's order as a refresh stores batch after batch), where a
 * reader should neither wait for nor cause a recompute per write. This process's own drops, and a
 * reset of the notification connection, always drop.
 */
export function sharedCache<V>(
  kind: CacheKind | CacheKind[],
  opts: { ttlMs: number; maxEntries: number; soft?: CacheKind[]; minReloadMs?: number },
): SharedCache<V> {
  const entries = new Map<string, Entry<V>>();
  const markStale = () => entries.forEach((e) => (e.stale = true));
  // entries are put in the map when their load starts, so clear() also drops loads still in flight
  for (const k of [kind].flat())
    registerCache(k, (scope) => {
      if (opts.soft?.includes(k) && !scope.hard) markStale();
      else entries.clear();
    });
  const revalidate = (key: string, hit: Entry<V>, load: () => Promise<V>, nowMs: number) => {
    // an invalidation arriving while this reload runs marks the entry stale again: it reloads once more
    hit.stale = false;
    hit.reloading = true;
    load()
      .then((v) => {
        if (entries.get(key) !== hit) return;
        hit.value = Promise.resolve(v);
        hit.atMs = nowMs;
      })
      .catch(() => (hit.stale = true))
      .finally(() => (hit.reloading = false));
  };
  return {
    size: () => entries.size,
    get(key, load, nowMs = Date.now()) {
      if (!cachesLive()) return load();
      const hit = entries.get(key);
      if (hit && nowMs - hit.atMs < opts.ttlMs) {
        if (hit.stale && !hit.reloading && nowMs - hit.atMs >= (opts.minReloadMs ?? 0))
          revalidate(key, hit, load, nowMs);
        return hit.value;
      }
      const value = load();
      entries.delete(key);
      entries.set(key, { atMs: nowMs, value });
      if (entries.size > opts.maxEntries) entries.delete(entries.keys().next().value!);
      value.catch(() => entries.get(key)?.value === value && entries.delete(key));
      return value;
    },
  };
}

/** Runs a write (typically a transaction) and then drops `kind` here (all, or `ids`), once it has committed or failed. */
export async function droppingAfter<T>(kind: CacheKind, write: Promise<T>, ids?: string[]): Promise<T> {
  try {
    return await write;
  } finally {
    dropCached(kind, { ...(ids ? { ids } : {}), hard: true });
  }
}
