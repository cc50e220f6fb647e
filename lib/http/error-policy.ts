import { z } from "zod";
import { AppError, isAppError } from "@/lib/errors";
import { knownDbError } from "@/lib/db";
import { isPrometheusError, upstreamAppError } from "@/lib/prometheus";
import { fieldErrors } from "@/lib/validation/common";

// The one error policy (ARCHITECTURE.md "Errors"): whatever a use case throws is mapped to AppError
// here, once, for every entry point (route wrapper, server actions, CLI). Upstream failures are typed
// where they arise (PrometheusError, Prisma's known errors); their AppError's message is for people and
// the original stays as `cause`, which the entry point logs with the request id.

/** Prometheus failures that are an outage of the source, not a defect of ours: 503 with Retry-After. */
const OUTAGE_REASONS = new Set(["network", "timeout", "aborted", "http"]);

/** The AppError `err` stands for, or null when it is a defect (answered 500, logged with its stack). */
export function appErrorOf(err: unknown): AppError | null {
  if (err instanceof z.ZodError) {
    const fields = fieldErrors(err);
    return new AppError("VALIDATION", `Invalid input: ${Object.keys(fields).join(", ")}`, fields);
  }
  const db = knownDbError(err); // a unique violation a service did not anticipate is still a 409
  if (db) return db;
  if (isPrometheusError(err)) {
    // A Prometheus outage, time-out (the request's upstream budget included) or cancelled call that no
    // service turned into a stale answer is still an outage, not a defect.
    if (OUTAGE_REASONS.has(err.reason)) return upstreamAppError(err);
    if (err.reason === "bad_response")
      return new AppError("UPSTREAM_BAD_RESPONSE", `Prometheus: ${err.publicMessage}`, undefined, { cause: err });
    return null; // Prometheus refused a query we built: our defect
  }
  return isAppError(err) ? err : null;
}

/**
 * What the log keeps of an AppError's cause: the upstream's own facts (URL, errno code, HTTP status,
 * Prometheus' reason and text), never credentials (the logger redacts those paths anyway).
 */
export function causeForLog(cause: unknown): Record<string, unknown> | undefined {
  if (!(cause instanceof Error)) return cause === undefined ? undefined : { value: String(cause) };
  const e = cause as Error & { reason?: unknown; detail?: unknown; status?: unknown; code?: unknown };
  const out: Record<string, unknown> = { name: e.name, message: e.message };
  for (const key of ["reason", "detail", "status", "code"] as const) if (e[key] !== undefined) out[key] = e[key];
  const inner = causeForLog(e.cause);
  if (inner) out.cause = inner;
  return out;
}
