import { describe, expect, it } from "vitest";
import { createBody, emptyWizard, mapFields, stateFromDefinition, updateBody } from "@/components/slos/wizard-model";
import { createSloSchema } from "@/lib/validation/slo";

describe("SLO wizard model", () => {
  it("turns the form into the API's definition (objective without float residue)", () => {
    const s = {
      ...emptyWizard("search"),
      name: "search-availability",
      total: 'http_requests_total{service="search"}',
      selector: 'http_requests_total{code=~"5.."}',
      objectiveChoice: "99.95",
      runbookUrl: "https://r.example.com",
    };
    const body = createBody(s);
    expect(body).toMatchObject({
      service: "search",
      objective: 0.9995,
      window: { kind: "rolling", days: 30 },
      sli: { kind: "ratio", bad: 'http_requests_total{code=~"5.."}' },
    });
    expect(createSloSchema.safeParse(body).success).toBe(true);
    expect(createBody({ ...s, objectiveChoice: "custom", customObjective: "99.93" }).objective).toBe(0.9993);
    expect(Number.isNaN(createBody({ ...s, objectiveChoice: "custom", customObjective: "abc" }).objective)).toBe(true);
    expect(createBody({ ...s, windowChoice: "calendar-month", timezone: "Europe/Berlin" }).window).toEqual({
      kind: "calendar",
      unit: "month",
      timezone: "Europe/Berlin",
    });
    expect(
      createBody({
        ...s,
        kind: "latency",
        metric: "http_request_duration_seconds",
        matchers: 'service="search"',
        threshold: "0.3",
      }).sli,
    ).toEqual({
      kind: "latency",
      metric: "http_request_duration_seconds",
      matchers: 'service="search"',
      thresholdSeconds: 0.3,
    });
  });

  it("round-trips a stored definition for editing; an edit carries the revision but no name or service", () => {
    const def = {
      service: "search",
      name: "lat",
      description: "d",
      sli: { kind: "latency" as const, metric: "m", matchers: "", thresholdSeconds: 0.5 },
      objective: 0.9993,
      window: { kind: "calendar" as const, unit: "week" as const, timezone: "UTC" },
      runbookUrl: null,
      alerting: false,
    };
    const s = stateFromDefinition(def);
    expect(s).toMatchObject({
      kind: "latency",
      threshold: "0.5",
      objectiveChoice: "custom",
      customObjective: "99.93",
      windowChoice: "calendar-week",
      alerting: false,
    });
    const body = updateBody(s, 7);
    expect(body).toEqual({
      description: "d",
      sli: def.sli,
      objective: 0.9993,
      window: def.window,
      runbookUrl: "",
      alerting: false,
      revision: 7,
    });
  });

  it("maps the API's field paths onto the wizard's inputs", () => {
    expect(
      mapFields({
        "sli.total": "1:5: parse error",
        "sli.bad": "x",
        "sli.thresholdSeconds": "not a bucket",
        "window.timezone": "bad zone",
        objective: "too high",
        name: "taken",
      }),
    ).toEqual({
      total: "1:5: parse error",
      selector: "x",
      thresholdSeconds: "not a bucket",
      timezone: "bad zone",
      objective: "must be a percentage such as 99.9",
      name: "taken",
    });
  });

  it("says objective errors in percent, as the field is typed (100.5 % → at most 99.999 %)", () => {
    const tooHigh = createSloSchema.safeParse(
      createBody({
        ...emptyWizard("s"),
        name: "n",
        total: "a",
        selector: "b",
        objectiveChoice: "custom",
        customObjective: "100.5",
      }),
    );
    expect(tooHigh.success).toBe(false);
    const fields = Object.fromEntries(tooHigh.error!.issues.map((i) => [i.path.join("."), i.message]));
    expect(mapFields(fields).objective).toBe("must be below 100 %, at most 99.999 % (100 % leaves no error budget)");
    expect(mapFields({ objective: "must be greater than 0" }).objective).toBe("must be above 0 %");
  });
});
