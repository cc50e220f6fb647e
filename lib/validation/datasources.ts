import { z } from "zod";
import { dataSourceSchema } from "./slo";

const base = dataSourceSchema.shape;

/**
 * PATCH /api/v1/datasources/{id}: only the fields sent change. For a secret, a string replaces it,
 * null or "" removes it, and leaving it out keeps the stored one (the form never sees it to send back).
 */
export const updateDataSourceSchema = z.object({
  name: base.name.optional(),
  url: base.url.optional(),
  authType: z.enum(["none", "bearer", "basic"]).optional(),
  bearerToken: z.string().max(4000).nullable().optional(),
  basicUser: z.string().max(200).nullable().optional(),
  basicPassword: z.string().max(4000).nullable().optional(),
  headers: z
    .record(z.string().regex(/^[A-Za-z0-9-]+$/, "must be an HTTP header name"), z.string().max(2000))
    .optional(),
  timeoutMs: z.number().int().min(100).max(120_000).optional(),
  isDefault: z.boolean({ error: "must be true or false" }).optional(),
});
export type UpdateDataSourceInput = z.infer<typeof updateDataSourceSchema>;

/** POST /api/v1/datasources/{id}/test: an instant query run against the saved source. */
export const testDataSourceSchema = z.object({
  query: z.string().trim().min(1, "must not be empty").max(2000).default("up"),
});
export type TestDataSourceInput = z.infer<typeof testDataSourceSchema>;
