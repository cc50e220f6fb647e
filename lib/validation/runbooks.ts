import { z } from "zod";
import { BURN_ALERT_NAMES } from "@/lib/slo/alerts";

/**
 * In-app runbooks (issue 16 item 5): the Markdown runbook of an SLO's alerts, per tier or for all tiers.
 * Shared by the route handlers, the runbook editor and the OpenAPI document.
 */
export const RUNBOOK_MAX_CHARS = 100_000;

export const runbookTierSchema = z.enum(BURN_ALERT_NAMES as [string, ...string[]], {
  error: `must be one of ${BURN_ALERT_NAMES.join(", ")}`,
});

/** GET …/runbook?tier= and …/runbook/versions?tier=: a tier's own runbook; absent = the all-tiers one. */
export const runbookQuerySchema = z.object({
  tier: runbookTierSchema
    .optional()
    .describe("alert tier (page-fast, page-slow, ticket-fast, ticket-slow); absent = the runbook of all tiers"),
});

/** PUT …/runbook: a new version of one runbook, based on the version the author read (409 when stale). */
export const saveRunbookSchema = z.object({
  tier: runbookTierSchema.nullable().default(null).describe("the tier this runbook is for; null or absent = all tiers"),
  body: z
    .string({ error: "must be the runbook's Markdown text" })
    .max(RUNBOOK_MAX_CHARS, `must be at most ${RUNBOOK_MAX_CHARS} characters`)
    .describe(
      "Markdown (GitHub-flavoured); an empty text removes the runbook (the alert falls back to the runbook URL)",
    ),
  version: z
    .number({ error: "must be the version your edit is based on (0 for the first)" })
    .int("must be a whole number")
    .min(0, "must be 0 or more")
    .max(2_147_483_647, "is too large")
    .optional()
    .describe("the runbook version your edit is based on (0 when there is none yet); or send If-Match"),
});
export type SaveRunbookInput = z.infer<typeof saveRunbookSchema>;
