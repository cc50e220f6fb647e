import "server-only";
import { getDb } from "./client";

export type RollupRow = { versionId: string; hour: Date; good: number; total: number };

/** Rows per statement: 4 arrays of this length bind as 4 parameters, so the size is about memory, not limits. */
const CHUNK = 50_000;

/**
 * Inserts hourly SLO rollups, ignoring hours already present. One statement per 50,000 rows through
 * unnest() of four arrays: a thousand new SLOs × 720 hours go in a few statements instead of a
 * thousand createMany round trips (which Prisma builds row by row).
 */
export async function insertRollups(rows: RollupRow[]): Promise<void> {
  if (!rows.length) return;
  const db = await getDb();
  for (let i = 0; i < rows.length; i += CHUNK) {
    const part = rows.slice(i, i + CHUNK);
    await db.$executeRaw`
      INSERT INTO "SloRollup" ("versionId", "hour", "good", "total")
      SELECT * FROM unnest(${part.map((r) => r.versionId)}::text[], ${part.map((r) => r.hour)}::timestamptz[], ${part.map((r) => r.good)}::float8[], ${part.map((r) => r.total)}::float8[])
      ON CONFLICT ("versionId", "hour") DO NOTHING`;
  }
}
