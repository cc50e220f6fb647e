import { DateTime } from "luxon";
import { SloDefinitionError, type SloWindow } from "./types";

const DAY_MS = 86_400_000;

/**
 * The last calendar period found per zone and unit. A period is [start, next start), so any instant inside
 * it has the same bounds: the status of 10,000 SLOs asks for them ~40,000 times per refresh, and a luxon
 * zone conversion each time was about a tenth of the worker's CPU (issue 17). A memo of a pure answer, not
 * a clock: `nowMs` is still the caller's.
 */
const periods = new Map<string, { startMs: number; periodEndMs: number }>();

/**
 * Bounds of the SLO window that contains `nowMs`.
 * - startMs/endMs: the part of the window that has happened, [start, now].
 * - lengthSeconds: endMs − startMs in seconds (elapsed).
 * - periodEndMs: when the window ends: rolling → now; calendar → start of the next month / ISO week.
 * Rolling: [now − days, now]. Calendar: from 00:00 on the 1st of the month or on Monday (ISO week) in the
 * window's IANA zone, so DST shifts make a period 1 h shorter or longer.
 * @throws SloDefinitionError on days ≤ 0 or an unknown time zone.
 */
export function windowBounds(
  window: SloWindow,
  nowMs: number,
): { startMs: number; endMs: number; lengthSeconds: number; periodEndMs: number } {
  if (!Number.isFinite(nowMs)) throw new SloDefinitionError("now", "now must be a finite epoch ms");
  if (window.kind === "rolling") {
    if (!Number.isFinite(window.days) || window.days <= 0)
      throw new SloDefinitionError("window.days", "days must be positive");
    const startMs = nowMs - window.days * DAY_MS;
    return { startMs, endMs: nowMs, lengthSeconds: (nowMs - startMs) / 1000, periodEndMs: nowMs };
  }
  const { startMs, periodEndMs } = calendarPeriod(window, nowMs);
  return { startMs, endMs: nowMs, lengthSeconds: (nowMs - startMs) / 1000, periodEndMs };
}

function calendarPeriod(window: Extract<SloWindow, { kind: "calendar" }>, nowMs: number) {
  const key = `${window.timezone}|${window.unit}`;
  const known = periods.get(key);
  if (known && known.startMs <= nowMs && nowMs < known.periodEndMs) return known;
  const now = DateTime.fromMillis(nowMs, { zone: window.timezone });
  if (!now.isValid) throw new SloDefinitionError("window.timezone", `unknown time zone "${window.timezone}"`);
  if (window.unit !== "month" && window.unit !== "week")
    throw new SloDefinitionError("window.unit", "unit must be month or week");
  // luxon's startOf("week") is the ISO week (Monday) unless useLocaleWeeks is passed.
  const start = now.startOf(window.unit);
  const period = {
    startMs: start.toMillis(),
    periodEndMs: start.plus(window.unit === "month" ? { months: 1 } : { weeks: 1 }).toMillis(),
  };
  if (periods.size >= 1_000) periods.clear(); // zones × units in use: a handful
  periods.set(key, period);
  return period;
}

/**
 * Full length in seconds of the window containing `nowMs`: days × 86400 for rolling windows, the real
 * length of the calendar month/week in its zone otherwise (March 2027 in Europe/Berlin = 31 d − 1 h).
 */
export function windowLengthSeconds(window: SloWindow, nowMs: number): number {
  if (window.kind === "rolling") return windowBounds(window, nowMs).lengthSeconds;
  const bounds = windowBounds(window, nowMs);
  return (bounds.periodEndMs - bounds.startMs) / 1000;
}

/**
 * Window length used where a fixed number is needed (Prometheus rules, alert factors): rolling → days;
 * calendar month → 30 d and week → 7 d, the nominal lengths (PromQL ranges cannot follow a calendar).
 */
export function nominalWindowSeconds(window: SloWindow): number {
  if (window.kind === "rolling") {
    if (!Number.isFinite(window.days) || window.days <= 0)
      throw new SloDefinitionError("window.days", "days must be positive");
    return window.days * 86_400;
  }
  return window.unit === "month" ? 30 * 86_400 : 7 * 86_400;
}
