import { z } from "zod";
import { CORRECTION_CATEGORIES } from "@/lib/slo/corrections";
import { isoInstantSchema } from "./deployments";

/**
 * SLO corrections (issue 16 item 3): time ranges excluded from an SLO's error budget. Shared by the
 * route handlers, the corrections form on the SLO page and the OpenAPI document. Range rules that need
 * the SLO or the clock (whole hours, not in the future, at most the window, no overlap) are checked in
 * lib/slo/corrections.ts by the service, with the same field names.
 */
export const correctionCategorySchema = z.enum(CORRECTION_CATEGORIES, {
  error: "must be maintenance, bad_data, load_test or other",
});

export const CORRECTION_CATEGORY_LABELS: Record<(typeof CORRECTION_CATEGORIES)[number], string> = {
  maintenance: "Planned maintenance",
  bad_data: "Bad data",
  load_test: "Load test",
  other: "Other",
};

export const createCorrectionSchema = z.object({
  startsAt: isoInstantSchema.describe("first excluded instant, a whole UTC hour (e.g. 2026-03-01T02:00:00Z)"),
  endsAt: isoInstantSchema.describe("end of the excluded range (exclusive), a whole UTC hour, not in the future"),
  category: correctionCategorySchema,
  reason: z
    .string()
    .trim()
    .min(3, "must say why, in at least 3 characters")
    .max(2000, "must be at most 2000 characters"),
});
export type CreateCorrectionInput = z.infer<typeof createCorrectionSchema>;

const versionField = z.coerce
  .number({ error: "must be the correction's version number" })
  .int()
  .min(1, "must be 1 or more")
  .max(2_147_483_647, "is too large");

/** POST …/corrections/{correctionId}/approve and /reject: the version the reviewer saw (409 when stale). */
export const reviewCorrectionSchema = z.object({
  version: versionField.describe("the correction's version as read; a stale one is a 409"),
  comment: z.string().trim().max(2000, "must be at most 2000 characters").default(""),
});
export const rejectCorrectionSchema = reviewCorrectionSchema.extend({
  comment: z.string().trim().min(1, "is required when rejecting").max(2000, "must be at most 2000 characters"),
});

/** DELETE …/corrections/{correctionId}?version=N (optional guard). */
export const deleteCorrectionQuerySchema = z.object({ version: versionField.optional() });

export const listCorrectionsQuerySchema = z.object({
  status: z.enum(["pending", "approved", "rejected"], { error: "must be pending, approved or rejected" }).optional(),
});
