import { describe, expect, it } from "vitest";
import { load, lines } from "./helpers";

// Issue 11 item 4: plan/apply report invalid PromQL as file:line: field: line/column in the query,
// through the same parser as the API, for every format we read.
describe("SLOs as code: invalid PromQL is reported with file, line and field", () => {
  it("native srecp/v1: the sli field and the position inside the selector", () => {
    const slo = `apiVersion: srecp/v1
kind: SLO
metadata:
  name: availability
spec:
  service: checkout
  objective: 0.999
  window: { kind: rolling, days: 30 }
  sli:
    kind: ratio
    total: http_requests_total{service=}
    bad: rate(http_requests_total{code=~"5.."}[5m])
`;
    expect(lines(load({ "slos/checkout.yaml": slo }).issues)).toEqual([
      'slos/checkout.yaml:11: spec.sli.total: line 1, column 29: parse error: unexpected "}" in a label matcher (expected a quoted value, e.g. label="value")',
      'slos/checkout.yaml:12: spec.sli.bad: line 1, column 1: must be one series selector such as metric{label="value"}, got a function call (give the counter itself: srecp adds increase() and the window)',
    ]);
  });

  it("Sloth: the query's parse error keeps its position", () => {
    const sloth = `version: "prometheus/v1"
service: checkout
slos:
  - name: requests-availability
    objective: 99.9
    sli:
      events:
        error_query: sum(rate(http_requests_total{code=~"5.."}[{{.window}}])
        total_query: sum(rate(http_requests_total[{{.window}}]))
    alerting:
      page_alert: { disable: true }
      ticket_alert: { disable: true }
`;
    const issues = lines(load({ "sloth.yaml": sloth }).issues);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toBe(
      "sloth.yaml:8: slos.0.sli.events.error_query: line 1, column 56: parse error: unexpected end of input in the arguments (expected an expression or a closing parenthesis)",
    );
  });
});
