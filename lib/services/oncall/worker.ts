import { logger } from "@/lib/observability/logger";
import { escalateDuePages } from "./escalation";
import { recordOnCall } from "./oncall-log";

// The on-call background worker: every 15 s it escalates due pages and records who is on call now
// (OnCallLog). Start it once per server process from instrumentation.ts:
//   export async function register() {
//     if (process.env.NEXT_RUNTIME === "nodejs") (await import("@/lib/services/oncall/worker")).startOncallWorker();
//   }
// Several processes may run it at once: escalations use optimistic concurrency per page and the
// history writer takes a per-schedule advisory lock, so nothing is notified or recorded twice.

const INTERVAL_MS = 15_000;

declare global {
  var __srecpOncallWorker: { timer: NodeJS.Timeout; running: boolean } | undefined;
}

/** One tick: escalations first (time-critical), then the on-call history. Never throws. */
export async function oncallTick(nowMs = Date.now()): Promise<void> {
  try {
    const { pages } = await escalateDuePages(nowMs);
    if (pages) logger().info({ pages }, "pages escalated");
  } catch (err) {
    logger().error({ err: err instanceof Error ? err.message : String(err) }, "escalation tick failed");
  }
  try {
    await recordOnCall(nowMs);
  } catch (err) {
    logger().error({ err: err instanceof Error ? err.message : String(err) }, "on-call history tick failed");
  }
}

/**
 * Starts the worker (idempotent: a second call returns the same stop function without a second timer).
 * The timer is unref'd, so it never keeps the process alive; a tick is skipped while the previous one runs.
 */
export function startOncallWorker(intervalMs = INTERVAL_MS): () => void {
  if (!globalThis.__srecpOncallWorker) {
    const state = { running: false, timer: undefined as unknown as NodeJS.Timeout };
    state.timer = setInterval(() => {
      if (state.running) return;
      state.running = true;
      void oncallTick().finally(() => {
        state.running = false;
      });
    }, intervalMs);
    state.timer.unref();
    globalThis.__srecpOncallWorker = state;
    logger().info({ intervalMs }, "on-call worker started");
  }
  return stopOncallWorker;
}

export function stopOncallWorker(): void {
  const state = globalThis.__srecpOncallWorker;
  if (!state) return;
  clearInterval(state.timer);
  globalThis.__srecpOncallWorker = undefined;
}
