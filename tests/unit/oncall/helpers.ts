import { DateTime } from "luxon";
import type { Layer, LayerShift, Segment } from "@/lib/oncall";

export const BERLIN = "Europe/Berlin";
export const NEW_YORK = "America/New_York";
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** Epoch ms of an ISO string with an explicit offset or Z. */
export const at = (iso: string): number => {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`bad ISO ${iso}`);
  return ms;
};

/** Epoch ms of an unambiguous local time in a zone. */
export const local = (iso: string, zone = BERLIN): number => DateTime.fromISO(iso, { zone }).toMillis();

export const iso = (ms: number): string => new Date(ms).toISOString().replace(".000Z", "Z");

export const makeLayer = (over: Partial<Layer>): Layer => ({
  id: "L1",
  name: "Primary",
  priority: 0,
  rotation: { unit: "week", every: 1 },
  handoffTime: "09:00",
  startMs: local("2027-01-04T00:00"), // Monday
  participants: ["A", "B", "C"],
  ...over,
});

/** Compact view of shifts / segments for table-style assertions. */
export const shiftView = (shifts: LayerShift[]): [string | null, string, string][] =>
  shifts.map((s) => [s.userId, iso(s.startMs), iso(s.endMs)]);
export const segmentView = (segments: Segment[]): [string, string, string][] =>
  segments.map((s) => [s.userIds.join("+") || "-", iso(s.startMs), iso(s.endMs)]);
