import { isPrometheusError } from "./errors";
import { localPromqlCheck } from "./local-check";
import type { PrometheusClient } from "./types";

/** Result of validatePromQL; `source` says whether Prometheus or only the local check judged it. */
export type PromqlValidation =
  { ok: true; source: "prometheus" | "local" } | { ok: false; message: string; source: "prometheus" | "local" };

const isMissingEndpoint = (error: unknown): boolean =>
  isPrometheusError(error) && error.reason === "http" && error.status === 404;

/**
 * Asks Prometheus whether `expr` parses and type-checks, without evaluating it where possible:
 * 1. POST /api/v1/format_query (Prometheus ≥ 2.32, present in Debian's 2.42): parse + type check only.
 * 2. POST /api/v1/parse_query (newer Prometheus) if format_query is missing.
 * 3. Otherwise an instant query evaluated at time=0 (1970): parse errors surface exactly as for a
 *    real query, while no TSDB block overlaps that time, so evaluation touches no samples.
 * A bad_data answer gives `{ ok: false, message }` with Prometheus' message (`1:34: parse error: ...`).
 * If Prometheus is unreachable or broken, falls back to localPromqlCheck (`source: "local"`), so
 * callers can still reject obvious typos and tell the user the check was partial.
 */
export const validatePromQL = async (client: PrometheusClient, expr: string): Promise<PromqlValidation> => {
  const attempts: ((e: string) => Promise<unknown>)[] = [
    (e) => client.formatQuery(e),
    (e) => client.parseQuery(e),
    (e) => client.instantQuery(e, 0),
  ];
  for (const attempt of attempts) {
    try {
      await attempt(expr);
      return { ok: true, source: "prometheus" };
    } catch (error) {
      if (isMissingEndpoint(error)) continue;
      if (isPrometheusError(error) && error.reason === "bad_query")
        return { ok: false, message: error.message, source: "prometheus" };
      // execution errors depend on data, not syntax: the expression itself is valid.
      if (isPrometheusError(error) && error.reason === "execution") return { ok: true, source: "prometheus" };
      break;
    }
  }
  return { ...localPromqlCheck(expr), source: "local" };
};
