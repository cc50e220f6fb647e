import { actionItemDueAtMs } from "@/lib/postmortem";
import type { ActionItemDue, OverdueItem } from "./types";

// Action items over a report period [startMs, endMs), where endMs is the end of the period or now,
// whichever is earlier:
// - opened: created in the period;
// - closed: marked done in the period (completedAt); won't-do items are counted apart (their decision
//   instant is the last update);
// - overdue: at endMs, created by then, past the end of their local due day, and neither done nor
//   won't-do by then (an item done after the period was still open at its end).

export type PeriodActionItem = ActionItemDue & {
  createdAtMs: number;
  completedAtMs: number | null;
  /** Last change; the instant a won't-do decision was made. */
  updatedAtMs: number;
};

export type ActionItemPeriodStats = {
  opened: number;
  closed: number;
  wontDo: number;
  overdue: number;
  overdueHighPriority: number;
  overdueItems: OverdueItem[];
};

const inRange = (ms: number | null, start: number, end: number) => ms !== null && ms >= start && ms < end;

function closedBy(item: PeriodActionItem, atMs: number): boolean {
  if (item.status === "done")
    return item.completedAtMs !== null ? item.completedAtMs <= atMs : item.updatedAtMs <= atMs;
  if (item.status === "wont_do") return item.updatedAtMs <= atMs;
  return false;
}

export function actionItemPeriodStats(
  items: readonly PeriodActionItem[],
  startMs: number,
  endMs: number,
): ActionItemPeriodStats {
  const overdueItems: ActionItemPeriodStats["overdueItems"] = [];
  for (const item of items) {
    if (item.createdAtMs > endMs || item.dueDate === null || closedBy(item, endMs)) continue;
    const dueAtMs = actionItemDueAtMs({ dueDate: item.dueDate, dueTimezone: item.dueTimezone });
    if (dueAtMs !== null && endMs > dueAtMs)
      overdueItems.push({
        id: item.id,
        title: item.title,
        priority: item.priority,
        dueDate: item.dueDate,
        dueTimezone: item.dueTimezone,
        dueAtMs,
      });
  }
  overdueItems.sort((a, b) => a.priority.localeCompare(b.priority) || a.dueAtMs - b.dueAtMs);
  return {
    opened: items.filter((i) => inRange(i.createdAtMs, startMs, endMs)).length,
    closed: items.filter((i) => i.status === "done" && inRange(i.completedAtMs ?? i.updatedAtMs, startMs, endMs))
      .length,
    wontDo: items.filter((i) => i.status === "wont_do" && inRange(i.updatedAtMs, startMs, endMs)).length,
    overdue: overdueItems.length,
    overdueHighPriority: overdueItems.filter((i) => i.priority === "P0" || i.priority === "P1").length,
    overdueItems,
  };
}
