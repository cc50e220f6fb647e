/**
 * Why a Prometheus call failed, in terms a caller can act on:
 * - network: Prometheus could not be reached (connection refused, DNS, reset).
 * - timeout: our client-side deadline expired, or Prometheus answered errorType "timeout" (HTTP 503).
 * - http: a non-2xx answer that is not a Prometheus query error (404 plain text, 401, 5xx...).
 * - bad_query: errorType "bad_data" (HTTP 400): the PromQL or a parameter is invalid.
 * - execution: errorType "execution" (HTTP 422): valid PromQL that failed at evaluation
 *   (many-to-many matching, too many samples).
 * - bad_response: the body was not the JSON we expect.
 * - aborted: the HTTP request this call served was cancelled by its client (request-scope.ts); says
 *   nothing about Prometheus.
 */
export type PrometheusErrorReason =
  "network" | "timeout" | "http" | "bad_query" | "execution" | "bad_response" | "aborted";

/**
 * What people may read about a failure of each reason when nothing more precise was given: no address,
 * path, status or body. "network" and "http" read the same on purpose (a data source URL must not tell
 * open ports from closed ones, finding 12.6).
 */
export const NO_PROMETHEUS_PUBLIC = "no Prometheus API answered (unreachable, or not a Prometheus server)";
const PUBLIC_BY_REASON: Record<PrometheusErrorReason, string> = {
  network: NO_PROMETHEUS_PUBLIC,
  http: NO_PROMETHEUS_PUBLIC,
  timeout: "Prometheus did not answer in time; try again shortly",
  bad_response: "Prometheus answered with data of an unexpected shape",
  bad_query: "Prometheus refused the query",
  execution: "Prometheus could not evaluate the query",
  aborted: "the request was cancelled by its client",
};

/**
 * Error thrown by the Prometheus client. `message` carries Prometheus' own text only from a JSON error
 * envelope (PromQL errors users need to see); it never quotes a body that is not one. It may name the
 * data source's URL: it is for logs and the admin's data-source test. `publicMessage` is what a client
 * of the API may read (lib/prometheus/app-error.ts).
 */
export class PrometheusError extends Error {
  readonly reason: PrometheusErrorReason;
  /** HTTP status when Prometheus answered at all. */
  readonly status?: number;
  /** Prometheus' `errorType` field (bad_data, execution, timeout, internal, ...). */
  readonly promErrorType?: string;
  /** What exactly failed (errno code, "HTTP 502 with a non-JSON body"): for server logs, never for users. */
  readonly detail?: string;
  /** For people: Prometheus' own text about a query, or a sentence without addresses or bodies. */
  readonly publicMessage: string;

  constructor(
    reason: PrometheusErrorReason,
    message: string,
    details: { status?: number; promErrorType?: string; cause?: unknown; detail?: string; publicMessage?: string } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = "PrometheusError";
    this.reason = reason;
    if (details.status !== undefined) this.status = details.status;
    if (details.promErrorType !== undefined) this.promErrorType = details.promErrorType;
    if (details.detail !== undefined) this.detail = details.detail;
    this.publicMessage = details.publicMessage ?? PUBLIC_BY_REASON[reason];
  }
}

/** Type guard usable across module copies (checks the name and reason, not only the prototype). */
export const isPrometheusError = (error: unknown): error is PrometheusError =>
  error instanceof PrometheusError || (error instanceof Error && error.name === "PrometheusError" && "reason" in error);

const QUERY_PARAM_PREFIX = 'invalid parameter "query": ';
const MAX_MESSAGE = 500;

/**
 * Maps a Prometheus error envelope to a PrometheusError. The `invalid parameter "query": ` prefix is
 * stripped so users see `1:34: parse error: ...`; other parameter prefixes are kept because they name
 * the offending parameter (time, step, timeout).
 */
export const fromErrorEnvelope = (status: number, errorType: string, error: string): PrometheusError => {
  const text = error.startsWith(QUERY_PARAM_PREFIX) ? error.slice(QUERY_PARAM_PREFIX.length) : error;
  // Capped: a server speaking the envelope is Prometheus-like, but its text still reaches viewers.
  const message = text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}…` : text;
  // Prometheus' text about the query is the user's business (a parse error in what they typed); an
  // internal error's text is not, so it keeps the generic public message of "http".
  const details = { status, promErrorType: errorType, publicMessage: message };
  switch (errorType) {
    case "bad_data":
      return new PrometheusError("bad_query", message, details);
    case "execution":
      return new PrometheusError("execution", message, details);
    case "timeout":
    case "canceled":
      return new PrometheusError("timeout", message, details);
    default:
      return new PrometheusError("http", `Prometheus error (${errorType}, HTTP ${status}): ${message}`, {
        status,
        promErrorType: errorType,
      });
  }
};
