import { DateTime, IANAZone } from "luxon";

// Business-day arithmetic on local calendar dates (ISO "YYYY-MM-DD") of an IANA time zone.
// Rule (anchors C.3): from the local date d0 of an instant, step forward one calendar day at a time and
// count only days that are neither Saturday/Sunday nor in `holidays`. d0 itself is never counted, so a
// resolution on Saturday starts counting on Monday (Monday = business day 1). Deadlines fall at the end of
// the resulting local day, 23:59:59.999 local time, converted to an epoch-ms instant (DST-safe: the day's
// real length in that zone is used).

/** Local dates ("YYYY-MM-DD") that are not business days, in the calendar's own time zone. */
export type Holidays = readonly string[];

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True for a valid IANA zone name such as "America/New_York" or "UTC". */
export const isValidTimezone = (timezone: string): boolean => IANAZone.isValidZone(timezone);

const requireZone = (timezone: string): void => {
  if (!isValidTimezone(timezone)) throw new RangeError(`Unknown IANA time zone "${timezone}".`);
};

const parseDate = (date: string): DateTime => {
  const parsed = ISO_DATE.test(date) ? DateTime.fromISO(date, { zone: "utc" }) : DateTime.invalid("format");
  if (!parsed.isValid) throw new RangeError(`Invalid local date "${date}" (expected YYYY-MM-DD).`);
  return parsed;
};

/** Local calendar date of an instant in `timezone`. Throws RangeError for an unknown zone. */
export function localDateOf(instantMs: number, timezone: string): string {
  requireZone(timezone);
  return DateTime.fromMillis(instantMs, { zone: timezone }).toISODate() ?? "";
}

/** True when the local date is a weekday (Mon–Fri) and not a listed holiday. */
export function isBusinessDay(date: string, holidays: Holidays = []): boolean {
  return parseDate(date).weekday <= 5 && !holidays.includes(date);
}

/** The local date `businessDays` business days after `startDate`; the start date itself never counts. */
export function addBusinessDays(startDate: string, businessDays: number, holidays: Holidays = []): string {
  if (!Number.isInteger(businessDays) || businessDays < 0) {
    throw new RangeError(`businessDays must be a non-negative integer, got ${businessDays}.`);
  }
  let day = parseDate(startDate);
  let counted = 0;
  while (counted < businessDays) {
    day = day.plus({ days: 1 });
    if (isBusinessDay(day.toISODate() ?? "", holidays)) counted += 1;
  }
  return day.toISODate() ?? "";
}

/** Epoch ms of 23:59:59.999 local time on `date` in `timezone`. */
export function endOfLocalDayMs(date: string, timezone: string): number {
  requireZone(timezone);
  parseDate(date);
  return DateTime.fromISO(date, { zone: timezone }).endOf("day").toMillis();
}

export type BusinessDeadline = { date: string; timezone: string; atMs: number };

/** Deadline at the end of the local day that is `businessDays` business days after the local date of `fromMs`. */
export function businessDaysDeadline(input: {
  fromMs: number;
  businessDays: number;
  timezone: string;
  holidays?: Holidays;
}): BusinessDeadline {
  const { fromMs, businessDays, timezone, holidays = [] } = input;
  if (!Number.isFinite(fromMs)) throw new RangeError("fromMs must be a finite epoch-millisecond instant.");
  const date = addBusinessDays(localDateOf(fromMs, timezone), businessDays, holidays);
  return { date, timezone, atMs: endOfLocalDayMs(date, timezone) };
}
