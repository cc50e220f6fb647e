import "server-only";
import { closeDb } from "@/lib/db";
import { logger } from "@/lib/observability/logger";
import { stopBoss } from "@/lib/jobs/boss";

/** How long the final exit waits for the database to close (ms). */
const CLOSE_BUDGET_MS = 5_000;

declare global {
  var __srecpShutdownInstalled: boolean | undefined;
}

/**
 * Graceful stop of a server process on SIGTERM / SIGINT. Next's own handler stops accepting, drains the
 * requests in flight and then calls process.exit(143). We need to run after that drain — closing the
 * database under a request still running would fail it — so on the signal we stop the jobs and wrap
 * process.exit once: the final exit first closes the database (for the embedded one a clean PGlite
 * shutdown: no crash recovery on the next open, sequences continue by one) and a requested stop exits 0.
 * Nothing is wrapped before a signal arrives.
 */
export function installGracefulShutdown() {
  if (globalThis.__srecpShutdownInstalled) return;
  globalThis.__srecpShutdownInstalled = true;
  const onSignal = (signal: NodeJS.Signals) => {
    logger().info({ signal }, "shutting down: draining requests, then closing the database");
    // no new job starts from now; running ones get until the exit below to finish
    const jobsStopped = stopBoss();
    const exit = process.exit.bind(process);
    let exiting = false;
    process.exit = ((code?: number) => {
      if (exiting) return undefined as never;
      exiting = true;
      const timeout = new Promise((resolve) => setTimeout(resolve, CLOSE_BUDGET_MS).unref());
      void Promise.race([jobsStopped.then(() => closeDb()), timeout])
        .catch((err: unknown) => logger().error({ err: (err as Error).message }, "closing the database failed"))
        .finally(() => exit(code === 143 || code === 130 ? 0 : code));
      return undefined as never;
    }) as typeof process.exit;
  };
  process.once("SIGTERM", onSignal);
  process.once("SIGINT", onSignal);
}
