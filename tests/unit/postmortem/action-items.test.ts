import { describe, expect, it } from "vitest";
import {
  actionItemOverdue,
  changeActionItemStatus,
  defaultActionItemDue,
  pastDueDateProblem,
  validateActionItem,
  type ActionItem,
} from "@/lib/postmortem";

const at = (iso: string): number => Date.parse(iso);
const NY = "America/New_York";

const item = (overrides: Partial<ActionItem> = {}): ActionItem => ({
  title: "Add connection pool metrics to dashboard",
  owner: "Alice",
  priority: "P1",
  type: "detect",
  status: "open",
  dueDate: "2026-12-05",
  dueTimezone: NY,
  ...overrides,
});

describe("defaultActionItemDue", () => {
  // Created Friday 2026-11-27 10:00 New York time.
  const createdAtMs = at("2026-11-27T15:00:00Z");

  it.each([
    ["P0", "2026-12-04"],
    ["P1", "2026-12-25"],
    ["P2", "2027-01-22"],
  ] as const)("%s is due at the end of %s (business days from the local creation date)", (priority, dueDate) => {
    const due = defaultActionItemDue({ priority, createdAtMs, timezone: NY });
    expect(due?.dueDate).toBe(dueDate);
    expect(due?.dueTimezone).toBe(NY);
  });

  it("gives P3 no due date", () => {
    expect(defaultActionItemDue({ priority: "P3", createdAtMs, timezone: NY })).toBeNull();
  });

  it("never lands on a holiday", () => {
    const due = defaultActionItemDue({ priority: "P0", createdAtMs, timezone: NY, holidays: ["2026-12-04"] });
    expect(due).toEqual({ dueDate: "2026-12-07", dueTimezone: NY, dueAtMs: at("2026-12-08T04:59:59.999Z") });
  });
});

describe("actionItemOverdue", () => {
  // A manual Saturday due date: due at the end of Saturday local time, overdue from Sunday 00:00.
  const saturdayEnd = at("2026-12-06T04:59:59.999Z");

  it.each([
    ["Friday night before the Saturday due date", at("2026-12-05T04:00:00Z"), false],
    ["exactly at the end of the due day", saturdayEnd, false],
    ["Sunday 00:00 local", saturdayEnd + 1, true],
  ] as const)("open item, %s → %s", (_name, nowMs, expected) => {
    expect(actionItemOverdue(item(), nowMs)).toBe(expected);
  });

  it.each([
    ["open", true],
    ["in_progress", true],
    ["done", false],
    ["wont_do", false],
  ] as const)("status %s past the due date → %s", (status, expected) => {
    expect(actionItemOverdue(item({ status }), saturdayEnd + 86_400_000)).toBe(expected);
  });

  it("is never overdue without a due date", () => {
    expect(
      actionItemOverdue(item({ priority: "P3", dueDate: null, dueTimezone: null }), at("2030-01-01T00:00:00Z")),
    ).toBe(false);
  });

  it("handles a due date on a 23-hour DST day (Europe/Berlin 2027-03-28)", () => {
    const berlin = item({ dueDate: "2027-03-28", dueTimezone: "Europe/Berlin" });
    const endOfDay = at("2027-03-28T21:59:59.999Z");
    expect(actionItemOverdue(berlin, endOfDay - 1000)).toBe(false);
    expect(actionItemOverdue(berlin, endOfDay)).toBe(false);
    expect(actionItemOverdue(berlin, endOfDay + 1000)).toBe(true);
  });
});

describe("changeActionItemStatus", () => {
  const atMs = at("2026-12-01T10:00:00Z");

  it("requires a reason for wont_do", () => {
    expect(changeActionItemStatus(item(), "wont_do", { atMs })).toMatchObject({ ok: false, error: "reason_required" });
    expect(changeActionItemStatus(item(), "wont_do", { atMs, reason: "   " })).toMatchObject({
      ok: false,
      error: "reason_required",
    });
    expect(changeActionItemStatus(item(), "wont_do", { atMs, reason: " Covered by INC-98 " })).toMatchObject({
      ok: true,
      value: { status: "wont_do", wontDoReason: "Covered by INC-98" },
    });
  });

  it("records completion and clears it when reopened", () => {
    const done = changeActionItemStatus(item({ status: "in_progress" }), "done", { atMs });
    expect(done).toMatchObject({ ok: true, value: { status: "done", completedAtMs: atMs } });
    if (!done.ok) return;
    expect(changeActionItemStatus(done.value, "open", { atMs })).toMatchObject({
      ok: true,
      value: { status: "open", completedAtMs: null },
    });
  });

  it("refuses a change to the same status", () => {
    expect(changeActionItemStatus(item(), "open", { atMs })).toMatchObject({ ok: false, error: "same_status" });
  });
});

describe("validateActionItem", () => {
  it.each([
    ["a complete item", item(), []],
    ["wont_do without reason", item({ status: "wont_do" }), ["wontDoReason"]],
    ["a due date without a zone", item({ dueTimezone: null }), ["dueTimezone"]],
    ["an unknown zone", item({ dueTimezone: "Nowhere/Town" }), ["dueTimezone"]],
    ["a P1 without a due date", item({ dueDate: null, dueTimezone: null }), ["dueDate"]],
    ["a P3 without a due date", item({ priority: "P3", dueDate: null, dueTimezone: null }), []],
    ["a blank title", item({ title: " " }), ["title"]],
  ] as const)("%s", (_name, candidate, fields) => {
    expect(validateActionItem(candidate).map((problem) => problem.field)).toEqual(fields);
  });
});

describe("pastDueDateProblem (new items may not start out overdue)", () => {
  // 2026-12-02T03:30Z is still 1 December in New York and already 2 December in Tokyo.
  const now = at("2026-12-02T03:30:00Z");
  it("compares with today in the team's zone, not in UTC", () => {
    expect(pastDueDateProblem("2026-12-01", NY, now)).toBeNull();
    expect(pastDueDateProblem("2026-12-01", "Asia/Tokyo", now)).toBe("must be today (2026-12-02, Asia/Tokyo) or later");
    expect(pastDueDateProblem("2026-11-30", NY, now)).toBe("must be today (2026-12-01, America/New_York) or later");
  });
  it("accepts today, later dates and no date", () => {
    expect(pastDueDateProblem("2026-12-02", "Asia/Tokyo", now)).toBeNull();
    expect(pastDueDateProblem("2027-01-01", NY, now)).toBeNull();
    expect(pastDueDateProblem(null, NY, now)).toBeNull();
  });
});
