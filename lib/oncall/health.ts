import { DateTime } from "luxon";
import { assertZone, parseWallClock } from "./local-time";
import type { Interval, Segment, UserShift } from "./types";

const DAY_MS = 86_400_000;

/** Thresholds from the SRE book ch. 11 and the team's practice table; all overridable. */
export type HealthThresholds = {
  horizonDays: number; // look-ahead for gaps and load share
  minTeamSize: number;
  maxOnCallShare: number; // fraction of the horizon, 0–1
  maxPagesPerShift: number;
  sleepStart: string; // "HH:mm" in the schedule zone
  sleepEnd: string;
};

export const DEFAULT_HEALTH_THRESHOLDS: HealthThresholds = {
  horizonDays: 30,
  minTeamSize: 6,
  maxOnCallShare: 0.25,
  maxPagesPerShift: 2,
  sleepStart: "22:00",
  sleepEnd: "07:00",
};

export type Page = { atMs: number; userId: string };
export type HandoffNote = { shiftStartMs: number };

export type HealthWarning =
  | { code: "GAPS"; message: string; detail: { count: number; totalMinutes: number; gaps: Interval[] } }
  | { code: "SMALL_TEAM"; message: string; detail: { teamSize: number; minimum: number } }
  | { code: "OVERLOADED_PERSON"; message: string; detail: { userId: string; share: number; maximum: number } }
  | {
      code: "TOO_MANY_PAGES_PER_SHIFT";
      message: string;
      detail: { userId: string; shiftStartMs: number; shiftEndMs: number; pages: number; maximum: number };
    }
  | {
      code: "SLEEP_HOUR_PAGES";
      message: string;
      detail: { count: number; byUser: Record<string, number>; pageTimesMs: number[] };
    }
  | { code: "MISSING_HANDOFF"; message: string; detail: { count: number; handoffsMs: number[] } }
  | { code: "NO_CONTACT_METHOD"; message: string; detail: { userId: string } };

export type HealthInput = {
  /** Final timeline from nowMs onward (at least the horizon). */
  segments: Segment[];
  teamSize: number;
  pages: Page[];
  /** Per-user shifts (past and future), e.g. from `userShifts`. */
  shifts: UserShift[];
  handoffNotes: HandoffNote[];
  /** Schedule zone: sleep hours are judged on its local clock (not each user's own zone). */
  tz: string;
  nowMs: number;
  thresholds?: Partial<HealthThresholds>;
  /** People with no verified, enabled contact method (issue 13): on call in the horizon → a warning each. */
  unreachableUserIds?: readonly string[];
};

const overlapMs = (a: Interval, from: number, to: number): number =>
  Math.max(0, Math.min(a.endMs, to) - Math.max(a.startMs, from));

/** True when `ms` falls in [start, end) of the local clock of `tz`; windows may run past midnight. */
export function inLocalWindow(ms: number, tz: string, start: string, end: string): boolean {
  const local = DateTime.fromMillis(ms, { zone: tz });
  const minute = local.hour * 60 + local.minute;
  const from = parseWallClock(start, "sleepStart").minutes;
  const to = parseWallClock(end, "sleepEnd").minutes;
  return from <= to ? minute >= from && minute < to : minute >= from || minute < to;
}

/**
 * Rotation health warnings, in a fixed order: GAPS (any gap in [now, now + horizon)), SMALL_TEAM
 * (teamSize < minimum), OVERLOADED_PERSON (per user on call > maxShare of the horizon),
 * TOO_MANY_PAGES_PER_SHIFT (per shift: pages to that user during it > maximum), SLEEP_HOUR_PAGES (pages
 * between sleepStart and sleepEnd local to `tz`), MISSING_HANDOFF (past shift changes — a shift starting
 * exactly where another user's shift ends, before nowMs — with no note for that shift start),
 * NO_CONTACT_METHOD (per user on call in the horizon whom no page can reach: no verified method).
 */
