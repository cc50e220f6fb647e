import { DEFAULT_HEALTH_THRESHOLDS, inLocalWindow, type UserShift } from "@/lib/oncall";

// On-call load of one schedule over a period: pages per shift and pages in sleep hours. A page "reached"
// a person through the schedule when an escalation step notified them as the schedule's on-call (one count
// per page and person, at the first notification). Shifts are the schedule's computed final timeline.

export type PageHit = { pageId: string; userId: string; atMs: number };

export type ShiftLoad = { userId: string; startMs: number; endMs: number; pages: number; sleepHourPages: number };

export type PersonLoad = { userId: string; shifts: number; hoursOnCall: number; pages: number; sleepHourPages: number };

export type ScheduleLoad = {
  shifts: ShiftLoad[];
  people: PersonLoad[];
  pages: number;
  sleepHourPages: number;
  /** Pages that fell inside a shift, divided by the number of shifts; null without shifts. */
  pagesPerShift: number | null;
  maxPagesInShift: number;
  /** Shifts with more pages than the rotation-health limit (2 per shift). */
  shiftsOverLimit: number;
  limitPerShift: number;
  sleepWindow: { start: string; end: string; timezone: string };
};

/** First notification per (page, person). */
export function dedupeHits(hits: readonly PageHit[]): PageHit[] {
  const first = new Map<string, PageHit>();
  for (const h of [...hits].sort((a, b) => a.atMs - b.atMs)) {
    const key = `${h.pageId}\u0000${h.userId}`;
    if (!first.has(key)) first.set(key, h);
  }
  return [...first.values()];
}

/**
 * @param shifts per-user shifts of the schedule inside the period (lib/oncall userShifts)
 * @param hits pages that reached people through the schedule in the period
 * @param timezone the schedule's zone: sleep hours (22:00–07:00) are judged on its clock
 */
export function scheduleLoad(shifts: readonly UserShift[], hits: readonly PageHit[], timezone: string): ScheduleLoad {
  const t = DEFAULT_HEALTH_THRESHOLDS;
  const pages = dedupeHits(hits);
  const asleep = (h: PageHit) => inLocalWindow(h.atMs, timezone, t.sleepStart, t.sleepEnd);
  const shiftLoads = shifts.map((s) => {
    const mine = pages.filter((p) => p.userId === s.userId && p.atMs >= s.startMs && p.atMs < s.endMs);
    return {
      userId: s.userId,
      startMs: s.startMs,
      endMs: s.endMs,
      pages: mine.length,
      sleepHourPages: mine.filter(asleep).length,
    };
  });
  const people = new Map<string, PersonLoad>();
  for (const s of shiftLoads) {
    const p = people.get(s.userId) ?? { userId: s.userId, shifts: 0, hoursOnCall: 0, pages: 0, sleepHourPages: 0 };
    p.shifts += 1;
    p.hoursOnCall += (s.endMs - s.startMs) / 3_600_000;
    people.set(s.userId, p);
  }
  // People are charged with every page that reached them, even outside a computed shift (an override
  // removed later, a page to the previous person at a handoff instant).
  for (const h of pages) {
    const p = people.get(h.userId) ?? { userId: h.userId, shifts: 0, hoursOnCall: 0, pages: 0, sleepHourPages: 0 };
    p.pages += 1;
    if (asleep(h)) p.sleepHourPages += 1;
    people.set(h.userId, p);
  }
  return {
    shifts: shiftLoads,
    people: [...people.values()].sort((a, b) => b.pages - a.pages || a.userId.localeCompare(b.userId)),
    pages: pages.length,
    sleepHourPages: pages.filter(asleep).length,
    pagesPerShift: shiftLoads.length ? shiftLoads.reduce((n, s) => n + s.pages, 0) / shiftLoads.length : null,
    maxPagesInShift: shiftLoads.reduce((m, s) => Math.max(m, s.pages), 0),
    shiftsOverLimit: shiftLoads.filter((s) => s.pages > t.maxPagesPerShift).length,
    limitPerShift: t.maxPagesPerShift,
    sleepWindow: { start: t.sleepStart, end: t.sleepEnd, timezone },
  };
}
