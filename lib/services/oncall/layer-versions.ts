import "server-only";
import { randomUUID } from "node:crypto";
import { Prisma } from "@/lib/db";
import { sameJson } from "@/lib/canonical-json";
import { validation } from "@/lib/errors";
import { startPositionAcrossClocks, startPositionForEdit } from "@/lib/oncall";
import type { LayerInput } from "@/lib/validation/oncall";
import { effectiveFrom, lineageChains, toDomainLayer, type LayerRow, type Tx } from "./model";

// Layer edits never rewrite the past. At the edit instant T:
// - a version already in force is ended at T and a new version starts at T (same lineage). If the clock
//   (cadence, handoff time, zone, rotation start) is unchanged, the new version keeps the rotation start,
//   so handoffs keep their phase, and the slot order continues so that whoever is on call stays on call
//   (lib/oncall startPositionForEdit). A changed clock with a start in the future takes over at that start
//   (the old version runs until then); with a start in the past it takes over at T, keeping the on-call
//   person (startPositionAcrossClocks).
// - a version not yet in force (a scheduled change, or a layer that has not started) is replaced.
// - a new layer whose start lies in the past gets an empty first version up to T, so it adds nobody to
//   the past.

export type LayerChange = { layerId: string; name: string; action: "added" | "changed" | "ended" };

const sameClock = (row: LayerRow, d: LayerInput): boolean =>
  row.rotationUnit === d.rotation.unit &&
  row.rotationEvery === d.rotation.every &&
  row.clock === d.rotation.clock &&
  row.handoffTime === d.handoffTime &&
  (row.timezone ?? null) === (d.timezone ?? null) &&
  row.startAt.getTime() === d.startAt.getTime();

const sameDefinition = (row: LayerRow, d: LayerInput): boolean =>
  sameClock(row, d) &&
  row.name === d.name &&
  row.priority === d.priority &&
  sameJson(row.participants, d.participants) &&
  sameJson(row.restrictions ?? null, d.restrictions ?? null);

const rowData = (scheduleId: string, lineageId: string, d: LayerInput) => ({
  scheduleId,
  lineageId,
  name: d.name,
  priority: d.priority,
  timezone: d.timezone ?? null,
  rotationUnit: d.rotation.unit,
  rotationEvery: d.rotation.every,
  clock: d.rotation.clock,
  handoffTime: d.handoffTime,
  startAt: d.startAt,
  participants: d.participants,
  restrictions: d.restrictions ?? Prisma.DbNull,
});

/** The editable definition of a stored version (what a client would send back unchanged). */
export function layerInputOf(row: LayerRow): LayerInput {
  return {
    id: row.lineageId,
    name: row.name,
    priority: row.priority,
    timezone: row.timezone,
    rotation: { unit: row.rotationUnit, every: row.rotationEvery, clock: row.clock },
    handoffTime: row.handoffTime,
    startAt: row.startAt,
    participants: row.participants,
    restrictions: row.restrictions,
  };
}

async function createLineage(tx: Tx, scheduleId: string, lineageId: string, d: LayerInput, now: Date): Promise<void> {
  if (d.startAt < now) {
    await tx.scheduleLayer.create({ data: { ...rowData(scheduleId, lineageId, d), participants: [], endAt: now } });
  }
  await tx.scheduleLayer.create({ data: { ...rowData(scheduleId, lineageId, d), startPosition: 0 } });
}

/** Drops a version that is not yet in force; its predecessor (if any) runs on until `until`. */
async function dropFuture(tx: Tx, chain: LayerRow[], until: Date | null): Promise<LayerRow | null> {
  const last = chain[chain.length - 1]!;
  await tx.scheduleLayer.delete({ where: { id: last.id } });
  const pred = chain[chain.length - 2];
  if (!pred) return null;
  await tx.scheduleLayer.update({ where: { id: pred.id }, data: { endAt: until } });
  return { ...pred, endAt: until };
}

