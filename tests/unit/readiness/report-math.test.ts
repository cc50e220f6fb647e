import { describe, expect, it } from "vitest";
import {
  actionItemPeriodStats,
  dailyBudget,
  dedupeHits,
  earliestWindowStart,
  parsePeriod,
  periodCounts,
  RollupIndex,
  scheduleLoad,
  versionInForce,
  type HourCount,
  type PeriodActionItem,
  type SignedVersion,
} from "@/lib/readiness";

const H = 3_600_000;
const DAY = 86_400_000;

describe("SLO figures from hourly rollups", () => {
  const T0 = Date.UTC(2026, 2, 1);
  const v1: SignedVersion = {
    id: "v1",
    number: 1,
    objective: 0.99,
    window: { kind: "rolling", days: 2 },
    effectiveFromMs: T0 + 10 * H,
  };
  const v2: SignedVersion = {
    id: "v2",
    number: 2,
    objective: 0.999,
    window: { kind: "rolling", days: 2 },
    effectiveFromMs: T0 + 5 * DAY,
  };
  const rows: HourCount[] = [];
  // Both versions have rows for every hour of 1–10 March (a new version is backfilled over its window).
  for (let h = T0; h < T0 + 10 * DAY; h += H) {
    rows.push({ versionId: "v1", hourMs: h, good: 99, total: 100 });
    rows.push({ versionId: "v2", hourMs: h, good: 999, total: 1000 });
  }
  const index = new RollupIndex(rows);

  it("the version in force: latest effective, the first one before any took effect", () => {
    expect(versionInForce([v1, v2], T0)?.id).toBe("v1");
    expect(versionInForce([v2, v1], T0 + 5 * DAY - 1)?.id).toBe("v1");
    expect(versionInForce([v1, v2], T0 + 5 * DAY)?.id).toBe("v2");
    expect(versionInForce([], T0)).toBeNull();
  });

  it("counts each hour once, from the version in force, and weighs the budget by that version's objective", () => {
    const c = periodCounts([v1, v2], index, T0 + 4 * DAY, T0 + 6 * DAY);
    // 24 h from v1 (100 events, 1 bad) and 24 h from v2 (1000 events, 1 bad)
    expect(c.total).toBe(24 * 100 + 24 * 1000);
    expect(c.bad).toBe(48);
    expect(c.sli).toBeCloseTo(1 - 48 / 26_400, 12);
    expect(c.allowedBad).toBeCloseTo(24 * 100 * 0.01 + 24 * 1000 * 0.001, 9);
    expect(c.budgetConsumed).toBeCloseTo(48 / 48, 9);
    expect(c).toMatchObject({ hoursWithData: 48, hoursInRange: 48, versions: [1, 2] });
  });

  it("hours without a rollup row are no data, not zero traffic", () => {
    const c = periodCounts([v1], index, T0 + 9 * DAY, T0 + 11 * DAY);
    expect(c).toMatchObject({ hoursWithData: 24, hoursInRange: 48, total: 2400 });
    expect(periodCounts([v1], new RollupIndex([]), T0, T0 + DAY)).toMatchObject({
      sli: null,
      budgetConsumed: null,
      total: 0,
    });
  });

  it("end-of-day budgets over the SLO window and frozen days against the policy threshold", () => {
    // A 2-day rolling 99 % SLO, clean except 12 h at 5 % errors on 3 March 00:00–12:00 UTC.
    const v: SignedVersion = {
      id: "x",
      number: 1,
      objective: 0.99,
      window: { kind: "rolling", days: 2 },
      effectiveFromMs: 0,
    };
    const r: HourCount[] = [];
    for (let h = T0 - 2 * DAY; h < T0 + 10 * DAY; h += H)
      r.push({
        versionId: "x",
        hourMs: h,
        good: h >= T0 + 2 * DAY && h < T0 + 2 * DAY + 12 * H ? 95 : 100,
        total: 100,
      });
    const idx = new RollupIndex(r);
    const period = parsePeriod("2026-03", "UTC");
    const until = T0 + 6 * DAY;
    const days = dailyBudget([v], idx, period.days, until, 0);
    // Window ending 4 March 00:00 = [2 March, 4 March): 48 × 100 events, 60 bad, 48 allowed → remaining 1 − 1.25
    expect(days[2]).toMatchObject({ date: "2026-03-03", evaluated: true, frozen: true });
    expect(days[2]!.remaining).toBeCloseTo(-0.25, 9);
    expect(days[2]!.sli).toBeCloseTo(1 - 60 / 2400, 12);
    // 5 March: window [3, 5 March) still holds the 60 bad events; 6 March: [4, 6) is clean.
    expect(days[3]!.frozen).toBe(true);
    expect(days[4]).toMatchObject({ remaining: 1, frozen: false });
    expect(days[1]).toMatchObject({ remaining: 1, frozen: false });
    // Days after `until` are not evaluated.
    expect(days.filter((d) => d.evaluated)).toHaveLength(6);
    expect(days[6]).toMatchObject({ evaluated: false, remaining: null, frozen: false });
    // A lenient threshold: at risk is not frozen; a strict one (freeze at ≤ 90 % left) freezes more.
    expect(dailyBudget([v], idx, period.days, until, -0.5).filter((d) => d.frozen)).toHaveLength(0);
    expect(earliestWindowStart([v], period.days.slice(0, 6))).toBe(T0 - DAY);
  });

  it("calendar windows reset at the start of the month in their zone", () => {
    const v: SignedVersion = {
      id: "c",
      number: 1,
      objective: 0.99,
      window: { kind: "calendar", unit: "month", timezone: "UTC" },
      effectiveFromMs: 0,
    };
    const r: HourCount[] = [];
    // February: everything bad; March: clean.
    for (let h = T0 - 3 * DAY; h < T0 + 3 * DAY; h += H)
      r.push({ versionId: "c", hourMs: h, good: h < T0 ? 0 : 100, total: 100 });
    const period = parsePeriod("2026-03", "UTC");
    const days = dailyBudget([v], new RollupIndex(r), period.days, T0 + 3 * DAY, 0);
    expect(days[0]).toMatchObject({ remaining: 1, frozen: false });
    expect(earliestWindowStart([v], period.days)).toBe(T0);
  });
});

