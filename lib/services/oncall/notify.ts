import { logger } from "@/lib/observability/logger";

// Delivery of pages to people. The escalation engine decides who is notified and records it as PageEvents
// ("notified", with the step, round, targets and the people per schedule) in the same transaction as the
// escalation itself; after that transaction commits it hands each notification to the NotificationHook.
// Phone, SMS, push or chat delivery is out of scope: the default hook only records (the events above are
// the record) and logs. A real channel implements `deliver` (it must not throw for a single failed
// recipient; failures are logged by the engine and never roll back an escalation).

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

export interface NotificationHook {
  deliver(notification: Notification): Promise<void>;
}

/** The default hook: nothing leaves the process; the PageEvents already record who was notified. */
export const recordOnlyHook: NotificationHook = {
  async deliver(n) {
    logger().info({ pageId: n.pageId, step: n.stepIndex, round: n.round, users: n.userIds.length, reason: n.reason }, "page notification recorded (no delivery channel configured)");
  },
};

declare global {
  var __srecpNotificationHook: NotificationHook | undefined;
}

export const notificationHook = (): NotificationHook => globalThis.__srecpNotificationHook ?? recordOnlyHook;

/** Installs a delivery channel (or restores the default with null); returns the previous hook. */
export function setNotificationHook(hook: NotificationHook | null): NotificationHook {
  const previous = notificationHook();
  globalThis.__srecpNotificationHook = hook ?? undefined;
  return previous;
}

/** Hands notifications to the hook after the transaction that recorded them has committed. */
export async function deliverAll(notifications: Notification[]): Promise<void> {
  const hook = notificationHook();
  for (const n of notifications) {
    try {
      await hook.deliver(n);
    } catch (err) {
      logger().error({ pageId: n.pageId, err: err instanceof Error ? err.message : String(err) }, "notification hook failed");
    }
  }
}
