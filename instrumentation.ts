// Next.js calls register() once per server process: in the Node.js runtime, check the configuration, start
// the background job runner (SLO rollups, on-call escalation, deliveries) and install the graceful shutdown (drain, then close
// the database).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // An invalid variable (e.g. SLO_REFRESH_SECONDS=abc) stops the server at start with a message naming it,
  // instead of failing, or silently misbehaving, on some later request.
  const { env, EnvError } = await import("./lib/env");
  try {
    env();
  } catch (err) {
    if (!(err instanceof EnvError)) throw err;
    console.error(err.message);
    process.exit(1);
  }
  const { installGracefulShutdown } = await import("./lib/services/shutdown");
  installGracefulShutdown();
  // Background work runs on the Postgres-backed job queue (lib/jobs); not awaited, so a slow queue start
  // never delays serving requests. SRECP_ROLE=web runs none here.
  const { startJobRunner } = await import("./lib/jobs/runner");
  void startJobRunner();
}
