import { describe, expect, it } from "vitest";
import {
  createBody,
  emptyWizard,
  mapFields,
  promqlFieldErrors,
  stateFromDefinition,
} from "@/components/slos/wizard-model";
import { fieldErrors } from "@/lib/validation/common";
import { createSloSchema } from "@/lib/validation/slo";

const base = {
  ...emptyWizard("search"),
  name: "search-minutes",
  total: 'http_requests_total{service="search"}',
  selector: 'http_requests_total{code=~"5.."}',
  budgeting: "timeslices" as const,
};

describe("SLO wizard: timeslice budgeting", () => {
  it("wraps the chosen SLI in a timeslice SLI (slice threshold typed in percent) that the API schema accepts", () => {
    const body = createBody({ ...base, sliceMinutes: "5", sliceThreshold: "99.5" });
    expect(body.sli).toEqual({
      kind: "timeslice",
      sliceMinutes: 5,
      threshold: 0.995,
      of: { kind: "ratio", total: base.total, bad: base.selector },
    });
    expect(createSloSchema.safeParse(body).success).toBe(true);
  });

  it("round-trips a stored timeslice definition for editing", () => {
    const sli = {
      kind: "timeslice" as const,
      sliceMinutes: 1 as const,
      threshold: 0.99,
      of: { kind: "latency" as const, metric: "rpc_seconds", matchers: "", thresholdSeconds: 0.3 },
    };
    const s = stateFromDefinition({
      service: "search",
      name: "n",
      description: "",
      sli,
      objective: 0.999,
      window: { kind: "rolling", days: 30 },
      runbookUrl: null,
      alerting: true,
    });
    expect(s).toMatchObject({
      kind: "latency",
      metric: "rpc_seconds",
      threshold: "0.3",
      budgeting: "timeslices",
      sliceMinutes: "1",
      sliceThreshold: "99",
    });
    expect(createBody(s).sli).toEqual(sli);
  });

  it("names the slice threshold in percent and the judged SLI's fields as the same inputs as without slices", () => {
    for (const [text, message] of [
      ["0", "must be a percentage above 0 and at most 100, e.g. 99"],
      ["100.5", "must be at most 100 % (every event of the slice good)"],
      ["abc", "must be a percentage above 0 and at most 100, e.g. 99"],
    ] as const) {
      const r = createSloSchema.safeParse(createBody({ ...base, sliceThreshold: text }));
      expect(r.success).toBe(false);
      expect(mapFields(fieldErrors(r.error!)).sliceThreshold).toBe(message);
    }
    const bad = createSloSchema.safeParse(createBody({ ...base, total: "" }));
    expect(mapFields(fieldErrors(bad.error!)).total).toBe("is required");
    expect(mapFields({ "sli.of.good": "x", "sli.sliceMinutes": "must be 1 or 5 (minutes)" })).toEqual({
      selector: "x",
      sliceMinutes: "must be 1 or 5 (minutes)",
    });
    expect(promqlFieldErrors({ ...base, selector: 'http_requests_total{code=~"5..}' }).selector).toMatch(/./);
  });
});
