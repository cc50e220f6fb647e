import { z } from "zod";

// Raw wire shapes of the Prometheus HTTP API (https://prometheus.io/docs/prometheus/latest/querying/api/).
// Values stay strings here; client.ts converts them with parseSampleValue.

export const errorEnvelopeSchema = z.object({
  status: z.literal("error"),
  errorType: z.string(),
  error: z.string(),
});

export const successEnvelopeSchema = z.object({
  status: z.literal("success"),
  data: z.unknown(),
  warnings: z.array(z.string()).optional(),
});

export const envelopeSchema = z.union([successEnvelopeSchema, errorEnvelopeSchema]);

const labelsSchema = z.record(z.string(), z.string());
const samplePairSchema = z.tuple([z.number(), z.string()]);

export const queryDataSchema = z.discriminatedUnion("resultType", [
  z.object({
    resultType: z.literal("vector"),
    result: z.array(z.object({ metric: labelsSchema, value: samplePairSchema })),
  }),
  z.object({
    resultType: z.literal("matrix"),
    result: z.array(z.object({ metric: labelsSchema, values: z.array(samplePairSchema) })),
  }),
  z.object({ resultType: z.literal("scalar"), result: samplePairSchema }),
  z.object({ resultType: z.literal("string"), result: samplePairSchema }),
]);

export type RawQueryData = z.infer<typeof queryDataSchema>;

export const stringListSchema = z.array(z.string());
export const seriesListSchema = z.array(labelsSchema);
export const buildInfoSchema = z.looseObject({ version: z.string() });
