import "server-only";
import type { Override, Participant, Restrictions } from "@/lib/oncall";
import { layerInputSchema, overrideInputSchema, restrictionsSchema, rotationSchema } from "@/lib/validation/oncall";
import type { Prisma } from "../generated/client";
import { parseColumn } from "./parse-column";

// Schedule layer versions as the services use them: the JSON columns (participants, restrictions) and the
// rotation's enumerations parsed with the schemas that validate them on write.

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
