import type { CheckLink, CheckStatus } from "./types";

// "Backups that are restored" — the source's first lesson (six hours of data lost to backups never
// restored). An organisation-wide check next to the per-service ones: it passes only when a restore drill
// succeeded recently. A backup that was never restored does not count.

export const RESTORE_DRILL_MAX_AGE_DAYS = 30;
const DAY_MS = 86_400_000;

export type BackupFacts = {
  lastBackup: { atMs: number; ok: boolean } | null;
  lastDrill: { atMs: number; ok: boolean; rows: number | null; error: string | null } | null;
  lastOkDrillAtMs: number | null;
};

export type PlatformCheck = {
  key: "restore_drill";
  title: string;
  status: CheckStatus;
  reason: string;
  details: string[];
  link: CheckLink;
};

const days = (ms: number) => Math.floor(ms / DAY_MS);
const ago = (nowMs: number, atMs: number) => {
  const n = days(nowMs - atMs);
  return n === 0 ? "today" : n === 1 ? "1 day ago" : `${n} days ago`;
};

export function checkRestoreDrill(
  f: BackupFacts,
  nowMs: number,
  maxAgeDays = RESTORE_DRILL_MAX_AGE_DAYS,
): PlatformCheck {
  const base = {
    key: "restore_drill" as const,
    title: `Backups restored (a restore drill in the last ${maxAgeDays} days)`,
    link: { href: "/admin/jobs", label: "Background jobs" },
  };
  const details: string[] = [];
  if (f.lastBackup) details.push(`last backup ${ago(nowMs, f.lastBackup.atMs)}${f.lastBackup.ok ? "" : " (failed)"}`);
  if (f.lastDrill)
    details.push(
      `last drill ${ago(nowMs, f.lastDrill.atMs)}: ${f.lastDrill.ok ? `${f.lastDrill.rows ?? 0} rows restored and checked` : `failed — ${f.lastDrill.error ?? "no message"}`}`,
    );
  if (f.lastOkDrillAtMs === null) {
    return {
      ...base,
      status: "fail",
      reason: f.lastDrill
        ? "No restore drill has succeeded yet."
        : "No backup has ever been restored: run `srecp restore-drill` or let the scheduled drill run.",
      details,
    };
  }
  if (nowMs - f.lastOkDrillAtMs > maxAgeDays * DAY_MS) {
    return {
      ...base,
      status: "fail",
      reason: `The last successful restore drill was ${ago(nowMs, f.lastOkDrillAtMs)}, more than ${maxAgeDays} days ago.`,
      details,
    };
  }
  if (f.lastDrill && !f.lastDrill.ok) {
    return {
      ...base,
      status: "fail",
      reason: `The latest restore drill failed (the one before succeeded ${ago(nowMs, f.lastOkDrillAtMs)}).`,
      details,
    };
  }
  return {
    ...base,
    status: "pass",
    reason: `A backup was restored and checked ${ago(nowMs, f.lastOkDrillAtMs)}.`,
    details,
  };
}
