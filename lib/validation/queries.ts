import { z } from "zod";
import { MAX_INT4, paginationSchema } from "./common";

// Small request schemas of single endpoints, shared by their route handlers and the OpenAPI document.

/** GET /api/v1/audit */
export const auditQuerySchema = paginationSchema.extend({
  entityType: z.string().optional(),
  entityId: z.string().optional(),
});
/** GET /api/v1/rules */
export const rulesQuerySchema = z.object({ service: z.string().optional().describe("only this service's SLOs") });
/** GET /api/v1/prometheus/metadata */
export const prometheusMetadataQuerySchema = z.object({
  kind: z.enum(["metrics", "labels", "values"], { error: "must be metrics, labels or values" }),
  service: z.string().optional(),
  metric: z.string().max(500).optional(),
  label: z
    .string()
    .max(200)
    .regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, "must be a Prometheus label name")
    .optional(),
});
/** The {number} path parameter of /api/v1/slos/{id}/versions/{number}/…: a positive version number (fits the Int column). */
export const versionNumberParamSchema = z.object({
  number: z
    .string()
    .regex(/^[1-9]\d{0,8}$/, "must be a version number such as 3")
    .transform(Number),
});
/** POST /api/v1/slos/{id}/versions/{number}/approve */
export const approveVersionSchema = z.object({ comment: z.string().max(2000).default("") });
/** POST /api/v1/slos/{id}/versions/{number}/reject */
export const rejectVersionSchema = z.object({
  comment: z.string().trim().min(1, "is required when rejecting").max(2000),
});
/** GET /api/v1/incidents/{id}/timeline */
export const timelineQuerySchema = z.object({
  starred: z.enum(["true", "false"], { error: "must be true or false" }).optional(),
});
/** GET /api/v1/postmortems/{id} and {id}.md */
export const postmortemExportQuerySchema = z.object({
  revision: z.coerce
    .number()
    .int()
    .min(1, "must be a published revision number")
    .max(MAX_INT4, "must be a published revision number")
    .optional(),
  download: z.enum(["1", "true", "0", "false"]).optional(),
});
