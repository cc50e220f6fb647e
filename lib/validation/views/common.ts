import { z } from "zod";

/**
 * Building blocks of the response views (lib/validation/views/<area>.ts). Views describe the WIRE
 * format, what JSON.stringify of the handler's answer gives: instants are ISO 8601 strings.
 */

/** The error envelope every endpoint answers with on failure. */
export const errorEnvelope = z.object({
  error: z.object({
    code: z.enum([
      "VALIDATION",
      "UNAUTHENTICATED",
      "FORBIDDEN",
      "NOT_FOUND",
      "CONFLICT",
      "INVALID_STATE",
      "BAD_REQUEST",
      "UPSTREAM_UNAVAILABLE",
      "UPSTREAM_BAD_RESPONSE",
      "INTERNAL",
    ]),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional().describe("validation errors: field path → message"),
    requestId: z.string().optional(),
  }),
});

/** One page of a paginated list (lib/validation/common.ts paginationSchema: page from 1). */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), page: z.number().int(), pageSize: z.number().int(), total: z.number().int() });

/** A complete, unpaginated list. */
export const itemsOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

/** An instant on the wire (Date → JSON). */
export const instant = () => z.iso.datetime().describe("ISO 8601 instant (UTC)");
