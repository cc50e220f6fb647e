import "server-only";
import { assertCanRead, type Actor } from "@/lib/auth/permissions";
import { finalTimeline, layerShifts, userShifts, type Segment } from "@/lib/oncall";
import type { ShiftsView, SourceView } from "@/lib/validation/views/oncall";
import { lineageChains, loadScheduleModel, refOf, userRefs, type ScheduleModel } from "./model";

// Read side of a schedule: the final timeline (lib/oncall finalTimeline over all layer versions and the
// active overrides), per-user shifts, gaps, per-layer shifts, and who is on call at an instant.

const DAY_MS = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

export const timelineOf = (model: ScheduleModel, fromMs: number, toMs: number): Segment[] =>
  finalTimeline({ schedule: model.domain, overrides: model.domainOverrides, fromMs, toMs });

const sameUsers = (a: string[], b: string[]) =>
  a.length === b.length && [...a].sort().join("\u0000") === [...b].sort().join("\u0000");

export type OnCallAt = { userIds: string[]; source: Segment["source"]; sinceMs: number; untilMs: number };

/**
 * Who is on call at `atMs` (at a handoff instant: the incoming people), with the source of that piece and
 * the span [since, until) over which the same people are on call (looked up to 31 days either way).
 */
export function onCallAtModel(model: ScheduleModel, atMs: number): OnCallAt {
  const segments = timelineOf(model, atMs - 31 * DAY_MS, atMs + 31 * DAY_MS);
  const index = segments.findIndex((s) => s.startMs <= atMs && atMs < s.endMs);
  const here = segments[index]!;
  let since = index;
  while (
    since > 0 &&
    segments[since - 1]!.endMs === segments[since]!.startMs &&
    sameUsers(segments[since - 1]!.userIds, here.userIds)
  )
    since -= 1;
  let until = index;
  while (
    until + 1 < segments.length &&
    segments[until + 1]!.startMs === segments[until]!.endMs &&
    sameUsers(segments[until + 1]!.userIds, here.userIds)
  )
    until += 1;
  return {
    userIds: here.userIds,
    source: here.source,
    sinceMs: segments[since]!.startMs,
    untilMs: segments[until]!.endMs,
  };
}

/** Current name of each layer (its newest version), by lineage id. */
export function layerNames(model: ScheduleModel): Map<string, string> {
  const names = new Map<string, string>();
  for (const [id, chain] of lineageChains(model.rows)) names.set(id, chain[chain.length - 1]!.name);
  return names;
}

export function sourceView(source: Segment["source"], names: Map<string, string>): SourceView {
  if (source.kind === "layer")
    return {
      kind: "layer",
      layerId: source.layerId,
      layerName: names.get(source.layerId) ?? source.layerId,
      layerIds: source.layerIds,
    };
  return source;
}

/** The final schedule over [from, to) with names, sources, gaps, per-layer shifts and the overrides in it. */
export async function scheduleShifts(actor: Actor, id: string, window: { from: Date; to: Date }): Promise<ShiftsView> {
  assertCanRead(actor);
  return shiftsOfModel(await loadScheduleModel(null, id), window.from.getTime(), window.to.getTime());
}

export async function shiftsOfModel(model: ScheduleModel, fromMs: number, toMs: number): Promise<ShiftsView> {
  const segments = timelineOf(model, fromMs, toMs);
  const names = layerNames(model);
  const layerIds = [...names.keys()];
  const perLayer = layerIds
    .map((lineageId) => {
      const versions = model.domain.layers.filter((l) => l.id === lineageId);
      const shifts = versions
        .flatMap((l) => layerShifts(l, model.domain.timezone, fromMs, toMs))
        .sort((a, b) => a.startMs - b.startMs);
      const newest = lineageChains(model.rows).get(lineageId)!;
      const last = newest[newest.length - 1]!;
      return {
        id: lineageId,
        name: names.get(lineageId)!,
        priority: last.priority,
        shifts,
        relevant: shifts.length > 0 || !last.endAt || last.endAt.getTime() > fromMs,
      };
    })
    .filter((l) => l.relevant);
  const overrides = model.overrides.filter((o) => o.endAt.getTime() > fromMs && o.startAt.getTime() < toMs);

  const ids = new Set<string>();
  for (const s of segments) s.userIds.forEach((u) => ids.add(u));
  for (const l of perLayer) l.shifts.forEach((s) => s.userId && ids.add(s.userId));
  for (const o of overrides) [o.userId, o.replacesUserId].forEach((u) => u && ids.add(u));
  const refs = await userRefs(null, ids);

  return {
    schedule: {
      id: model.schedule.id,
      name: model.schedule.name,
      timezone: model.schedule.timezone,
      team: { slug: model.schedule.team.slug, name: model.schedule.team.name },
    },
    from: iso(fromMs),
    to: iso(toMs),
    segments: segments.map((s) => ({
      start: iso(s.startMs),
      end: iso(s.endMs),
      users: s.userIds.map((u) => refOf(refs, u)),
      source: sourceView(s.source, names),
    })),
    shifts: userShifts(segments).map((s) => ({
      user: refOf(refs, s.userId),
      start: iso(s.startMs),
      end: iso(s.endMs),
      hours: (s.endMs - s.startMs) / 3_600_000,
      truncated: s.startMs === fromMs || s.endMs === toMs,
    })),
    gaps: segments.filter((s) => s.userIds.length === 0).map((s) => ({ start: iso(s.startMs), end: iso(s.endMs) })),
    layers: perLayer
      .sort((a, b) => b.priority - a.priority || a.name.localeCompare(b.name))
      .map((l) => ({
        id: l.id,
        name: l.name,
        priority: l.priority,
        shifts: l.shifts.map((s) => ({
          user: s.userId ? refOf(refs, s.userId) : null,
          start: iso(s.startMs),
          end: iso(s.endMs),
        })),
      })),
    overrides: overrides.map((o) => ({
      id: o.id,
      kind: o.kind,
      user: refOf(refs, o.userId),
      replaces: o.replacesUserId ? refOf(refs, o.replacesUserId) : null,
      start: o.startAt.toISOString(),
      end: o.endAt.toISOString(),
      reason: o.reason,
      source: o.source,
    })),
  };
}
