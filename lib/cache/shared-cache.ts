import { isListening, onInvalidate } from "@/lib/events/bus";
import type { CacheKind } from "@/lib/events/types";

// Per-process caches of database reads on the hot request path (who a token or session is; an SLO's
// definition), so a status read costs one indexed query instead of seven. Correctness does not rest on
// the TTL: database triggers NOTIFY "invalidate" for the kind whenever the rows behind it change, from any
// process or the CLI, and every process drops that kind at once. The writer's own process drops it
// synchronously too (`dropCached`), so a revoke is refused by the very next request. While this process
// cannot LISTEN (the database connection for notifications is down), nothing is served from a cache.

type Entry<V> = { atMs: number; value: Promise<V> };

export type SharedCache<V> = {
  /** The cached value for `key`, or `load()`'s (shared by concurrent callers; a failure is not kept). */
  get(key: string, load: () => Promise<V>, nowMs?: number): Promise<V>;
  size(): number;
};

declare global {
  var __srecpCaches: Map<CacheKind, { clear: () => void }[]> | undefined;
}

const registry = () => (globalThis.__srecpCaches ??= new Map());

/** Drops every cache of `kind` in this process (other processes hear the database trigger). */
export function dropCached(kind: CacheKind): void {
  for (const c of registry().get(kind) ?? []) c.clear();
}

let subscribed = false;
/** Whether caches may serve hits now; the first call subscribes this process to invalidations. */
export function cachesLive(): boolean {
  if (!subscribed) {
    subscribed = true;
    onInvalidate(dropCached);
  }
  return isListening();
}

/** Runs `clear` whenever `kind` is dropped: here (dropCached) or, through the database trigger, anywhere. */
export function registerCache(kind: CacheKind, clear: () => void): void {
  registry().set(kind, [...(registry().get(kind) ?? []), { clear }]);
}

/**
 * A cache of `kind` values (several kinds: dropped when any of them is): at most `maxEntries` (oldest dropped first), each for at most `ttlMs`.
 * A load in flight when the kind is invalidated is returned to its callers but not kept.
 */
export function sharedCache<V>(
  kind: CacheKind | CacheKind[],
  opts: { ttlMs: number; maxEntries: number },
): SharedCache<V> {
  const entries = new Map<string, Entry<V>>();
  // entries are put in the map when their load starts, so clear() also drops loads still in flight
  for (const k of [kind].flat()) registerCache(k, () => entries.clear());
  return {
    size: () => entries.size,
    get(key, load, nowMs = Date.now()) {
      if (!cachesLive()) return load();
      const hit = entries.get(key);
      if (hit && nowMs - hit.atMs < opts.ttlMs) return hit.value;
      const value = load();
      entries.delete(key);
      entries.set(key, { atMs: nowMs, value });
      if (entries.size > opts.maxEntries) entries.delete(entries.keys().next().value!);
      value.catch(() => entries.get(key)?.value === value && entries.delete(key));
      return value;
    },
  };
}

/** Runs a write (typically a transaction) and then drops `kind` here, once it has committed or failed. */
export async function droppingAfter<T>(kind: CacheKind, write: Promise<T>): Promise<T> {
  try {
    return await write;
  } finally {
    dropCached(kind);
  }
}
