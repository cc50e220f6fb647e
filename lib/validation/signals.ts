import { z } from "zod";
import { versionSchema } from "./common";
import { instantParam } from "./slo";

const query = z
  .string()
  .trim()
  .max(2000, "must be at most 2000 characters")
  .nullish()
  .transform((v) => (v ? v : null));

/** PUT /api/v1/services/{slug}/signals: the PromQL per golden signal; empty = derived default. */
export const signalsSchema = z.object({
  latencyP99: query,
  traffic: query,
  errorRatio: query,
  saturation: query,
  /** The service version the edit is based on (optimistic concurrency). */
  version: versionSchema.optional(),
});
export type SignalsInput = z.infer<typeof signalsSchema>;

const storedQuery = z.string().min(1).max(2000);

/**
 * Service.signals as stored: the configured PromQL of the signals that have one (a derived signal has no
 * key; {} = all derived). Written by setServiceSignals from signalsSchema's output and parsed on every read
 * (lib/db/repos/catalog.ts): an unknown key or a non-string value is a defect, not a derived signal.
 */
export const storedSignalsSchema = z
  .object({
    latencyP99: storedQuery.optional(),
    traffic: storedQuery.optional(),
    errorRatio: storedQuery.optional(),
    saturation: storedQuery.optional(),
  })
  .strict();
export type StoredSignals = z.infer<typeof storedSignalsSchema>;

/** GET ?from=&to= (ISO 8601 or epoch seconds); default the last 6 hours; at most 31 days. */
export const signalsQuerySchema = z.object({ from: instantParam, to: instantParam });
