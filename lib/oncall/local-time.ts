import { DateTime, IANAZone } from "luxon";
import { OncallDefinitionError, type WallClock } from "./types";

// Wall-clock arithmetic works on *naive local* values: epoch-ms numbers that hold the local wall clock as
// if it were UTC (what a luxon DateTime in the fixed "utc" zone holds). Adding n days, weeks or hours to
// them never meets a DST change, so the result is the intended local wall-clock value — the same as
// luxon's plus({ days }) on the local calendar. `resolveLocalMs` then maps that value to a real instant.
// Every offset comes from luxon's tz database (IANAZone.offset); none is hard-coded.

const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;
const validZones = new Set<string>();

/**
 * Validate an IANA zone name (results cached: luxon's check builds an Intl formatter).
 * @throws OncallDefinitionError when luxon does not know the zone.
 */
export function assertZone(zone: string): void {
  if (validZones.has(zone)) return;
  if (!IANAZone.isValidZone(zone)) throw new OncallDefinitionError("timezone", `unknown time zone "${zone}"`);
  validZones.add(zone);
}

/**
 * Parse "HH:mm" (00:00–23:59) into minutes after local midnight.
 * @throws OncallDefinitionError on anything else.
 */
export function parseWallClock(value: WallClock, field = "time"): { hour: number; minute: number; minutes: number } {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  if (!match) throw new OncallDefinitionError(field, `"${value}" is not a HH:mm time`);
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  return { hour, minute, minutes: hour * 60 + minute };
}

/** Naive local midnight (see above) of the local calendar date of instant `ms` in `zone`. */
export function naiveLocalDateMs(ms: number, zone: string): number {
  const local = DateTime.fromMillis(ms, { zone });
  return Date.UTC(local.year, local.month - 1, local.day);
}

/** ISO weekday (1 = Monday) of a naive local value. */
export function naiveWeekday(naiveMs: number): number {
  return ((new Date(naiveMs).getUTCDay() + 6) % 7) + 1;
}

/**
 * Turn a naive local wall-clock value into an instant in `zone`. The one rule used everywhere:
 * - a local time that does not exist (spring-forward gap) maps to the first valid instant after the gap,
 *   i.e. the transition instant (02:30 on 2027-03-28 in Europe/Berlin → 03:00 CEST = 01:00Z);
 * - a local time that occurs twice (fall-back) maps to its earlier occurrence (02:30 on 2027-10-31 in
 *   Europe/Berlin → 02:30 CEST = 00:30Z).
 * luxon's own defaults differ (03:30, and the later offset), hence this function.
 * Assumes at most one offset change within ±1 day of the value (true of the tz database).
 */
export function resolveLocalMs(naiveMs: number, zone: string): number {
  const tz = IANAZone.create(zone);
  const before = tz.offset(naiveMs - DAY_MS);
  const after = tz.offset(naiveMs + DAY_MS);
  if (before === after) return naiveMs - before * MINUTE_MS; // no transition nearby: the common fast path
  const candidates = [naiveMs - before * MINUTE_MS, naiveMs - after * MINUTE_MS].filter(
    (t) => t + tz.offset(t) * MINUTE_MS === naiveMs,
  );
  if (candidates.length > 0) return Math.min(...candidates); // one valid instant, or the earlier of two
  // In a gap: the transition lies between the two candidate instants; find the first ms on the new offset.
  let lo = Math.min(naiveMs - before * MINUTE_MS, naiveMs - after * MINUTE_MS);
  let hi = Math.max(naiveMs - before * MINUTE_MS, naiveMs - after * MINUTE_MS);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (tz.offset(mid) === after) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** `resolveLocalMs` for a luxon DateTime in the "utc" zone that carries a local wall-clock value. */
export function resolveLocal(naive: DateTime, zone: string): number {
  return resolveLocalMs(naive.toMillis(), zone);
}
