// Types of the pure on-call domain. Instants are epoch milliseconds (UTC); wall-clock values are "HH:mm"
// strings interpreted in an IANA zone. All intervals are half-open: [startMs, endMs).

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** Local wall-clock time "HH:mm" (24 h). */
export type WallClock = string;

/**
 * Rotation cadence: a turn lasts `every` units. "hourly × 12" is `{ unit: "hour", every: 12 }`.
 * - clock "wall" (default): boundaries are counted on the local wall clock of the schedule zone, so
 *   handoffs stay at the same local time across DST (a weekly turn across the spring change is 167 h, a
 *   12-hour night turn is 11 h).
 * - clock "elapsed": boundaries are anchor + k × every × unit in real elapsed time (fixed-length turns;
 *   local handoff times drift by the DST delta).
 */
export type Rotation = { unit: "hour" | "day" | "week"; every: number; clock?: "wall" | "elapsed" };

/**
 * One restriction window.
 * - kind "time_of_day": every day from `from` to `to` (to ≤ from runs past midnight; to = from is 24 h).
 * - kind "weekly": from `fromDay` `from` to `toDay` (default fromDay) `to`; a window that ends at or
 *   before its start in week terms wraps to the next week (Fri 17:00 → Mon 09:00).
 */
export type RestrictionWindow = { fromDay?: IsoWeekday; from: WallClock; toDay?: IsoWeekday; to: WallClock };

/** A layer is only active inside the union of its windows; the rest of each turn is a gap for the layer. */
export type Restrictions = { kind: "time_of_day" | "weekly"; windows: RestrictionWindow[] };

/** Participant slot: a user id, or `null` for an explicit empty slot (NOBODY). */
export type Participant = string | null;

/**
 * A rotation layer (one immutable version of it).
 * - Turn 0 starts at `handoffTime` on the local calendar date of `startMs` in the schedule zone (the
 *   anchor); that date also fixes the weekday of weekly handoffs. Coverage starts at
 *   max(anchor, startMs, effectiveFromMs): pass startMs = local midnight of the start date to start at the
 *   first handoff, or any later instant to start mid-turn.
 * - `effectiveFromMs` lets an edited version keep the original anchor (same handoff phase) while only
 *   producing output from the edit onward; the previous version gets `endMs` = the same instant.
 * - Turn k goes to participants[(startPosition + k) mod n] (calendar counting: restricted turns still
 *   use up a position).
 */
export type Layer = {
  id: string;
  name: string;
  /** Higher hides lower where it has someone; equal priorities are a union. */
  priority: number;
  /** IANA zone of this layer's handoffs and restrictions; defaults to the schedule's (follow-the-sun). */
  timezone?: string;
  rotation: Rotation;
  handoffTime: WallClock;
  startMs: number;
  effectiveFromMs?: number;
  endMs?: number;
  /** Slot index of turn 0 (default 0). */
  startPosition?: number;
  participants: Participant[];
  restrictions?: Restrictions;
};

export type Schedule = { timezone: string; layers: Layer[] };

/**
 * A schedule-level override over [startMs, endMs).
 * - replace: where `replacesUserId` is on call, swap in `userId`; without `replacesUserId` the whole set
 *   becomes [userId] (SET), even in gaps.
 * - add: `userId` is added. remove: `userId` is removed.
 * Applied after layers in order of startMs, then createdAtMs, then input order; each acts on the result
 * of the previous ones, so the later one wins.
 */
export type Override = {
  id: string;
  kind: "replace" | "add" | "remove";
  userId: string;
  replacesUserId?: string;
  startMs: number;
  endMs: number;
  createdAtMs?: number;
};

/** A piece of one layer's rotation after clipping and restrictions; userId null = explicit empty slot. */
export type LayerShift = { userId: string | null; startMs: number; endMs: number; layerId: string };

export type SegmentSource =
  { kind: "layer"; layerId: string; layerIds: string[] } | { kind: "override"; overrideId: string } | { kind: "gap" };

/** A piece of the final schedule; userIds empty means nobody is on call (source gap). */
export type Segment = { startMs: number; endMs: number; userIds: string[]; source: SegmentSource };

/** A maximal interval during which one user is on call in the final schedule. */
export type UserShift = { userId: string; startMs: number; endMs: number };

export type Interval = { startMs: number; endMs: number };

/** Thrown for definitions the domain cannot compute (unknown zone, bad "HH:mm", every ≤ 0 …). */
export class OncallDefinitionError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = "OncallDefinitionError";
  }
}
