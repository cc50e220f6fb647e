import { DAY_MS, naiveLocalDateMs, naiveWeekday, parseWallClock, resolveLocalMs } from "./local-time";
import { mergeIntervals } from "./intervals";
import { OncallDefinitionError, type Interval, type Restrictions } from "./types";

const MINUTE_MS = 60_000;

/**
 * The instants in [fromMs, toMs) where a restricted layer is active, as sorted, disjoint intervals.
 * Windows follow the local clock of `tz` and both ends go through `resolveLocalMs`, so a 22:00–06:00
 * window lasts 7 h on a spring-forward night and 9 h on a fall-back night.
 * @throws OncallDefinitionError on a weekly window without fromDay or a bad "HH:mm".
 */
export function restrictionIntervals(restrictions: Restrictions, tz: string, fromMs: number, toMs: number): Interval[] {
  if (toMs <= fromMs) return [];
  const weekly = restrictions.kind === "weekly";
  const windows = restrictions.windows.map((w, index) => {
    const field = `restrictions.windows[${index}]`;
    if (weekly && w.fromDay === undefined) throw new OncallDefinitionError(field, "weekly windows need fromDay");
    const from = parseWallClock(w.from, `${field}.from`).minutes;
    const to = parseWallClock(w.to, `${field}.to`).minutes;
    let spanDays = 0;
    if (weekly) {
      spanDays = ((w.toDay ?? w.fromDay ?? 1) - (w.fromDay ?? 1) + 7) % 7;
      if (spanDays === 0 && to <= from) spanDays = 7;
    } else if (to <= from) spanDays = 1; // past midnight; equal times = a full day
    return {
      fromDay: weekly ? w.fromDay : undefined,
      fromOffsetMs: from * MINUTE_MS,
      toOffsetMs: spanDays * DAY_MS + to * MINUTE_MS,
    };
  });

  const result: Interval[] = [];
  // Start early enough to catch windows that began before fromMs and still run.
  const lastDay = naiveLocalDateMs(toMs, tz);
  for (let day = naiveLocalDateMs(fromMs, tz) - (weekly ? 7 : 1) * DAY_MS; day <= lastDay; day += DAY_MS) {
    const weekday = naiveWeekday(day);
    for (const w of windows) {
      if (w.fromDay !== undefined && weekday !== w.fromDay) continue;
      const s = Math.max(resolveLocalMs(day + w.fromOffsetMs, tz), fromMs);
      const e = Math.min(resolveLocalMs(day + w.toOffsetMs, tz), toMs);
      if (e > s) result.push({ startMs: s, endMs: e });
    }
  }
  return mergeIntervals(result);
}
