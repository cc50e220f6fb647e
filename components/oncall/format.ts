import { DateTime } from "luxon";

// Times on on-call pages are shown in the schedule's zone (named next to them), so every viewer sees the
// same wall-clock handoffs the rotation is defined in, on the server and in the browser alike.

type When = string | Date;
const dt = (when: When, tz: string) =>
  typeof when === "string" ? DateTime.fromISO(when, { zone: tz }) : DateTime.fromJSDate(when, { zone: tz });

/** "Mon 22 Mar 2027, 09:00" in `tz`. */
export const formatAt = (when: When, tz: string): string => dt(when, tz).toFormat("ccc d LLL yyyy, HH:mm");

/** "Mon 22 Mar 09:00" (no year) in `tz`. */
export const formatShort = (when: When, tz: string): string => dt(when, tz).toFormat("ccc d LLL HH:mm");

/** "Mon 22 Mar 09:00 → Mon 29 Mar 09:00". */
export const formatRange = (from: When, to: When, tz: string): string =>
  `${formatShort(from, tz)} → ${formatShort(to, tz)}`;

/** "7 d 23 h", "5 h 30 min", "45 min". */
export function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (d) return h ? `${d} d ${h} h` : `${d} d`;
  if (h) return m ? `${h} h ${m} min` : `${h} h`;
  return `${m} min`;
}

/** Value for <input type="datetime-local"> of an instant, in `tz`. */
export const toLocalInput = (when: When, tz: string): string => dt(when, tz).toFormat("yyyy-LL-dd'T'HH:mm");

/** ISO instant of a <input type="datetime-local"> value read in `tz`; "" → null; invalid → the raw text (the API names it). */
export function fromLocalInput(value: string, tz: string): string | null {
  if (!value) return null;
  const parsed = DateTime.fromISO(value, { zone: tz });
  return parsed.isValid ? parsed.toUTC().toISO() : value;
}

/** Stable colour slot (0–7) of a user id, so a person keeps one colour across rows. */
export function colorSlot(id: string): number {
  let h = 0;
  for (let i = 0; i < id.length; i += 1) h = (h * 31 + id.charCodeAt(i)) >>> 0;
  return h % 8;
}
