import { logger } from "@/lib/observability/logger";
import { pruneLoginAttempts } from "./login";
import { oncallTick } from "./oncall/worker";
import { syncAllRollups } from "./slo/rollup-job";

type Job = { name: string; everyMs: number; run: () => Promise<unknown> };

const JOBS: Job[] = [
  { name: "slo-rollups", everyMs: 60_000, run: () => syncAllRollups() },
  // escalates unacknowledged pages and records who is on call as it happens
  { name: "oncall", everyMs: 15_000, run: () => oncallTick() },
  // sign-in attempts older than their retention (lib/services/login.ts)
  { name: "login-attempts-prune", everyMs: 60 * 60_000, run: () => pruneLoginAttempts() },
];

declare global {
  var __srecpJobsStarted: boolean | undefined;
  var __srecpJobsStopped: boolean | undefined;
}

/** No new job run starts after this (graceful shutdown); runs in progress finish. */
export function stopBackgroundJobs() {
  globalThis.__srecpJobsStopped = true;
}

/**
 * Starts the in-process background jobs once per server process (set SRECP_DISABLE_JOBS=1 to turn
 * them off, e.g. when several replicas share a database and one worker is enough). A job never runs
 * twice at once; timers are unref'd so they never keep the process alive.
 */
export function startBackgroundJobs(extra: Job[] = []) {
  if (globalThis.__srecpJobsStarted || process.env.SRECP_DISABLE_JOBS === "1") return;
  globalThis.__srecpJobsStarted = true;
  for (const job of [...JOBS, ...extra]) {
    let running = false;
    const tick = async () => {
      if (running || globalThis.__srecpJobsStopped) return;
      running = true;
      try {
        await job.run();
      } catch (err) {
        logger().error({ job: job.name, err: (err as Error).message }, "background job failed");
      } finally {
        running = false;
      }
    };
    setTimeout(tick, 5_000).unref();
    setInterval(tick, job.everyMs).unref();
  }
}
