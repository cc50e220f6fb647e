import "server-only";
import type PgBoss from "pg-boss";
import { env } from "@/lib/env";
import { logger } from "@/lib/observability/logger";
import { ARCHIVE_SECONDS, getBoss } from "./boss";
import { ensureQueue } from "./enqueue";
import { JOB_HANDLERS } from "./handlers";
import { jobMetrics } from "./metrics";
import { JOB_SPECS, NOW_SUFFIX, type JobSpec } from "./queues";

declare global {
  var __srecpRunnerStarted: boolean | undefined;
}

/** Seconds between a worker's polls of one queue (pg-boss's own fetch loop; ours has no timers). */
const POLL_SECONDS = { chain: 2, now: 1 };

async function runOnce(name: string, data: Record<string, unknown>): Promise<void> {
  const handler = JOB_HANDLERS[name]!;
  const started = performance.now();
  const m = jobMetrics();
  try {
    await handler(data);
    m.runs.inc({ job: name, outcome: "ok" });
  } catch (err) {
    m.runs.inc({ job: name, outcome: "failed" });
    logger().error({ job: name, err: err instanceof Error ? err.message : String(err) }, "background job failed");
    throw err; // pg-boss records the failure (shown on the admin page) and retries per the queue's retryLimit
  } finally {
    m.duration.observe({ job: name }, (performance.now() - started) / 1000);
  }
}

async function startPeriodic(boss: PgBoss, name: string, spec: JobSpec): Promise<void> {
  const every = spec.everySeconds!();
  // pg-boss singleton slots: at most one job per `slot`-second slot of the clock, whoever sends it. pg-boss
  // caps a slot at its archive interval (a day): longer intervals (weekly drills) rely on the stately
  // queue alone between slots.
  const slot = Math.min(every, ARCHIVE_SECONDS);
  const nextSlot = { singletonSeconds: slot, singletonNextSlot: true };
  const nowQueue = `${name}${NOW_SUFFIX}`;
  await ensureQueue(boss, name);
  await ensureQueue(boss, nowQueue);
  await boss.work<Record<string, unknown>>(
    name,
    { batchSize: 1, pollingIntervalSeconds: POLL_SECONDS.chain },
    async ([job]) => {
      try {
        await runOnce(name, job?.data ?? {});
      } finally {
        // the next link of the chain, in the next interval slot; a no-op when that slot already has a
        // job (another process's link or the cron's) or one is queued (stately)
        await boss.send(name, {}, { startAfter: every, ...nextSlot }).catch(() => null);
      }
    },
  );
  await boss.work<Record<string, unknown>>(
    nowQueue,
    { batchSize: 1, pollingIntervalSeconds: POLL_SECONDS.now },
    async ([job]) => runOnce(name, job?.data ?? {}),
  );
  // revives the chain once a minute if the process that held it died mid-run (deduplicated as above)
  await boss.schedule(name, "* * * * *", {}, nextSlot);
  // a run now, unless this slot already had one (several replicas starting together run it once);
  // jobs that should not run at every first start (backups) begin one interval later
  if (spec.runAtStart === false) await boss.send(name, {}, { startAfter: every, ...nextSlot });
  else await boss.send(name, {}, { singletonSeconds: slot });
}

async function startEventJob(boss: PgBoss, name: string): Promise<void> {
  await ensureQueue(boss, name);
  await boss.work<Record<string, unknown>>(
    name,
    { batchSize: 1, pollingIntervalSeconds: POLL_SECONDS.now },
    async ([job]) => runOnce(name, job?.data ?? {}),
  );
}

/**
 * Starts this process's share of the background work (roles worker and both; SRECP_ROLE=web runs none).
 * Every process registers workers for every queue; pg-boss hands each job to exactly one of them.
 */
export async function startJobRunner(): Promise<void> {
  if (globalThis.__srecpRunnerStarted || env().role === "web") return;
  globalThis.__srecpRunnerStarted = true;
  try {
    const boss = await getBoss();
    for (const [name, spec] of Object.entries(JOB_SPECS)) {
      if (!JOB_HANDLERS[name]) continue;
      if (spec.everySeconds && spec.everySeconds() <= 0) continue; // turned off (e.g. SRECP_BACKUP_EVERY_HOURS=0)
      try {
        if (spec.everySeconds) await startPeriodic(boss, name, spec);
        else await startEventJob(boss, name);
      } catch (err) {
        // one job that cannot start never keeps the others from running
        logger().error({ job: name, err: (err as Error).message }, "background job could not start");
      }
    }
    logger().info({ jobs: Object.keys(JOB_SPECS) }, "job runner started");
  } catch (err) {
    globalThis.__srecpRunnerStarted = false;
    logger().error({ err: (err as Error).message }, "job runner could not start; background work paused until restart");
  }
}
