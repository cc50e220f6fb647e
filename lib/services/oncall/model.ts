import "server-only";
import { getDb, type Db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import {
  findScheduleRows,
  findSchedulesRows,
  overrideKind,
  type LayerRow,
  type OverrideRow,
  type ScheduleRow,
  type ScheduleRows,
} from "@/lib/db/repos/schedules";
import type { Layer, Override, Schedule as DomainSchedule } from "@/lib/oncall";

// Stored on-call rows → the pure domain of lib/oncall.
//
// Layer versions: every ScheduleLayer row is one immutable version of the layer identified by lineageId.
// - startAt is the rotation start of lib/oncall (`Layer.startMs`): turn 0 starts at handoffTime on its
//   local date, and a version keeps the startAt of the version before it unless the clock was changed, so
//   handoffs keep their phase across edits;
// - a version is in force from the end of the version before it (`effectiveFromMs`) until its own endAt.
// The versions of a lineage are ordered by endAt (the open one, endAt null, is last).

export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
export type Client = Db | Tx;
export type { LayerRow, OverrideRow };

const time = (d: Date | null | undefined): number => (d ? d.getTime() : Infinity);

/** Rows grouped by lineage, each chain in version order. */
export function lineageChains(rows: LayerRow[]): Map<string, LayerRow[]> {
  const chains = new Map<string, LayerRow[]>();
  for (const row of rows) chains.set(row.lineageId, [...(chains.get(row.lineageId) ?? []), row]);
  for (const chain of chains.values())
    chain.sort(
      (a, b) =>
        time(a.endAt) - time(b.endAt) || a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id),
    );
  return chains;
}

/** When a version starts producing shifts: the end of the version before it, else its own start. */
export const effectiveFrom = (chain: LayerRow[], index: number): Date =>
  index > 0 ? (chain[index - 1]!.endAt ?? chain[index]!.startAt) : chain[index]!.startAt;

export function toDomainLayer(row: LayerRow, effectiveFromMs?: number): Layer {
  return {
    id: row.lineageId,
    name: row.name,
    priority: row.priority,
    ...(row.timezone ? { timezone: row.timezone } : {}),
    rotation: { unit: row.rotationUnit, every: row.rotationEvery, clock: row.clock },
    handoffTime: row.handoffTime,
    startMs: row.startAt.getTime(),
    ...(effectiveFromMs !== undefined ? { effectiveFromMs } : {}),
    ...(row.endAt ? { endMs: row.endAt.getTime() } : {}),
    startPosition: row.startPosition,
    participants: row.participants,
    ...(row.restrictions ? { restrictions: row.restrictions } : {}),
  };
}

/** Every version of every layer, as lib/oncall layers (id = lineage id). */
export function domainLayers(rows: LayerRow[]): Layer[] {
  const layers: Layer[] = [];
  for (const chain of lineageChains(rows).values()) {
    chain.forEach((row, i) => layers.push(toDomainLayer(row, i > 0 ? effectiveFrom(chain, i).getTime() : undefined)));
  }
  return layers;
}

export const toDomainOverride = (o: OverrideRow): Override => ({
  id: o.id,
  kind: overrideKind(o),
  userId: o.userId,
  ...(o.replacesUserId ? { replacesUserId: o.replacesUserId } : {}),
  startMs: o.startAt.getTime(),
  endMs: o.endAt.getTime(),
  createdAtMs: o.createdAt.getTime(),
});

export type ScheduleModel = {
  schedule: ScheduleRow;
  rows: LayerRow[];
  overrides: OverrideRow[];
  domain: DomainSchedule;
  domainOverrides: Override[];
};

/** A schedule with all its layer versions and its active (not cancelled) overrides. */
export async function loadScheduleModel(client: Client | null, id: string): Promise<ScheduleModel> {
  const found = await findScheduleRows(client ?? (await getDb()), id);
  if (!found) throw notFound(`schedule ${id}`);
  return modelOf(found);
}

export function modelOf({ schedule, layers, overrides }: ScheduleRows): ScheduleModel {
  return {
    schedule,
    rows: layers,
    overrides,
    domain: { timezone: schedule.timezone, layers: domainLayers(layers) },
    domainOverrides: overrides.map(toDomainOverride),
  };
}

/** All schedules (or those with the given ids) as models, loaded with three queries. */
export async function loadScheduleModels(client: Client | null, ids?: string[]): Promise<ScheduleModel[]> {
  return (await findSchedulesRows(client ?? (await getDb()), ids)).map(modelOf);
}

export type UserRef = { id: string; name: string; email: string };

/** Display data for user ids; ids of deleted users map to a placeholder so history stays readable. */
export async function userRefs(client: Client | null, ids: Iterable<string>): Promise<Map<string, UserRef>> {
  const unique = [...new Set(ids)];
  const db = client ?? (await getDb());
  const users = unique.length
    ? await db.user.findMany({ where: { id: { in: unique } }, select: { id: true, name: true, email: true } })
    : [];
  const map = new Map(users.map((u) => [u.id, u]));
  for (const id of unique) if (!map.has(id)) map.set(id, { id, name: "(deleted user)", email: "" });
  return map;
}

export const refOf = (refs: Map<string, UserRef>, id: string): UserRef =>
  refs.get(id) ?? { id, name: "(deleted user)", email: "" };
