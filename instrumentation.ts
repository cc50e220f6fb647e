// Next.js calls register() once per server process: in the Node.js runtime, start the background jobs
// (SLO rollups, on-call escalation) and install the graceful shutdown (drain, then close the database).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { installGracefulShutdown } = await import("./lib/services/shutdown");
  installGracefulShutdown();
  const { startBackgroundJobs } = await import("./lib/services/jobs");
  startBackgroundJobs();
}
