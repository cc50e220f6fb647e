import { DateTime, IANAZone } from "luxon";

// Report periods: a calendar month ("2027-03") or quarter ("2027-Q1") in an IANA zone. Boundaries are local
// midnights converted to UTC instants, so a period that crosses a DST change is an hour shorter or longer
// (March 2027 in Europe/Berlin is 31 days − 1 hour), and so is the day it happens on.

export const PERIOD_PATTERN = /^(\d{4})-(?:(0[1-9]|1[0-2])|Q([1-4]))$/;

export type PeriodDay = { date: string; startMs: number; endMs: number };

export type ReportPeriod = {
  key: string;
  kind: "month" | "quarter";
  timezone: string;
  startMs: number;
  /** Exclusive. */
  endMs: number;
  /** Local calendar days of the period, in order, each [startMs, endMs). */
  days: PeriodDay[];
};

/** @throws RangeError for a malformed key or an unknown zone. */
export function parsePeriod(key: string, timezone: string): ReportPeriod {
  const m = PERIOD_PATTERN.exec(key);
  if (!m) throw new RangeError(`period "${key}" must look like 2027-03 (a month) or 2027-Q1 (a quarter)`);
  if (!IANAZone.isValidZone(timezone)) throw new RangeError(`unknown time zone "${timezone}"`);
  const year = Number(m[1]);
  const kind = m[2] ? "month" : "quarter";
  const firstMonth = m[2] ? Number(m[2]) : (Number(m[3]) - 1) * 3 + 1;
  const start = DateTime.fromObject({ year, month: firstMonth, day: 1 }, { zone: timezone });
  const end = start.plus({ months: kind === "month" ? 1 : 3 });
  const days: PeriodDay[] = [];
  for (let d = start; d < end; d = d.plus({ days: 1 })) {
    days.push({ date: d.toISODate()!, startMs: d.toMillis(), endMs: d.plus({ days: 1 }).toMillis() });
  }
  return { key, kind, timezone, startMs: start.toMillis(), endMs: end.toMillis(), days };
}

/** The period containing `atMs` in `timezone` (month granularity), e.g. for a default. */
export function monthKeyAt(atMs: number, timezone: string): string {
  return DateTime.fromMillis(atMs, { zone: timezone }).toFormat("yyyy-LL");
}

/** The month before the one containing `atMs` (a manager's usual report). */
export function previousMonthKey(atMs: number, timezone: string): string {
  return DateTime.fromMillis(atMs, { zone: timezone }).startOf("month").minus({ months: 1 }).toFormat("yyyy-LL");
}
