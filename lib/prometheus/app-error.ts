import { AppError } from "@/lib/errors";
import { isPrometheusError, type PrometheusError } from "./errors";

/**
 * The one conversion of a Prometheus failure into the AppError clients see: 503 UPSTREAM_UNAVAILABLE
 * whose message is `publicMessage` (never the data source's URL or a body), with the PrometheusError as
 * `cause` so the route wrapper logs what exactly failed next to the request id. `what` names the work
 * for people ("the preview"); without it the message is "Prometheus: …".
 */
export function upstreamAppError(err: PrometheusError, what?: string): AppError {
  const message = what
    ? `Prometheus could not answer ${what}: ${err.publicMessage}`
    : `Prometheus: ${err.publicMessage}`;
  return new AppError("UPSTREAM_UNAVAILABLE", message, undefined, { cause: err });
}

/**
 * For `catch (err) { throw upstreamError(err, "the preview") }`: a Prometheus failure becomes its
 * AppError (upstreamAppError), anything else is returned unchanged to be rethrown.
 */
export const upstreamError = (err: unknown, what?: string): unknown =>
  isPrometheusError(err) ? upstreamAppError(err, what) : err;

/**
 * True for "Prometheus could not answer" in either form — the PrometheusError itself or its AppError
 * (upstreamError, or no Prometheus configured): what fallbacks (stale statuses, the burndown from
 * rollups) catch instead of rethrowing.
 */
export const isUpstreamFailure = (err: unknown): boolean =>
  isPrometheusError(err) || (err instanceof AppError && err.code === "UPSTREAM_UNAVAILABLE");

/** What people may read about a failure caught while asking Prometheus (a stale status's reason, a signal's error). */
export const publicUpstreamMessage = (err: unknown): string =>
  isPrometheusError(err)
    ? err.publicMessage
    : err instanceof AppError
      ? err.message
      : "an unexpected error; see the server log";
