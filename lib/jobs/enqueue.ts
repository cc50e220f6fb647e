import "server-only";
import type PgBoss from "pg-boss";
import { env } from "@/lib/env";
import { logger } from "@/lib/observability/logger";
import { getBoss } from "./boss";
import { nowQueueOf, queueOptionsOf } from "./queues";

/**
 * Asks the job runner (any process with role worker/both) to run `name` soon. For a periodic job this
 * is a run now, coalesced: while one such request is queued, more are no-ops (stately queue). For an
 * event job (e.g. slo-recompute) every call is a job with its own data.
 * Enqueueing never fails the caller's request: a queue outage is logged, and the periodic runs catch up.
 */
export async function enqueueJob(
  name: string,
  data: Record<string, unknown> = {},
  opts: { singletonKey?: string; startAfterSeconds?: number } = {},
): Promise<void> {
  try {
    const boss = await getBoss();
    const queue = nowQueueOf(name);
    await ensureQueue(boss, queue);
    await boss.send(queue, data, {
      ...(opts.singletonKey ? { singletonKey: opts.singletonKey } : {}),
      ...(opts.startAfterSeconds ? { startAfter: opts.startAfterSeconds } : {}),
    });
  } catch (err) {
    logger().warn({ job: name, err: (err as Error).message }, "could not enqueue job; the periodic run will catch up");
  }
}

/**
 * enqueueJob where it is worth it: in a process whose queue already runs, or a web-only process (whose
 * work the workers do). Elsewhere (tests, the CLI) starting the queue for a nudge is not: the periodic run
 * comes soon. Never throws.
 */
export async function nudgeJob(name: string, data: Record<string, unknown> = {}): Promise<void> {
  if (!globalThis.__srecpBoss && env().role !== "web") return;
  await enqueueJob(name, data);
}

declare global {
  var __srecpKnownQueues: Set<string> | undefined;
}

/** createQueue once per process per queue (idempotent in pg-boss as well). */
export async function ensureQueue(boss: PgBoss, queue: string): Promise<void> {
  const known = (globalThis.__srecpKnownQueues ??= new Set());
  if (known.has(queue)) return;
  await boss.createQueue(queue, { name: queue, ...queueOptionsOf(queue) });
  known.add(queue);
}
