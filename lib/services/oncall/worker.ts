import "server-only";
import { logger } from "@/lib/observability/logger";
import { escalateDuePages } from "./escalation";
import { recordOnCall } from "./oncall-log";

// The on-call tick, run every 15 s as the job "oncall" on the job queue (lib/jobs): it escalates due
// pages and records who is on call now (OnCallLog). The queue runs it once per interval across
// processes; even so a tick is safe to overlap: escalations use optimistic concurrency per page and the
// history writer takes a per-schedule advisory lock, so nothing is notified or recorded twice.

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
