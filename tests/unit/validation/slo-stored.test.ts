import { describe, expect, it } from "vitest";
import { sliSchema } from "@/lib/validation/slo";
import { storedSliSchema, storedWindowSchema } from "@/lib/validation/slo-stored";

describe("stored SLO shapes (lib/validation/slo-stored.ts)", () => {
  it("know every SLI kind the write schema accepts", () => {
    const kinds = (schema: typeof sliSchema | typeof storedSliSchema) =>
      schema.options.map((o) => o.shape.kind.value).sort();
    expect(kinds(storedSliSchema)).toEqual(kinds(sliSchema));
    expect(kinds(sliSchema)).toEqual(["boolGauge", "latency", "ratio", "timeslice"]);
  });

  it("read back what the write schema stores, for each kind", () => {
    const ratio = {
      kind: "ratio",
      total: 'http_requests_total{service="x"}',
      bad: 'http_requests_total{service="x",code=~"5.."}',
    };
    const written = [
      ratio,
      { kind: "latency", metric: "http_request_duration_seconds", matchers: 'service="x"', thresholdSeconds: 0.3 },
      { kind: "boolGauge", metric: 'probe_success{job="blackbox"}' },
      { kind: "timeslice", sliceMinutes: 5, threshold: 0.99, of: ratio },
    ].map((s) => sliSchema.parse(s));
    for (const sli of written) expect(storedSliSchema.parse(JSON.parse(JSON.stringify(sli)))).toEqual(sli);
  });

  it("still load a definition an older release stored with PromQL the parser now refuses (sign-off and rules report it)", () => {
    const legacy = { kind: "ratio", total: 'http_requests_total{service="x"', bad: "x" };
    expect(sliSchema.safeParse(legacy).success).toBe(false);
    expect(storedSliSchema.parse(legacy)).toEqual(legacy);
  });

  it("refuse a value of the wrong shape", () => {
    expect(storedSliSchema.safeParse({ kind: "ratio" }).success).toBe(false);
    expect(storedSliSchema.safeParse({ kind: "histogram", metric: "x" }).success).toBe(false);
    expect(storedWindowSchema.safeParse({ kind: "rolling", days: "30" }).success).toBe(false);
    expect(storedWindowSchema.parse({ kind: "calendar", unit: "week", timezone: "UTC" })).toEqual({
      kind: "calendar",
      unit: "week",
      timezone: "UTC",
    });
  });
});
