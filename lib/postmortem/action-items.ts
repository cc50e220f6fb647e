import { businessDaysDeadline, endOfLocalDayMs, isValidTimezone, localDateOf, type Holidays } from "./business-days";
import { err, ok, type Result } from "./result";

// Postmortem action items. Due dates are local dates plus the IANA zone they are evaluated in (the
// owner's team calendar); an item is due at the end of that local day (23:59:59.999 local).

export const ACTION_ITEM_PRIORITIES = ["P0", "P1", "P2", "P3"] as const;
export type ActionItemPriority = (typeof ACTION_ITEM_PRIORITIES)[number];

/**
 * Default due offset in business days from creation (anchors C.4): P0 5, P1 20 (≈ Atlassian's 4 weeks),
 * P2 40 (≈ 8 weeks), P3 none (no due date required; reviewed after P3_REVIEW_AFTER_CALENDAR_DAYS).
 */
export const ACTION_ITEM_DUE_BUSINESS_DAYS: Readonly<Record<ActionItemPriority, number | null>> = {
  P0: 5,
  P1: 20,
  P2: 40,
  P3: null,
};

export const ACTION_ITEM_TYPES = ["prevent", "mitigate", "detect", "repair", "investigate"] as const;
export type ActionItemType = (typeof ACTION_ITEM_TYPES)[number];

export const ACTION_ITEM_STATUSES = ["open", "in_progress", "done", "wont_do"] as const;
export type ActionItemStatus = (typeof ACTION_ITEM_STATUSES)[number];

export type ActionItem = {
  title: string;
  owner: string | null;
  priority: ActionItemPriority;
  type: ActionItemType;
  status: ActionItemStatus;
  /** Local date "YYYY-MM-DD" in `dueTimezone`, or null (allowed for P3). */
  dueDate: string | null;
  dueTimezone: string | null;
  /** Required when status is wont_do. */
  wontDoReason?: string | null;
  /** Epoch ms; set when the item becomes done. */
  completedAtMs?: number | null;
};

export type ActionItemDue = { dueDate: string; dueTimezone: string; dueAtMs: number };

/**
 * Policy due date for a new item: the end of the local day that is N business days (see
 * ACTION_ITEM_DUE_BUSINESS_DAYS) after the local creation date in `timezone`; always a business day.
 * Returns null for P3. Throws RangeError for an unknown time zone.
 */
export function defaultActionItemDue(input: {
  priority: ActionItemPriority;
  createdAtMs: number;
  timezone: string;
  holidays?: Holidays;
}): ActionItemDue | null {
  const businessDays = ACTION_ITEM_DUE_BUSINESS_DAYS[input.priority];
  if (businessDays === null) return null;
  const { date, timezone, atMs } = businessDaysDeadline({
    fromMs: input.createdAtMs,
    businessDays,
    timezone: input.timezone,
    holidays: input.holidays,
  });
  return { dueDate: date, dueTimezone: timezone, dueAtMs: atMs };
}

/** Epoch ms at which the item's due date ends, or null when it has no (complete) due date. */
export const actionItemDueAtMs = (item: Pick<ActionItem, "dueDate" | "dueTimezone">): number | null =>
  item.dueDate === null || item.dueTimezone === null ? null : endOfLocalDayMs(item.dueDate, item.dueTimezone);

/**
 * True when an open or in-progress item is past the end of its local due day at `nowMs`.
 * Boundary: exactly at 23:59:59.999 local it is not yet overdue (overdue means now > end of day); a
 * manual Saturday due date is therefore overdue from Sunday 00:00 local. done and wont_do are never overdue.
 */
export function actionItemOverdue(
  item: Pick<ActionItem, "status" | "dueDate" | "dueTimezone">,
  nowMs: number,
): boolean {
  if (item.status === "done" || item.status === "wont_do") return false;
  const dueAtMs = actionItemDueAtMs(item);
  return dueAtMs !== null && nowMs > dueAtMs;
}

export type ActionItemProblem = { field: keyof ActionItem; message: string };

/** Consistency checks that a stored item must pass; an empty list means valid. */
export function validateActionItem(item: ActionItem): ActionItemProblem[] {
  const problems: ActionItemProblem[] = [];
  if (item.title.trim() === "") problems.push({ field: "title", message: "An action item needs a title." });
  if (item.status === "wont_do" && (item.wontDoReason ?? "").trim() === "") {
    problems.push({ field: "wontDoReason", message: "Say why the item will not be done." });
  }
  if ((item.dueDate === null) !== (item.dueTimezone === null)) {
    problems.push({
      field: "dueTimezone",
      message: "A due date needs the time zone it is evaluated in, and vice versa.",
    });
  } else if (item.dueTimezone !== null && !isValidTimezone(item.dueTimezone)) {
    problems.push({ field: "dueTimezone", message: `Unknown time zone "${item.dueTimezone}".` });
  } else if (item.dueDate !== null && !/^\d{4}-\d{2}-\d{2}$/.test(item.dueDate)) {
    problems.push({ field: "dueDate", message: "The due date must look like YYYY-MM-DD." });
  }
  if (item.dueDate === null && item.priority !== "P3") {
    problems.push({ field: "dueDate", message: `${item.priority} items need a due date.` });
  }
  return problems;
}

/**
 * A new item must not start out overdue: its due date is today or later in the owning team's zone
 * (local dates compare as strings). Returns the field message, or null when acceptable. Only creation
 * checks this; editing may still set any date (e.g. recording an agreed deadline after the fact).
 */
export function pastDueDateProblem(dueDate: string | null, timezone: string, nowMs: number): string | null {
  if (dueDate === null) return null;
  const today = localDateOf(nowMs, timezone);
  return dueDate < today ? `must be today (${today}, ${timezone}) or later` : null;
}

export type ActionItemStatusError = "same_status" | "reason_required";

/**
 * Moves an item to `to` at `atMs`. Any status may move to any other (done/wont_do can be reopened).
 * wont_do requires a non-blank reason; done records `completedAtMs`; leaving done clears it and leaving
 * wont_do clears the reason.
 */
export function changeActionItemStatus(
  item: ActionItem,
  to: ActionItemStatus,
  context: { atMs: number; reason?: string },
): Result<ActionItem, ActionItemStatusError> {
  if (item.status === to) return err("same_status", `The item is already ${to}.`);
  const reason = context.reason?.trim() ?? "";
  if (to === "wont_do" && reason === "") return err("reason_required", "Say why the item will not be done.");
  return ok({
    ...item,
    status: to,
    wontDoReason: to === "wont_do" ? reason : null,
    completedAtMs: to === "done" ? context.atMs : null,
  });
}
