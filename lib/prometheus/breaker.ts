import { PrometheusError } from "./errors";

/**
 * Circuit breaker per Prometheus source (issue 18: bounded waits). After `failureThreshold` consecutive
 * outages (refused, reset, timed out, HTTP 5xx) it opens for `openMs`: calls then fail at once instead
 * of each waiting out the request timeout, so no reader queues behind a known-bad Prometheus. When the
 * time is up one call goes through as a probe (half-open) while the others still fail fast; its success
 * closes the breaker, its failure opens it again. PromQL errors (bad_query, execution) are answers, not
 * outages, and never count; nor does a call cancelled because its client went away (aborted). A call cut
 * by its request's upstream budget is a time-out and counts: a hung Prometheus opens the breaker. `now` is injected for tests.
 */
export type BreakerOptions = { failureThreshold?: number; openMs?: number; now?: () => number };
export type BreakerState = "closed" | "open" | "half_open";
export type BreakerHealth = {
  state: BreakerState;
  consecutiveFailures: number;
  lastSuccessMs: number | null;
  lastFailureMs: number | null;
};

const isOutage = (err: unknown) =>
  err instanceof PrometheusError &&
  (err.reason === "network" || err.reason === "timeout" || (err.reason === "http" && (err.status ?? 0) >= 500));

export function createBreaker(options: BreakerOptions = {}) {
  const threshold = options.failureThreshold ?? 3;
  const openMs = options.openMs ?? 5_000;
  const now = options.now ?? Date.now;
  let state: BreakerState = "closed";
  let failures = 0;
  let openUntil = 0;
  let probing = false;
  let lastSuccessMs: number | null = null;
  let lastFailureMs: number | null = null;

  const refuse = () => {
    const message = `Prometheus is not answering (${failures} failures in a row); the next attempt is in ${Math.max(1, Math.ceil((openUntil - now()) / 1000))} s`;
    return new PrometheusError("network", message, { detail: "circuit open", publicMessage: message });
  };

  return {
    async run<T>(call: () => Promise<T>): Promise<T> {
      if (state === "open" && now() < openUntil) throw refuse();
      if (state === "open") state = "half_open";
      if (state === "half_open" && probing) throw refuse();
      const probe = state === "half_open";
      probing ||= probe;
      try {
        const out = await call();
        state = "closed";
        failures = 0;
        lastSuccessMs = now();
        return out;
      } catch (err) {
        if (isOutage(err)) {
          failures += 1;
          lastFailureMs = now();
          if (probe || failures >= threshold) {
            state = "open";
            openUntil = now() + openMs;
          }
        } else if (probe && !(err instanceof PrometheusError && err.reason === "aborted")) {
          state = "closed"; // it answered: the source is up, the query was just wrong
          failures = 0;
        }
        throw err;
      } finally {
        if (probe) probing = false;
      }
    },
    health: (): BreakerHealth => ({
      state: state === "open" && now() >= openUntil ? "half_open" : state,
      consecutiveFailures: failures,
      lastSuccessMs,
      lastFailureMs,
    }),
  };
}

export type Breaker = ReturnType<typeof createBreaker>;
