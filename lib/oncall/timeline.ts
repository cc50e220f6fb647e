import { layerShifts } from "./layer-shifts";
import { assertZone } from "./local-time";
import { applyOverride, orderOverrides } from "./overrides";
import type { LayerShift, Override, Schedule, Segment, SegmentSource, UserShift } from "./types";

export type TimelineInput = { schedule: Schedule; overrides?: Override[]; fromMs: number; toMs: number };

type LayerCursor = { layerId: string; priority: number; shifts: LayerShift[]; index: number };

const sameArray = (a: string[], b: string[]): boolean => a.length === b.length && a.every((v, i) => v === b[i]);

const sameSource = (a: SegmentSource, b: SegmentSource): boolean => {
  if (a.kind === "layer" && b.kind === "layer") return a.layerId === b.layerId && sameArray(a.layerIds, b.layerIds);
  if (a.kind === "override" && b.kind === "override") return a.overrideId === b.overrideId;
  return a.kind === b.kind;
};

/** Users of the highest priority level that has anyone in the elementary interval starting at `atMs`. */
function layerUsersAt(levels: LayerCursor[][], atMs: number): { userIds: string[]; layerIds: string[] } {
  for (const level of levels) {
    const userIds: string[] = [];
    const layerIds: string[] = [];
    for (const cursor of level) {
      while (cursor.index < cursor.shifts.length && (cursor.shifts[cursor.index] as LayerShift).endMs <= atMs)
        cursor.index += 1;
      const shift = cursor.shifts[cursor.index];
      if (!shift || shift.startMs > atMs || shift.userId === null) continue;
      if (!userIds.includes(shift.userId)) userIds.push(shift.userId);
      if (!layerIds.includes(cursor.layerId)) layerIds.push(cursor.layerId);
    }
    if (userIds.length > 0) return { userIds, layerIds };
  }
  return { userIds: [], layerIds: [] };
}

/**
 * The final schedule over [fromMs, toMs): ordered, non-overlapping segments that cover the whole window
 * (gaps included, userIds empty), adjacent segments with equal users and source merged.
 * 1. Layers: the highest priority level with someone on call wins; layers of equal priority are a union;
 *    empty slots and restricted parts don't mask lower layers.
 * 2. Overrides (see `orderOverrides` and `applyOverride`) act on that result, only inside their window,
 *    so a replace across a handoff or inside a restricted layer splits at the layer's own boundaries.
 * Source: the last override that changed the set, else the contributing layer(s), else gap.
 */
export function finalTimeline({ schedule, overrides = [], fromMs, toMs }: TimelineInput): Segment[] {
  assertZone(schedule.timezone);
  if (!(toMs > fromMs)) return [];
  const cursors: LayerCursor[] = schedule.layers.map((layer) => ({
    layerId: layer.id,
    priority: layer.priority,
    shifts: layerShifts(layer, schedule.timezone, fromMs, toMs).filter((s) => s.userId !== null),
    index: 0,
  }));
  const priorities = [...new Set(cursors.map((c) => c.priority))].sort((a, b) => b - a);
  const levels = priorities.map((p) => cursors.filter((c) => c.priority === p));
  const ordered = orderOverrides(overrides).filter((o) => o.endMs > fromMs && o.startMs < toMs && o.endMs > o.startMs);

  const cuts = new Set<number>([fromMs, toMs]);
  for (const cursor of cursors) for (const s of cursor.shifts) cuts.add(s.startMs).add(s.endMs);
  for (const o of ordered) cuts.add(Math.max(o.startMs, fromMs)).add(Math.min(o.endMs, toMs));
  const points = [...cuts].sort((a, b) => a - b);

  const segments: Segment[] = [];
  let active: number[] = []; // indexes into `ordered`, kept in application order
  let nextOverride = 0;
  const byStart = ordered.map((o, i) => ({ o, i })).sort((a, b) => a.o.startMs - b.o.startMs);
  for (let p = 0; p + 1 < points.length; p += 1) {
    const startMs = points[p] as number;
    const endMs = points[p + 1] as number;
    while (nextOverride < byStart.length && (byStart[nextOverride] as { o: Override }).o.startMs <= startMs) {
      active.push((byStart[nextOverride] as { i: number }).i);
      nextOverride += 1;
    }
    active = active.filter((i) => (ordered[i] as Override).endMs > startMs).sort((a, b) => a - b);

    const base = layerUsersAt(levels, startMs);
    let userIds = base.userIds;
    let source: SegmentSource =
      base.userIds.length > 0
        ? { kind: "layer", layerId: base.layerIds[0] as string, layerIds: base.layerIds }
        : { kind: "gap" };
    for (const i of active) {
      const override = ordered[i] as Override;
      const next = applyOverride(userIds, override);
      if (next !== userIds) source = { kind: "override", overrideId: override.id };
      userIds = next;
    }
    if (userIds.length === 0) source = { kind: "gap" };

    const last = segments[segments.length - 1];
    if (last && last.endMs === startMs && sameArray(last.userIds, userIds) && sameSource(last.source, source))
      last.endMs = endMs;
    else segments.push({ startMs, endMs, userIds, source });
  }
  return segments;
}

/** Users on call at `atMs` (at a handoff instant the incoming users). */
export function onCallAt({
  schedule,
  overrides,
  atMs,
}: {
  schedule: Schedule;
  overrides?: Override[];
  atMs: number;
}): string[] {
  return finalTimeline({ schedule, overrides, fromMs: atMs, toMs: atMs + 1 })[0]?.userIds ?? [];
}

/** Gap segments (nobody on call) of the final schedule in [fromMs, toMs). */
export function gaps(input: TimelineInput): Segment[] {
  return finalTimeline(input).filter((s) => s.userIds.length === 0);
}

/**
 * Per-user maximal on-call intervals from final segments, sorted by start then user id. The same person on
 * back-to-back turns (or layers) is one shift: no handoff from A to A.
 */
export function userShifts(segments: Segment[]): UserShift[] {
  const open = new Map<string, UserShift>();
  const done: UserShift[] = [];
  for (const segment of segments) {
    for (const [userId, shift] of open) {
      if (shift.endMs === segment.startMs && segment.userIds.includes(userId)) continue;
      done.push(shift);
      open.delete(userId);
    }
    for (const userId of segment.userIds) {
      const shift = open.get(userId);
      if (shift) shift.endMs = segment.endMs;
      else open.set(userId, { userId, startMs: segment.startMs, endMs: segment.endMs });
    }
  }
  done.push(...open.values());
  return done.sort((a, b) => a.startMs - b.startMs || a.userId.localeCompare(b.userId));
}
