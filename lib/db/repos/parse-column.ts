import "server-only";
import type { z } from "zod";

/**
 * Parses a value read from the database with the zod schema that validates it on write. A row that does
 * not match is a defect (written outside the app, or a migration that missed it): an Error naming the
 * table, the row and the field, which the route wrapper logs and answers as a 500 — never a silent default.
 */
export function parseColumn<T extends z.ZodType>(
  schema: T,
  value: unknown,
  at: { table: string; id: string; field: string },
): z.output<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues
    .map((i) => `${i.path.length ? i.path.join(".") : "value"}: ${i.message}`)
    .join("; ");
  throw new Error(`${at.table} ${at.id}: column ${at.field} does not match its schema (${issues})`);
}
