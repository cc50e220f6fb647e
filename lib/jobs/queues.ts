import "server-only";
import type PgBoss from "pg-boss";
import { env } from "@/lib/env";

// Every background job, by name: how often it runs (periodic jobs) and how pg-boss treats it. Names
// are the pg-boss queue names. A periodic job has two queues: `<name>` carries the self-renewing
// chain (each run enqueues the next one `everySeconds` later; a cron entry once a minute revives a
// chain that died with its process), `<name>-now` carries "run soon" requests from enqueueJob. Both
// are stately: at most one queued and one running per queue across all processes, which is what makes a
// periodic job run once per interval however many replicas there are.

export type JobSpec = {
  description: string;
  /** periodic jobs only; read at start (SLO_REFRESH_SECONDS etc.); 0 = this job is turned off */
  everySeconds?: () => number;
  /** periodic: run when the first process starts (default), or only after the first interval */
  runAtStart?: boolean;
  retryLimit: number;
  /** a run still active after this is failed and retried (a crashed process's job is not stuck) */
  expireInSeconds: number;
};

export const NOW_SUFFIX = "-now";

export const nowQueueOf = (name: string, specs: Record<string, JobSpec> = JOB_SPECS) =>
  specs[name]?.everySeconds ? `${name}${NOW_SUFFIX}` : name;

/** The job a queue belongs to (`x-now` → `x`). */
export const jobOfQueue = (queue: string) =>
  queue.endsWith(NOW_SUFFIX) && JOB_SPECS[queue.slice(0, -NOW_SUFFIX.length)]
    ? queue.slice(0, -NOW_SUFFIX.length)
    : queue;

export function queueOptionsOf(queue: string): Omit<PgBoss.Queue, "name"> {
  const spec = JOB_SPECS[jobOfQueue(queue)];
  const periodic = Boolean(spec?.everySeconds);
  return {
    policy: periodic ? "stately" : "standard",
    retryLimit: spec?.retryLimit ?? 3,
    retryDelay: 5,
    retryBackoff: true,
    expireInSeconds: spec?.expireInSeconds ?? 300,
  };
}

export const JOB_SPECS: Record<string, JobSpec> = {
  // sends due notifications (pages, follow-ups, verification codes); also run at once after a page opens
  "notifications-deliver": {
    description: "Delivers due notifications (e-mail, chat, webhooks) with retries",
    everySeconds: () => 5,
    retryLimit: 0,
    expireInSeconds: 300,
  },
  "shift-notices": {
    description: "Queues shift reminders and handoff notices",
    everySeconds: () => 60,
    retryLimit: 0,
    expireInSeconds: 120,
  },
  "slo-status-refresh": {
    description: "Recomputes every SLO's status into the read model",
    everySeconds: () => env().refreshIntervalSeconds,
    retryLimit: 0,
    expireInSeconds: 600,
  },
  "slo-rollups": {
    description: "Fills the hourly SLI rollups from Prometheus",
    everySeconds: () => 60,
    retryLimit: 0,
    expireInSeconds: 600,
  },
  oncall: {
    description: "Escalates unacknowledged pages; records who is on call",
    everySeconds: () => 15,
    retryLimit: 0,
    expireInSeconds: 120,
  },
  backup: {
    description: "Writes a backup to SRECP_BACKUP_DIR and keeps the newest SRECP_BACKUP_KEEP",
    everySeconds: () => env().backup.everyHours * 3600,
    runAtStart: false,
    retryLimit: 2,
    expireInSeconds: 3600,
  },
  "restore-drill": {
    description: "Restores the newest backup into a scratch database and checks it (scorecard)",
    everySeconds: () => env().backup.drillEveryDays * 86_400,
    runAtStart: false,
    retryLimit: 1,
    expireInSeconds: 3600,
  },
  "budget-policy": {
    description: "Evaluates the budget-policy postmortem trigger of recent incidents",
    everySeconds: () => 600,
    runAtStart: false,
    retryLimit: 0,
    expireInSeconds: 600,
  },
  "login-attempts-prune": {
    description: "Deletes sign-in attempts past their retention",
    everySeconds: () => 3600,
    retryLimit: 0,
    expireInSeconds: 300,
  },
};
