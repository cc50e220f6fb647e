import { runRestoreDrill, runScheduledBackup } from "@/lib/services/backup-schedule";
import { pruneLoginAttempts } from "@/lib/services/login";
import { oncallTick } from "@/lib/services/oncall/worker";
import { syncAllRollups } from "@/lib/services/slo/rollup-job";

/** What each job in JOB_SPECS (lib/jobs/queues.ts) does; `data` is the job's payload (event jobs). */
export const JOB_HANDLERS: Record<string, (data: Record<string, unknown>) => Promise<unknown>> = {
  "slo-rollups": () => syncAllRollups(),
  oncall: () => oncallTick(),
  "login-attempts-prune": () => pruneLoginAttempts(),
  backup: () => runScheduledBackup(),
  "restore-drill": () => runRestoreDrill(),
};
