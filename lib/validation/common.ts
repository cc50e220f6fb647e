import { z } from "zod";
import "./messages"; // human field messages for every schema (z.config)

/** Lower-case URL-safe identifiers used in URLs and in SLOs-as-code files. */
export const slugSchema = z
  .string()
  .trim()
  .min(2, "must be at least 2 characters")
  .max(63, "must be at most 63 characters")
  .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/, "use lower-case letters, digits and dashes (not at the ends)");

export const nameSchema = z.string().trim().min(1, "is required").max(120, "must be at most 120 characters");

/** Optional http(s) link; "" from a form means "no link". */
export const optionalUrlSchema = z
  .union([z.literal(""), z.url({ protocol: /^https?$/, error: "must be an http(s) URL" })])
  .nullish()
  .transform((v) => (v ? v : null));

export const timezoneSchema = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, "must be an IANA time zone such as Europe/Berlin");

/** PostgreSQL `integer` columns end at 2^31 − 1: larger numbers are refused here, not sent to fail the query. */
export const MAX_INT4 = 2_147_483_647;

export const paginationSchema = z.object({
  page: z.coerce.number().int().min(1, "must be 1 or more").max(MAX_INT4, "is too large").default(1),
  pageSize: z.coerce.number().int().min(1).max(200, "must be at most 200").default(25),
});
export type Pagination = z.infer<typeof paginationSchema>;

export type Page<T> = { items: T[]; page: number; pageSize: number; total: number };

/**
 * Instants the API accepts: years 1900–9999. JavaScript dates end at year 275760 and PostgreSQL's
 * timestamptz at 294276 (and both far before 1900), but window arithmetic (from − 30 days, to + 400 days)
 * must stay valid too; an instant outside this is a typo, never data.
 */
export const MIN_INSTANT_MS = Date.UTC(1900, 0, 1);
export const MAX_INSTANT_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
export const INSTANT_RANGE_MESSAGE = "must be between the years 1900 and 9999";
export const instantInRange = (ms: number) => Number.isFinite(ms) && ms >= MIN_INSTANT_MS && ms <= MAX_INSTANT_MS;

/** Optimistic concurrency: the version the client's edit is based on. */
export const versionSchema = z.number().int().min(1).max(MAX_INT4, "is too large");

/** zod issues → {"field.path": "message"}; the first message per field wins. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "body";
    out[key] ??= issue.message;
  }
  return out;
}
