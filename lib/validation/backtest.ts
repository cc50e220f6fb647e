import { z } from "zod";
import { createSloSchema } from "./slo";

// Bodies of the alert backtester (lib/slo/backtest.ts): how many days to replay, the rule group's
// evaluation interval, and candidate settings per tier. Shapes only; the domain checks the windows
// against the SLO window and names the field (tiers.page-fast.longWindow) on a 422.

const duration = z
  .string()
  .trim()
  .regex(/^(\d+(d|h|m|s))+$/, "must be a Prometheus duration such as 5m, 1h or 1h30m");

const tierCandidateSchema = z
  .object({
    enabled: z.boolean({ error: "must be true or false" }).optional(),
    factor: z
      .number({ error: "must be a number" })
      .positive("must be greater than 0")
      .max(1000, "must be at most 1000")
      .optional(),
    longWindow: duration.optional(),
    shortWindow: duration.optional(),
    for: duration.optional(),
  })
  .strict();

export const tierCandidatesSchema = z
  .object({
    "page-fast": tierCandidateSchema,
    "page-slow": tierCandidateSchema,
    "ticket-fast": tierCandidateSchema,
    "ticket-slow": tierCandidateSchema,
  })
  .partial()
  .strict();

/** Rule evaluation intervals the backtester models (each divides the 5 m increase). */
export const EVALUATION_INTERVALS = ["15s", "30s", "1m", "5m"] as const;

export const backtestOptionsSchema = z
  .object({
    /** Days replayed, ending now; at most the SLO window. */
    days: z
      .number({ error: "must be a number of days" })
      .int("must be a whole number of days")
      .min(1, "must be at least 1")
      .max(90, "must be at most 90")
      .optional(),
    evaluationInterval: z
      .enum(EVALUATION_INTERVALS, { error: `must be one of ${EVALUATION_INTERVALS.join(", ")}` })
      .default("1m"),
    /** Candidate settings; absent: only the current settings are replayed. */
    tiers: tierCandidatesSchema.optional(),
  })
  .strict();
export type BacktestOptions = z.infer<typeof backtestOptionsSchema>;

/** An unsaved definition (the wizard) plus the options. */
export const backtestDefinitionSchema = createSloSchema
  .pick({ service: true, sli: true, objective: true, window: true, alertSettings: true })
  .extend(backtestOptionsSchema.shape)
  .strict();
export type BacktestDefinitionInput = z.infer<typeof backtestDefinitionSchema>;
