import { computeBudget, errorBudgetRatio, roundSignificant, windowBounds, type SloWindow } from "@/lib/slo";
import type { PeriodDay } from "./period";

// SLO figures over a report period from the hourly rollups (exact good/total per SLO version and UTC hour
// [hour, hour + 1 h)). An hour belongs to a range when its start lies in the range.
//
// Which version counts for an hour: the version in force then, i.e. the highest-numbered signed-off
// version whose effectiveFrom is at or before the hour; hours before the first version took effect belong
// to the first version (a new version's rollups are backfilled over its whole window, so that is what the
// SLO showed). Only that version's rollup row of the hour is used.

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

export type SignedVersion = {
  id: string;
  number: number;
  objective: number;
  window: SloWindow;
  effectiveFromMs: number;
};
export type HourCount = { versionId: string; hourMs: number; good: number; total: number };

export function versionInForce(versions: readonly SignedVersion[], atMs: number): SignedVersion | null {
  if (versions.length === 0) return null;
  const byNumber = [...versions].sort((a, b) => a.number - b.number);
  let current: SignedVersion | null = null;
  for (const v of byNumber) if (v.effectiveFromMs <= atMs) current = v;
  return current ?? byNumber[0]!;
}

/** Per version: hours sorted with prefix sums, for O(log n) range sums. */
export class RollupIndex {
  private readonly series = new Map<
    string,
    { hours: number[]; good: number[]; total: number[]; byHour: Map<number, HourCount> }
  >();

  constructor(rows: readonly HourCount[]) {
    const grouped = new Map<string, HourCount[]>();
    for (const r of rows) grouped.set(r.versionId, [...(grouped.get(r.versionId) ?? []), r]);
    for (const [id, list] of grouped) {
      list.sort((a, b) => a.hourMs - b.hourMs);
      const good = [0];
      const total = [0];
      for (const r of list) {
        good.push(good[good.length - 1]! + r.good);
        total.push(total[total.length - 1]! + r.total);
      }
      this.series.set(id, {
        hours: list.map((r) => r.hourMs),
        good,
        total,
        byHour: new Map(list.map((r) => [r.hourMs, r])),
      });
    }
  }

  at(versionId: string, hourMs: number): HourCount | undefined {
    return this.series.get(versionId)?.byHour.get(hourMs);
  }

  /** Sum of one version's rows whose hour start lies in [fromMs, toMs). */
  sum(versionId: string, fromMs: number, toMs: number): { good: number; total: number; hours: number } {
    const s = this.series.get(versionId);
    if (!s || toMs <= fromMs) return { good: 0, total: 0, hours: 0 };
    const lo = lowerBound(s.hours, fromMs);
    const hi = lowerBound(s.hours, toMs);
    return { good: s.good[hi]! - s.good[lo]!, total: s.total[hi]! - s.total[lo]!, hours: hi - lo };
  }
}

function lowerBound(sorted: number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export type PeriodCounts = {
  good: number;
  total: number;
  bad: number;
  /** good / total; null without traffic. */
  sli: number | null;
  /** Bad events the objective(s) allowed for this traffic: Σ (1 − objective) × total per hour. */
  allowedBad: number;
  /** Share of the period's own budget spent: bad / allowedBad (1 = exactly the budget); null without traffic. */
  budgetConsumed: number | null;
  /** Hours of the range that have a rollup row for their version (coverage). */
  hoursWithData: number;
  hoursInRange: number;
  /** Numbers of the versions that contributed. */
  versions: number[];
};

/** Counts over [fromMs, toMs), each hour from the version in force then. */
export function periodCounts(
  versions: readonly SignedVersion[],
  index: RollupIndex,
  fromMs: number,
  toMs: number,
): PeriodCounts {
  let good = 0;
  let total = 0;
  let allowedBad = 0;
  let hoursWithData = 0;
  let hoursInRange = 0;
  const used = new Set<number>();
  for (let h = Math.ceil(fromMs / HOUR_MS) * HOUR_MS; h < toMs; h += HOUR_MS) {
    hoursInRange += 1;
    const v = versionInForce(versions, h);
    const row = v ? index.at(v.id, h) : undefined;
    if (!v || !row) continue;
    hoursWithData += 1;
    used.add(v.number);
    const bad = Math.max(0, row.total - Math.max(0, row.good));
    good += row.total - bad;
    total += row.total;
    allowedBad += errorBudgetRatio(v.objective) * row.total;
  }
  const bad = total - good;
  return {
    good,
    total,
    bad,
    sli: total > 0 ? good / total : null,
    allowedBad: roundSignificant(allowedBad),
    budgetConsumed: allowedBad > 0 ? roundSignificant(bad / allowedBad) : null,
    hoursWithData,
    hoursInRange,
    versions: [...used].sort((a, b) => a - b),
  };
}

export type DayStatus = {
  date: string;
  /** The day's own SLI (its hours only); null without traffic. */
  sli: number | null;
  total: number;
  /** Remaining budget of the SLO's window as of the end of the day; null when not evaluated or no traffic. */
  remaining: number | null;
  /** remaining ≤ the policy's freeze threshold at the end of the day. */
  frozen: boolean;
  /** False for days that have not ended by `untilMs`. */
  evaluated: boolean;
};

/**
 * End-of-day budget per local day: for a day ending at E, the version in force just before E, its window
 * as of E (rolling: [E − days, E); calendar: from the start of the calendar month/week containing E − 1 ms),
 * and that version's rollups in the window. A day counts as frozen when its end-of-day remaining budget is
 * at or below `freezeAtOrBelow` (the error-budget policy's freeze threshold).
 */
export function dailyBudget(
  versions: readonly SignedVersion[],
  index: RollupIndex,
  days: readonly PeriodDay[],
  untilMs: number,
  freezeAtOrBelow: number,
): DayStatus[] {
  return days.map((day) => {
    const own = periodCounts(versions, index, day.startMs, Math.min(day.endMs, untilMs));
    const base = { date: day.date, sli: own.sli, total: own.total };
    const v = versionInForce(versions, day.endMs - 1);
    if (day.endMs > untilMs || !v) return { ...base, remaining: null, frozen: false, evaluated: false };
    const startMs =
      v.window.kind === "rolling" ? day.endMs - v.window.days * DAY_MS : windowBounds(v.window, day.endMs - 1).startMs;
    const counts = index.sum(v.id, startMs, day.endMs);
    const { remaining } = computeBudget({
      objective: v.objective,
      counts,
      windowSeconds: (day.endMs - startMs) / 1000,
    });
    return { ...base, remaining, frozen: remaining !== null && remaining <= freezeAtOrBelow, evaluated: true };
  });
}

/** The earliest instant whose rollups `dailyBudget` may read for these days (for loading rows). */
export function earliestWindowStart(versions: readonly SignedVersion[], days: readonly PeriodDay[]): number {
  let min = days[0]?.startMs ?? Infinity;
  for (const day of days) {
    const v = versionInForce(versions, day.endMs - 1);
    if (!v) continue;
    const startMs =
      v.window.kind === "rolling" ? day.endMs - v.window.days * DAY_MS : windowBounds(v.window, day.endMs - 1).startMs;
    min = Math.min(min, startMs);
  }
  return min;
}
