import "server-only";
import type { Override, Participant, Restrictions } from "@/lib/oncall";
import { layerInputSchema, overrideInputSchema, restrictionsSchema, rotationSchema } from "@/lib/validation/oncall";
import type { Prisma } from "../generated/client";
import { parseColumn } from "./parse-column";

// Schedules with their layers and overrides as the services use them: the layers' JSON columns
// (participants, restrictions) and the rotation's enumerations parsed with the schemas that validate them
// on write.

type Client = Prisma.TransactionClient;

export type LayerRow = Omit<Prisma.ScheduleLayerModel, "participants" | "restrictions" | "rotationUnit" | "clock"> & {
  rotationUnit: "hour" | "day" | "week";
  clock: "wall" | "elapsed";
  participants: Participant[];
  restrictions: Restrictions | null;
};

const nullableRestrictions = restrictionsSchema.nullable();

export function parseLayerRow(row: Prisma.ScheduleLayerModel): LayerRow {
  const at = (field: string) => ({ table: "ScheduleLayer", id: row.id, field });
  return {
    ...row,
    rotationUnit: parseColumn(rotationSchema.shape.unit, row.rotationUnit, at("rotationUnit")),
    clock: parseColumn(rotationSchema.shape.clock, row.clock, at("clock")),
    participants: parseColumn(layerInputSchema.shape.participants, row.participants, at("participants")),
    restrictions: parseColumn(nullableRestrictions, row.restrictions, at("restrictions")),
  };
}

/** Every stored version of the layers of the given schedules. */
export async function findLayerRows(db: Client, scheduleIds: string[]): Promise<LayerRow[]> {
  const rows = await db.scheduleLayer.findMany({ where: { scheduleId: { in: scheduleIds } } });
  return rows.map(parseLayerRow);
}

/** ScheduleOverride.kind: replace, add or remove. */
export const overrideKind = (row: { id: string; kind: string }): Override["kind"] =>
  parseColumn(overrideInputSchema.shape.kind, row.kind, { table: "ScheduleOverride", id: row.id, field: "kind" });

export type ScheduleRow = Prisma.ScheduleModel & { team: { id: string; slug: string; name: string } };
export type OverrideRow = Prisma.ScheduleOverrideModel;
/** A schedule with every version of its layers and its active (not cancelled) overrides in start order. */
export type ScheduleRows = { schedule: ScheduleRow; layers: LayerRow[]; overrides: OverrideRow[] };

const withTeam = { team: { select: { id: true, slug: true, name: true } } } as const;
const overrideOrder = [{ startAt: "asc" as const }, { createdAt: "asc" as const }];

/** One schedule with its layers and active overrides; null when there is none. */
export async function findScheduleRows(db: Client, id: string): Promise<ScheduleRows | null> {
  const schedule = await db.schedule.findUnique({ where: { id }, include: withTeam });
  if (!schedule) return null;
  const [layers, overrides] = await Promise.all([
    findLayerRows(db, [id]),
    db.scheduleOverride.findMany({ where: { scheduleId: id, cancelledAt: null }, orderBy: overrideOrder }),
  ]);
  return { schedule, layers, overrides };
}

/** All schedules (or those with the given ids) by name, each with its layers and active overrides: three queries. */
export async function findSchedulesRows(db: Client, ids?: string[]): Promise<ScheduleRows[]> {
  const schedules = await db.schedule.findMany({
    where: ids ? { id: { in: ids } } : {},
    include: withTeam,
    orderBy: { name: "asc" },
  });
  const scheduleIds = schedules.map((s) => s.id);
  const [layers, overrides] = await Promise.all([
    findLayerRows(db, scheduleIds),
    db.scheduleOverride.findMany({
      where: { scheduleId: { in: scheduleIds }, cancelledAt: null },
      orderBy: overrideOrder,
    }),
  ]);
  return schedules.map((schedule) => ({
    schedule,
    layers: layers.filter((r) => r.scheduleId === schedule.id),
    overrides: overrides.filter((o) => o.scheduleId === schedule.id),
  }));
}