describe("on-call load", () => {
  const TZ = "Europe/Berlin";
  // Ana: Mon 2 Mar 09:00 → Mon 9 Mar 09:00 (Berlin = UTC+1); Ben the week after.
  const ana = { userId: "ana", startMs: Date.UTC(2026, 2, 2, 8), endMs: Date.UTC(2026, 2, 9, 8) };
  const ben = { userId: "ben", startMs: Date.UTC(2026, 2, 9, 8), endMs: Date.UTC(2026, 2, 16, 8) };
  const hits = [
    { pageId: "p1", userId: "ana", atMs: Date.UTC(2026, 2, 3, 1) }, // 02:00 Berlin: sleep hours
    { pageId: "p1", userId: "ana", atMs: Date.UTC(2026, 2, 3, 1, 30) }, // re-notified: same page, counted once
    { pageId: "p2", userId: "ana", atMs: Date.UTC(2026, 2, 4, 12) },
    { pageId: "p3", userId: "ana", atMs: Date.UTC(2026, 2, 5, 21) }, // 22:00 Berlin: sleep hours start
    { pageId: "p4", userId: "ben", atMs: Date.UTC(2026, 2, 10, 5, 59) }, // 06:59 Berlin: still asleep
    { pageId: "p5", userId: "ben", atMs: Date.UTC(2026, 2, 10, 6) }, // 07:00 Berlin: awake
  ];

  it("counts pages per shift once per page and person, and sleep-hour pages on the schedule's clock", () => {
    expect(dedupeHits(hits)).toHaveLength(5);
    const load = scheduleLoad([ana, ben], hits, TZ);
    expect(load.shifts.map((s) => [s.userId, s.pages, s.sleepHourPages])).toEqual([
      ["ana", 3, 2],
      ["ben", 2, 1],
    ]);
    expect(load).toMatchObject({
      pages: 5,
      sleepHourPages: 3,
      pagesPerShift: 2.5,
      maxPagesInShift: 3,
      shiftsOverLimit: 1,
      limitPerShift: 2,
    });
    expect(load.people).toEqual([
      { userId: "ana", shifts: 1, hoursOnCall: 168, pages: 3, sleepHourPages: 2 },
      { userId: "ben", shifts: 1, hoursOnCall: 168, pages: 2, sleepHourPages: 1 },
    ]);
    expect(load.sleepWindow).toEqual({ start: "22:00", end: "07:00", timezone: TZ });
  });

  it("the same instants in UTC are daytime pages", () => {
    // 01:00, 05:59 and 06:00 UTC are asleep in UTC; 21:00 UTC (22:00 in Berlin) is not.
    expect(scheduleLoad([ana, ben], hits, "UTC").sleepHourPages).toBe(3);
    expect(scheduleLoad([], [], TZ)).toMatchObject({ pagesPerShift: null, pages: 0, maxPagesInShift: 0 });
  });
});

describe("action items over a period", () => {
  const start = Date.UTC(2026, 2, 1);
  const end = Date.UTC(2026, 3, 1);
  const base: PeriodActionItem = {
    id: "x",
    title: "x",
    priority: "P2",
    status: "open",
    dueDate: null,
    dueTimezone: "UTC",
    createdAtMs: start + DAY,
    completedAtMs: null,
    updatedAtMs: start + DAY,
  };
  const items: PeriodActionItem[] = [
    { ...base, id: "opened-open-overdue", priority: "P1", dueDate: "2026-03-20" },
    {
      ...base,
      id: "opened-done-in",
      status: "done",
      dueDate: "2026-03-20",
      completedAtMs: start + 10 * DAY,
      updatedAtMs: start + 10 * DAY,
    },
    {
      ...base,
      id: "old-done-after",
      priority: "P0",
      status: "done",
      createdAtMs: start - 40 * DAY,
      dueDate: "2026-02-20",
      completedAtMs: end + DAY,
      updatedAtMs: end + DAY,
    },
    {
      ...base,
      id: "old-wontdo-in",
      status: "wont_do",
      createdAtMs: start - 5 * DAY,
      dueDate: "2026-03-02",
      updatedAtMs: start + 2 * DAY,
    },
    { ...base, id: "due-last-day", dueDate: "2026-03-31" },
    { ...base, id: "created-after", createdAtMs: end + DAY, dueDate: "2026-03-01" },
  ];
  it("opened / closed / won't-do in the period, overdue as of its end (done later = still open then)", () => {
    const s = actionItemPeriodStats(items, start, end);
    // due-last-day: 31 March ends at 23:59:59.999 UTC, before the period's (exclusive) end.
    expect(s).toMatchObject({ opened: 3, closed: 1, wontDo: 1, overdue: 3, overdueHighPriority: 2 });
    expect(s.overdueItems.map((i) => i.id)).toEqual(["old-done-after", "opened-open-overdue", "due-last-day"]);
  });
  it("an item due on the last day is overdue only after that local day ends", () => {
    expect(actionItemPeriodStats(items, start, end - 1).overdueItems.map((i) => i.id)).not.toContain("due-last-day");
    expect(actionItemPeriodStats(items, start, end).overdueItems.map((i) => i.id)).toContain("due-last-day");
  });
});