async function endLineage(tx: Tx, chain: LayerRow[], now: Date): Promise<void> {
  const last = chain[chain.length - 1]!;
  if (effectiveFrom(chain, chain.length - 1) > now) await dropFuture(tx, chain, now);
  else await tx.scheduleLayer.update({ where: { id: last.id }, data: { endAt: now } });
}

async function reviseLineage(
  tx: Tx,
  scheduleId: string,
  tz: string,
  chain: LayerRow[],
  d: LayerInput,
  now: Date,
): Promise<boolean> {
  let current = chain[chain.length - 1]!;
  let changed = false;
  if (effectiveFrom(chain, chain.length - 1) > now) {
    if (sameDefinition(current, d)) return false;
    const pred = await dropFuture(tx, chain, null);
    if (!pred) {
      await createLineage(tx, scheduleId, current.lineageId, d, now);
      return true;
    }
    current = pred;
    changed = true;
  }
  if (sameDefinition(current, d)) return changed;
  const old = toDomainLayer(current);
  const data = rowData(scheduleId, current.lineageId, d);
  if (sameClock(current, d)) {
    const participantsChanged = !sameJson(current.participants, d.participants);
    const startPosition = participantsChanged
      ? startPositionForEdit(old, tz, now.getTime(), d.participants)
      : current.startPosition;
    await tx.scheduleLayer.update({ where: { id: current.id }, data: { endAt: now } });
    await tx.scheduleLayer.create({ data: { ...data, startAt: current.startAt, startPosition } });
  } else if (d.startAt > now) {
    await tx.scheduleLayer.update({ where: { id: current.id }, data: { endAt: d.startAt } });
    await tx.scheduleLayer.create({ data: { ...data, startPosition: 0 } });
  } else {
    const next = toDomainLayer({
      ...current,
      ...data,
      restrictions: d.restrictions,
      startPosition: 0,
      endAt: null,
      id: "new",
      createdAt: now,
    });
    const startPosition = startPositionAcrossClocks(old, next, tz, now.getTime());
    await tx.scheduleLayer.update({ where: { id: current.id }, data: { endAt: now } });
    await tx.scheduleLayer.create({ data: { ...data, startPosition } });
  }
  return true;
}

/**
 * Makes `desired` the schedule's list of layers at `now` (see the rules above); returns what changed.
 * `rows` are all stored versions of the schedule; `tz` the zone layers without their own zone use.
 * @throws VALIDATION naming `layers.<i>.id` for an id that is not a current layer of this schedule.
 */
export async function applyLayerChanges(
  tx: Tx,
  input: { scheduleId: string; tz: string; rows: LayerRow[]; desired: LayerInput[]; now: Date },
): Promise<LayerChange[]> {
  const { scheduleId, tz, desired, now } = input;
  const chains = lineageChains(input.rows);
  const live = (chain: LayerRow[]) => {
    const last = chain[chain.length - 1]!;
    return !last.endAt || last.endAt > now;
  };
  desired.forEach((d, i) => {
    const chain = d.id ? chains.get(d.id) : undefined;
    if (d.id && (!chain || !live(chain)))
      throw validation({ [`layers.${i}.id`]: "is not a current layer of this schedule" });
  });
  const changes: LayerChange[] = [];
  const listed = new Set(desired.map((d) => d.id).filter(Boolean));
  for (const [lineageId, chain] of chains) {
    if (listed.has(lineageId) || !live(chain)) continue;
    await endLineage(tx, chain, now);
    changes.push({ layerId: lineageId, name: chain[chain.length - 1]!.name, action: "ended" });
  }
  for (const d of desired) {
    if (!d.id) {
      const lineageId = randomUUID();
      await createLineage(tx, scheduleId, lineageId, d, now);
      changes.push({ layerId: lineageId, name: d.name, action: "added" });
    } else if (await reviseLineage(tx, scheduleId, tz, chains.get(d.id)!, d, now)) {
      changes.push({ layerId: d.id, name: d.name, action: "changed" });
    }
  }
  return changes;
}
