import "server-only";
import { getDb } from "@/lib/db";
import { checkRestoreDrill, type PlatformCheck } from "@/lib/readiness/restore-drill-check";

/** Organisation-wide checks shown above the per-service scorecard: today, whether backups are restored. */
export async function platformChecks(nowMs: number): Promise<PlatformCheck[]> {
  const db = await getDb();
  const [lastBackup, lastDrill, lastOkDrill] = await Promise.all([
    db.backupRun.findFirst({ where: { kind: "backup", finishedAt: { not: null } }, orderBy: { startedAt: "desc" } }),
    db.backupRun.findFirst({ where: { kind: "drill", finishedAt: { not: null } }, orderBy: { startedAt: "desc" } }),
    db.backupRun.findFirst({ where: { kind: "drill", ok: true }, orderBy: { startedAt: "desc" } }),
  ]);
  return [
    checkRestoreDrill(
      {
        lastBackup: lastBackup && { atMs: lastBackup.startedAt.getTime(), ok: lastBackup.ok },
        lastDrill: lastDrill && {
          atMs: lastDrill.startedAt.getTime(),
          ok: lastDrill.ok,
          rows: lastDrill.rows,
          error: lastDrill.error,
        },
        lastOkDrillAtMs: lastOkDrill?.startedAt.getTime() ?? null,
      },
      nowMs,
    ),
  ];
}
