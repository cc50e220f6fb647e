// A background-job process for the job-queue tests: the real runner (lib/jobs/runner.ts) on the
// database in the environment (DATABASE_URL, or the embedded one under DATA_DIR). On SIGTERM it stops
// the queue, writes this process's job runs {job: count} as JSON to the file in argv[2], and exits 0.
import fs from "node:fs";
import { startJobRunner } from "@/lib/jobs/runner";
import { stopBoss } from "@/lib/jobs/boss";
import { jobMetrics } from "@/lib/jobs/metrics";
import { closeDb } from "@/lib/db";

const out = process.argv[2]!;
await startJobRunner();
fs.writeFileSync(`${out}.ready`, "ready");
process.once("SIGTERM", async () => {
  await stopBoss();
  const runs: Record<string, number> = {};
  for (const v of (await jobMetrics().runs.get()).values) {
    if (v.labels.outcome === "ok") runs[String(v.labels.job)] = (runs[String(v.labels.job)] ?? 0) + v.value;
  }
  fs.writeFileSync(out, JSON.stringify(runs));
  await closeDb();
  process.exit(0);
});
