import "server-only";
import { EventEmitter } from "node:events";
import pg from "pg";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { logger } from "@/lib/observability/logger";
import {
  CACHE_KINDS,
  EVENT_CHANNEL,
  isInvalidateEvent,
  isLiveEvent,
  type CacheKind,
  type InvalidateScope,
  type LiveEvent,
} from "./types";

type Executor = { $executeRaw: (q: TemplateStringsArray, ...v: unknown[]) => Promise<number> };

/**
 * Publishes an event to every process (Postgres NOTIFY). Pass the transaction client to publish only if
 * the transaction commits. Best effort: a failure is logged, never fails the change that caused it
 * (browsers fall back to polling every 30 s).
 */
export async function publishEvent(event: LiveEvent, tx?: Executor): Promise<void> {
  try {
    const db = tx ?? (await getDb());
    await db.$executeRaw`SELECT pg_notify(${EVENT_CHANNEL}, ${JSON.stringify(event)})`;
  } catch (err) {
    logger().warn({ topic: event.topic, err: (err as Error).message }, "could not publish a live event");
  }
}

declare global {
  var __srecpEventBus: { emitter: EventEmitter; started: Promise<void> | null; listening: boolean } | undefined;
}

const bus = () =>
  (globalThis.__srecpEventBus ??= { emitter: new EventEmitter().setMaxListeners(0), started: null, listening: false });

/**
 * Whether this process currently receives notifications. While it does not, a missed invalidation could
 * go unnoticed, so caches must not serve hits (lib/cache/shared-cache.ts); every change of the state
 * drops every cache.
 */
function setListening(on: boolean) {
  const b = bus();
  if (b.listening === on) return;
  b.listening = on;
  for (const kind of CACHE_KINDS) b.emitter.emit("invalidate", kind, { hard: true } satisfies InvalidateScope);
}

export const isListening = () => bus().listening;

function deliver(payload: string | undefined) {
  try {
    const parsed: unknown = JSON.parse(payload ?? "");
    if (isLiveEvent(parsed)) bus().emitter.emit("event", parsed);
    else if (isInvalidateEvent(parsed))
      bus().emitter.emit("invalidate", parsed.kind, (parsed.ids ? { ids: parsed.ids } : {}) satisfies InvalidateScope);
  } catch {
    // not ours; ignore
  }
}

/** One LISTEN connection per process; reconnects with backoff after the database comes back. */
async function listenPostgres(url: string, attempt = 0): Promise<void> {
  const client = new pg.Client({ connectionString: url, application_name: "srecp-events", keepAlive: true });
  let retried = false;
  const retry = () => {
    if (retried) return;
    retried = true;
    setListening(false);
    client.removeAllListeners();
    client.end().catch(() => {});
    const delay = Math.min(30_000, 500 * 2 ** attempt);
    setTimeout(() => void listenPostgres(url, attempt + 1), delay).unref();
  };
  try {
    await client.connect();
    client.on("notification", (n) => n.channel === EVENT_CHANNEL && deliver(n.payload));
    client.once("error", (err) => {
      logger().warn({ err: err.message }, "live events connection lost; reconnecting");
      retry();
    });
    client.once("end", retry);
    await client.query(`LISTEN ${EVENT_CHANNEL}`);
    attempt = 0;
    setListening(true);
  } catch (err) {
    logger().warn({ err: (err as Error).message }, "live events: cannot listen yet; retrying");
    retry();
  }
}

async function startListening(): Promise<void> {
  const { databaseUrl } = env();
  if (databaseUrl) return listenPostgres(databaseUrl);
  await getDb();
  await globalThis.__srecpPglite!.pglite.listen(EVENT_CHANNEL, deliver);
  setListening(true);
}

function ensureListening() {
  const b = bus();
  b.started ??= startListening().catch((err) => {
    b.started = null;
    logger().warn({ err: (err as Error).message }, "live events unavailable");
  });
  return b;
}

/** Calls `listener` for every live event from any process; returns the unsubscribe function. */
export function onLiveEvent(listener: (e: LiveEvent) => void): () => void {
  const b = ensureListening();
  b.emitter.on("event", listener);
  return () => b.emitter.off("event", listener);
}

/** Calls `listener` when rows behind cached `kind` values changed in any process (database triggers). */
export function onInvalidate(listener: (kind: CacheKind, scope: InvalidateScope) => void): () => void {
  const b = ensureListening();
  b.emitter.on("invalidate", listener);
  return () => b.emitter.off("invalidate", listener);
}
