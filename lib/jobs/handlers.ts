import "server-only";
import { runRestoreDrill, runScheduledBackup } from "@/lib/services/backup-schedule";
import { evaluateRecentIncidentBudgets } from "@/lib/services/incidents/budget-policy-job";
import { pruneLoginAttempts } from "@/lib/services/login";
import { deliverDueNotifications } from "@/lib/services/notify/deliver";
import { queueShiftNotices } from "@/lib/services/notify/shift-notices";
import { oncallTick } from "@/lib/services/oncall/worker";
import { refreshStoredStatuses, syncAllRollups } from "@/lib/services/slo/rollup-job";

/** What each job in JOB_SPECS (lib/jobs/queues.ts) does; `data` is the job's payload (event jobs). */
/** Delivers batch after batch while rows are due (a burst of pages), up to a minute per run. */
async function deliverAllDue(): Promise<number> {
  const until = Date.now() + 60_000;
  let total = 0;
  while (Date.now() < until) {
    const r = await deliverDueNotifications();
    const n = r.sent + r.retried + r.failed;
    total += n;
    if (n === 0) break;
  }
  return total;
}

export const JOB_HANDLERS: Record<string, (data: Record<string, unknown>) => Promise<unknown>> = {
  "notifications-deliver": () => deliverAllDue(),
  "shift-notices": () => queueShiftNotices(),
  "slo-status-refresh": () => refreshStoredStatuses(),
  "slo-rollups": () => syncAllRollups(),
  oncall: () => oncallTick(),
  "login-attempts-prune": () => pruneLoginAttempts(),
  "budget-policy": () => evaluateRecentIncidentBudgets(),
  backup: () => runScheduledBackup(),
  "restore-drill": () => runRestoreDrill(),
};
