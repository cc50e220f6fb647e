import "server-only";
import PgBoss from "pg-boss";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { logger } from "@/lib/observability/logger";
import { pgliteBossDb } from "./pglite-db";

// One pg-boss instance per process, on the app's own database (schema "pgboss", created and migrated
// by pg-boss itself under an advisory lock, so any number of processes may start at once). Processes
// that only enqueue (role web) start it without maintenance or cron; workers start it fully.

declare global {
  var __srecpBoss: Promise<PgBoss> | undefined;
}

export const BOSS_SCHEMA = "pgboss";
/** Completed jobs move to the archive after a day (the admin page's history window). */
export const ARCHIVE_SECONDS = 24 * 3600;

async function createBoss(opts: { maintain: boolean }): Promise<PgBoss> {
  const { databaseUrl } = env();
  const common = {
    schema: BOSS_SCHEMA,
    supervise: opts.maintain,
    schedule: opts.maintain,
    // completed jobs are kept a day (the admin page's history), then deleted after a week
    archiveCompletedAfterSeconds: ARCHIVE_SECONDS,
    deleteAfterDays: 7,
  };
  let boss: PgBoss;
  if (databaseUrl) {
    boss = new PgBoss({ ...common, connectionString: databaseUrl, max: 4, application_name: "srecp-jobs" });
  } else {
    await getDb(); // opens the embedded database (and takes its lock) first
    const embedded = globalThis.__srecpPglite;
    if (!embedded) throw new Error("embedded database is not open");
    boss = new PgBoss({ ...common, db: pgliteBossDb(embedded.pglite) });
  }
  // pg-boss reports pool and maintenance errors here; never a secret (connection strings are not in them)
  boss.on("error", (err) => logger().warn({ err: err.message }, "job queue error"));
  await boss.start();
  return boss;
}

/** The started instance; processes that run jobs (role worker/both) also run pg-boss's maintenance and cron. */
export const getBoss = (): Promise<PgBoss> =>
  (globalThis.__srecpBoss ??= createBoss({ maintain: env().role !== "web" }).catch((err) => {
    globalThis.__srecpBoss = undefined;
    throw err;
  }));

/** Stops workers (letting running jobs finish up to `timeoutMs`) and the instance; before closeDb(). */
export async function stopBoss(timeoutMs = 4_000): Promise<void> {
  const pending = globalThis.__srecpBoss;
  if (!pending) return;
  globalThis.__srecpBoss = undefined;
  const boss = await pending.catch(() => null);
  if (!boss) return;
  const budget = new Promise<void>((resolve) => setTimeout(resolve, timeoutMs + 1_000).unref());
  await Promise.race([boss.stop({ graceful: true, timeout: timeoutMs, wait: true }).catch(() => {}), budget]);
}
