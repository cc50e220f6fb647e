// Coalesces single-key loads made in the same tick into one batch load (a page of 100 cache misses is one
// SQL statement, not 100). Keys asked for twice in a batch share one answer; a key the batch does not
// return resolves to undefined; a failed batch rejects every caller in it.

type Waiter<V> = { resolve: (v: V | undefined) => void; reject: (err: unknown) => void };

export function batched<V>(
  loadMany: (keys: string[]) => Promise<Map<string, V>>,
): (key: string) => Promise<V | undefined> {
  let queue: Map<string, Waiter<V>[]> | null = null;
  const flush = async (batch: Map<string, Waiter<V>[]>) => {
    try {
      const found = await loadMany([...batch.keys()]);
      for (const [key, waiters] of batch) for (const w of waiters) w.resolve(found.get(key));
    } catch (err) {
      for (const waiters of batch.values()) for (const w of waiters) w.reject(err);
    }
  };
  return (key) =>
    new Promise<V | undefined>((resolve, reject) => {
      if (!queue) {
        const batch = (queue = new Map());
        queueMicrotask(() => {
          queue = null;
          void flush(batch);
        });
      }
      queue.set(key, [...(queue.get(key) ?? []), { resolve, reject }]);
    });
}