export function rotationHealth(input: HealthInput): HealthWarning[] {
  const t = { ...DEFAULT_HEALTH_THRESHOLDS, ...input.thresholds };
  assertZone(input.tz);
  const warnings: HealthWarning[] = [];
  const from = input.nowMs;
  const to = input.nowMs + t.horizonDays * DAY_MS;

  const gapList = input.segments
    .filter((s) => s.userIds.length === 0 && overlapMs(s, from, to) > 0)
    .map((s) => ({ startMs: Math.max(s.startMs, from), endMs: Math.min(s.endMs, to) }));
  if (gapList.length > 0) {
    const totalMinutes = gapList.reduce((sum, g) => sum + (g.endMs - g.startMs), 0) / 60_000;
    warnings.push({
      code: "GAPS",
      message: `${gapList.length} gap(s) with nobody on call in the next ${t.horizonDays} days (${Math.round(totalMinutes)} min)`,
      detail: { count: gapList.length, totalMinutes, gaps: gapList },
    });
  }

  if (input.teamSize < t.minTeamSize) {
    warnings.push({
      code: "SMALL_TEAM",
      message: `team of ${input.teamSize} is below ${t.minTeamSize}: people are on call too often`,
      detail: { teamSize: input.teamSize, minimum: t.minTeamSize },
    });
  }

  const spanMs = input.segments.reduce((sum, s) => sum + overlapMs(s, from, to), 0);
  const onCallMs = new Map<string, number>();
  for (const s of input.segments)
    for (const userId of s.userIds) onCallMs.set(userId, (onCallMs.get(userId) ?? 0) + overlapMs(s, from, to));
  for (const [userId, ms] of [...onCallMs].sort((a, b) => a[0].localeCompare(b[0]))) {
    const share = spanMs > 0 ? ms / spanMs : 0;
    if (share > t.maxOnCallShare) {
      warnings.push({
        code: "OVERLOADED_PERSON",
        message: `${userId} is on call ${Math.round(share * 100)}% of the time (max ${Math.round(t.maxOnCallShare * 100)}%)`,
        detail: { userId, share, maximum: t.maxOnCallShare },
      });
    }
  }

  for (const shift of input.shifts) {
    const pages = input.pages.filter(
      (p) => p.userId === shift.userId && p.atMs >= shift.startMs && p.atMs < shift.endMs,
    ).length;
    if (pages > t.maxPagesPerShift) {
      warnings.push({
        code: "TOO_MANY_PAGES_PER_SHIFT",
        message: `${shift.userId} got ${pages} pages in one shift (max ${t.maxPagesPerShift})`,
        detail: {
          userId: shift.userId,
          shiftStartMs: shift.startMs,
          shiftEndMs: shift.endMs,
          pages,
          maximum: t.maxPagesPerShift,
        },
      });
    }
  }

  const sleepPages = input.pages.filter((p) => inLocalWindow(p.atMs, input.tz, t.sleepStart, t.sleepEnd));
  if (sleepPages.length > 0) {
    const byUser: Record<string, number> = {};
    for (const p of sleepPages) byUser[p.userId] = (byUser[p.userId] ?? 0) + 1;
    warnings.push({
      code: "SLEEP_HOUR_PAGES",
      message: `${sleepPages.length} page(s) between ${t.sleepStart} and ${t.sleepEnd} (${input.tz})`,
      detail: { count: sleepPages.length, byUser, pageTimesMs: sleepPages.map((p) => p.atMs).sort((a, b) => a - b) },
    });
  }

  const noted = new Set(input.handoffNotes.map((n) => n.shiftStartMs));
  const handoffs = new Set<number>();
  for (const shift of input.shifts) {
    if (shift.startMs >= input.nowMs || noted.has(shift.startMs)) continue;
    if (input.shifts.some((prev) => prev.userId !== shift.userId && prev.endMs === shift.startMs))
      handoffs.add(shift.startMs);
  }
  if (handoffs.size > 0) {
    const handoffsMs = [...handoffs].sort((a, b) => a - b);
    warnings.push({
      code: "MISSING_HANDOFF",
      message: `${handoffsMs.length} past shift change(s) without a written handoff note`,
      detail: { count: handoffsMs.length, handoffsMs },
    });
  }

  const unreachable = new Set(input.unreachableUserIds ?? []);
  for (const userId of [...onCallMs.keys()].filter((u) => unreachable.has(u)).sort()) {
    warnings.push({
      code: "NO_CONTACT_METHOD",
      message: `${userId} is on call but has no verified contact method: pages cannot reach them`,
      detail: { userId },
    });
  }
  return warnings;
}
