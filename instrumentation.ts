// Next.js calls register() once per server process: start the background jobs (SLO rollups, on-call
// escalation) in the Node.js runtime only.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startBackgroundJobs } = await import("./lib/services/jobs");
  startBackgroundJobs();
}
