import "server-only";
import { env } from "@/lib/env";
import { publishEvent } from "@/lib/events/bus";
import { enqueueJob } from "@/lib/jobs/enqueue";

// What the escalation engine reports about the people it notified. The delivery itself is durable:
// the engine writes Notification rows in its own transaction (lib/services/notify/queue.ts) and the
// job "notifications-deliver" sends them (lib/services/notify/deliver.ts), every few seconds and
// right after a commit that queued some (kickDelivery).

export type Notification = {
  pageId: string;
  title: string;
  severity: string;
  serviceSlug: string | null;
  userIds: string[];
  stepIndex: number;
  round: number;
  reason: "opened" | "escalated";
  atMs: number;
};

/**
 * Asks the job runner to deliver now, after the caller's transaction committed. Only where the job
 * queue is already running in this process, or this is a web-only process (which enqueues to the
 * workers): elsewhere (tests, CLI) starting the queue for a nudge is not worth it — the periodic run
 * delivers within seconds. Never throws (enqueueJob logs a queue outage).
 */
export async function kickDelivery(): Promise<void> {
  if (!globalThis.__srecpBoss && env().role !== "web") return;
  await enqueueJob("notifications-deliver");
}

/**
 * After an escalation or intake committed: tells open browsers (live event "page", a toast for the people
 * paged) and nudges delivery. Never throws.
 */
export async function announcePages(notifications: Notification[]): Promise<void> {
  for (const n of notifications) {
    await publishEvent({
      topic: "page",
      pageId: n.pageId,
      userIds: n.userIds,
      title: n.title,
      severity: n.severity,
      status: n.reason === "opened" ? "triggered" : "escalated",
      service: n.serviceSlug,
    });
  }
  if (notifications.length) await kickDelivery();
}

/** A response (acknowledged / resolved) committed: browsers showing pages refresh; nobody gets a toast. */
export async function announcePageStatus(
  page: { id: string; title: string; severity: string; serviceSlug: string | null },
  status: string,
): Promise<void> {
  await publishEvent({
    topic: "page",
    pageId: page.id,
    userIds: [],
    title: page.title,
    severity: page.severity,
    status,
    service: page.serviceSlug,
  });
}
