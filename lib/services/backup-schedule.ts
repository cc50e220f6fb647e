import "server-only";
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { logger } from "@/lib/observability/logger";
import { writeBackup } from "./backup";

// Scheduled backups with retention, and restore drills (issue 18): the jobs "backup" and "restore-drill"
// (lib/jobs) and `srecp restore-drill`. Every run is a BackupRun row; the scorecard reads the last drill.

const PREFIX = "srecp-backup-";
const SUFFIX = ".json.gz";
/** A drill restoring a large backup may take a while; past this it is killed and recorded as failed. */
const DRILL_TIMEOUT_MS = 15 * 60_000;

const fileNameAt = (nowMs: number) => `${PREFIX}${new Date(nowMs).toISOString().replace(/[:.]/g, "-")}${SUFFIX}`;

/** Our backup files in `dir`, newest first (the names sort by their UTC time). */
export function listBackups(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.startsWith(PREFIX) && f.endsWith(SUFFIX))
    .sort()
    .reverse();
}

async function recordRun<T extends { rows?: number; tables?: number; bytes?: number }>(
  kind: "backup" | "drill",
  trigger: string,
  file: string,
  nowMs: number,
  work: () => Promise<T>,
): Promise<T> {
  const db = await getDb();
  const run = await db.backupRun.create({ data: { kind, trigger, file, startedAt: new Date(nowMs) } });
  try {
    const out = await work();
    await db.backupRun.update({
      where: { id: run.id },
      data: {
        ok: true,
        finishedAt: new Date(),
        rows: out.rows ?? null,
        tables: out.tables ?? null,
        bytes: out.bytes ?? null,
      },
    });
    return out;
  } catch (err) {
    const error = (err instanceof Error ? err.message : String(err)).slice(0, 500);
    await db.backupRun.update({ where: { id: run.id }, data: { ok: false, finishedAt: new Date(), error } });
    logger().error({ kind, file, err: error }, `${kind} failed`);
    throw err;
  }
}

/** Writes a backup into SRECP_BACKUP_DIR and keeps the newest SRECP_BACKUP_KEEP of them. */
export async function runScheduledBackup(
  nowMs = Date.now(),
  trigger = "schedule",
): Promise<{ file: string; rows: number; tables: number; bytes: number; removed: string[] }> {
  const { dir, keep } = env().backup;
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const name = fileNameAt(nowMs);
  const file = path.join(dir, name);
  const out = await recordRun("backup", trigger, name, nowMs, async () => {
    const { rows, tables } = await writeBackup(`${file}.partial`, nowMs);
    fs.renameSync(`${file}.partial`, file); // a crash mid-write never leaves a file that looks complete
    return { rows, tables, bytes: fs.statSync(file).size };
  });
  const removed = listBackups(dir).slice(keep);
  for (const old of removed) fs.rmSync(path.join(dir, old), { force: true });
  return { file, ...out, removed };
}

/**
 * Restores a backup (default: the newest in SRECP_BACKUP_DIR) into a scratch embedded database, with
 * the same `srecp restore` a person would run (it migrates, restores and checks every table's row count),
 * then deletes the scratch database. The live database is never touched.
 */
export async function runRestoreDrill(
  opts: { file?: string; nowMs?: number; trigger?: string } = {},
): Promise<{ file: string; rows: number; tables: number }> {
  const nowMs = opts.nowMs ?? Date.now();
  const dir = env().backup.dir;
  const newest = listBackups(dir)[0];
  const file = opts.file ?? (newest ? path.join(dir, newest) : null);
  return recordRun("drill", opts.trigger ?? "schedule", file ? path.basename(file) : "(none)", nowMs, async () => {
    if (!file) throw new Error(`no backup to restore in ${dir}`);
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "srecp-drill-"));
    try {
      const stdout = await restoreInto(scratch, file);
      const m = /restored (\d+) rows into (\d+) tables/.exec(stdout);
      if (!m) throw new Error("the restore did not report its row counts");
      return { file, rows: Number(m[1]), tables: Number(m[2]) };
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  });
}

function restoreInto(dataDir: string, file: string): Promise<string> {
  const cli = path.join(process.cwd(), "scripts/srecp.mjs");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, "restore", "--file", file], {
      cwd: process.cwd(),
      env: {
        ...process.env,
        DATABASE_URL: "",
        DATA_DIR: dataDir,
        SRECP_PROCESS_PURPOSE: "restore drill",
        SRECP_PGLITE_LOCK_TOKEN: "",
        LOG_LEVEL: "warn",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err = (err + d.toString()).slice(-2000)));
    const timer = setTimeout(() => child.kill("SIGKILL"), DRILL_TIMEOUT_MS);
    child.once("error", reject);
    child.once("exit", (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else
        reject(
          new Error(`restore exited ${code ?? "by a signal"}: ${(err.trim().split("\n").pop() ?? "").slice(0, 300)}`),
        );
    });
  });
}
