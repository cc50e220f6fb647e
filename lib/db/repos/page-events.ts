import "server-only";
import { z } from "zod";
import { getDb } from "../client";
import { parseColumn } from "./parse-column";

// Page events read by schedule: the "notified" events the escalation worker writes, whose detail says
// which people each schedule's on-call step reached (`bySchedule`: schedule id → user ids; absent in
// events written before it existed).

const notifiedDetail = z.object({ bySchedule: z.record(z.string(), z.array(z.string())).optional() });

/** One notification through a schedule: the page and the people it reached as that schedule's on-call. */
export type ScheduleNotification = { pageId: string; atMs: number; userIds: string[] };

/** "notified" events that reached someone through `scheduleId` in [range.gte, range.lt), oldest first. */
export async function notificationsThroughSchedule(
  scheduleId: string,
  range: { gte: Date; lt?: Date },
): Promise<ScheduleNotification[]> {
  const db = await getDb();
  const events = await db.pageEvent.findMany({
    where: { kind: "notified", at: range, detail: { path: ["scheduleIds"], array_contains: [scheduleId] } },
    select: { id: true, pageId: true, at: true, detail: true },
    orderBy: { at: "asc" },
  });
  return events.map((e) => {
    const { bySchedule } = parseColumn(notifiedDetail, e.detail, { table: "PageEvent", id: e.id, field: "detail" });
    return { pageId: e.pageId, atMs: e.at.getTime(), userIds: bySchedule?.[scheduleId] ?? [] };
  });
}

const exhaustedDetail = z.object({ unacknowledgedAt: z.iso.datetime().optional() });

/**
 * When an "exhausted" event (the page went through every step of its policy) makes the page count as
 * unacknowledged: its last step's delay after the event (`unacknowledgedAt`), or at once for events
 * written before that field existed. Epoch ms.
 */
export function unacknowledgedSinceMs(event: { id: string; at: Date; detail: unknown }): number {
  const { unacknowledgedAt } = parseColumn(exhaustedDetail, event.detail, {
    table: "PageEvent",
    id: event.id,
    field: "detail",
  });
  return unacknowledgedAt === undefined ? event.at.getTime() : Date.parse(unacknowledgedAt);
}
