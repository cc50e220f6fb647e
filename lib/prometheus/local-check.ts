import { formatPromqlError } from "@/lib/promql/parse";
import { checkPromqlExpression } from "@/lib/promql/types";

/** Outcome of a PromQL syntax check. */
export type PromqlCheck = { ok: true } | { ok: false; message: string };

/**
 * PromQL checked on our side, for when no Prometheus is configured or it is unreachable: Prometheus'
 * lezer grammar plus the type checks the editor's lint runs (lib/promql), so `ok: true` means the
 * expression parses and type-checks. Messages start with the 1-based line and column of the problem.
 */
export const localPromqlCheck = (expr: string): PromqlCheck => {
  const result = checkPromqlExpression(expr);
  return result.ok ? { ok: true } : { ok: false, message: formatPromqlError(result.error) };
};
