import { describe, expect, it } from "vitest";
import { createBody, emptyWizard, mapFields, promqlFieldErrors } from "@/components/slos/wizard-model";
import { fieldErrors } from "@/lib/validation/common";
import { createSloSchema, updateSloSchema } from "@/lib/validation/slo";

const base = { service: "checkout", name: "availability", objective: 0.999, window: { kind: "rolling", days: 30 } };
const fieldsOf = (schema: typeof createSloSchema | typeof updateSloSchema, body: unknown) => {
  const r = schema.safeParse(body);
  return r.success ? {} : fieldErrors(r.error);
};

describe("SLO schemas parse the SLI's PromQL (issue 11 item 4)", () => {
  it("names sli.total / sli.bad with the line and column of a parse error", () => {
    const fields = fieldsOf(createSloSchema, {
      ...base,
      sli: { kind: "ratio", total: "http_requests_total{service=}", bad: 'http_requests_total{code=~"5.."' },
    });
    expect(fields["sli.total"]).toBe(
      'line 1, column 29: parse error: unexpected "}" in a label matcher (expected a quoted value, e.g. label="value")',
    );
    expect(fields["sli.bad"]).toMatch(/^line 1, column 32: parse error: unexpected end of input/);
  });

  it("refuses anything but one selector where the rule templates add increase()", () => {
    expect(
      fieldsOf(createSloSchema, {
        ...base,
        sli: { kind: "ratio", total: "rate(http_requests_total[5m])", good: "x_total" },
      })["sli.total"],
    ).toMatch(/must be one series selector.*got a function call/);
    expect(
      fieldsOf(updateSloSchema, { sli: { kind: "ratio", total: "x_total", good: "x_total[5m]" } })["sli.good"],
    ).toMatch(/got a range vector/);
    expect(fieldsOf(updateSloSchema, { sli: { kind: "ratio", total: "{}", good: "x_total" } })["sli.total"]).toMatch(
      /at least one non-empty matcher/,
    );
  });

  it("checks latency matchers, with the column inside the field", () => {
    const sli = (matchers: string) => ({
      ...base,
      sli: { kind: "latency", metric: "http_request_duration_seconds", matchers, thresholdSeconds: 0.3 },
    });
    expect(fieldsOf(createSloSchema, sli('service="a", code='))["sli.matchers"]).toMatch(
      /^line 1, column 19: parse error: unexpected end of input in a label matcher/,
    );
    expect(fieldsOf(createSloSchema, sli('le="0.3"'))["sli.matchers"]).toBe(
      "leave out le: it is set from the threshold",
    );
    expect(fieldsOf(createSloSchema, sli('{service="a"}'))["sli.matchers"]).toMatch(/without braces/);
    expect(fieldsOf(createSloSchema, sli('service="a",code!~"5.."'))).toEqual({});
  });

  it("accepts valid selectors", () => {
    expect(
      fieldsOf(createSloSchema, {
        ...base,
        sli: {
          kind: "ratio",
          total: 'http_requests_total{service="checkout"}',
          bad: 'http_requests_total{service="checkout",code=~"5.."}',
        },
      }),
    ).toEqual({});
  });

  it("blocks the wizard's save with the field message under the editor", () => {
    const s = {
      ...emptyWizard("checkout"),
      name: "availability",
      total: "http_requests_total{service=}",
      selector: 'http_requests_total{code=~"5.."}',
      objectiveChoice: "99.9",
    };
    const parsed = createSloSchema.safeParse(createBody(s));
    expect(parsed.success).toBe(false);
    expect(mapFields(fieldErrors(parsed.error!)).total).toMatch(/^line 1, column 29: parse error/);
  });

  it("shows the wizard's PromQL errors as they are typed (the preview only runs for a definition that parses)", () => {
    const s = {
      ...emptyWizard("checkout"),
      total: 'http_requests_total{service="checkout"}',
      selector: 'http_requests_total{code=~"5.."',
    };
    expect(promqlFieldErrors(s)).toEqual({
      selector: expect.stringMatching(/^line 1, column 32: parse error: unexpected end of input/),
    });
    expect(promqlFieldErrors({ ...s, selector: "" })).toEqual({}); // empty: "is required" comes on save
    expect(promqlFieldErrors({ ...s, selector: 'http_requests_total{code=~"5.."}' })).toEqual({});
    expect(
      promqlFieldErrors({ ...s, kind: "latency", metric: "h_seconds", matchers: 'a="b" c', threshold: "0.3" }),
    ).toEqual({ matchers: expect.stringMatching(/^line 1, column 7: parse error/) });
  });
});
