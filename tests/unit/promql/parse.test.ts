import { describe, expect, it } from "vitest";
import { formatPromqlError, parsePromql, positionOf } from "@/lib/promql/parse";
import { checkSeriesSelector } from "@/lib/promql/selector";

const errorOf = (text: string) => {
  const r = parsePromql(text);
  if (r.ok) throw new Error(`expected a parse error for ${text}`);
  return formatPromqlError(r.error);
};

describe("parsePromql", () => {
  it.each([
    'sum(rate(http_requests_total{code=~"5.."}[5m])) / sum(rate(http_requests_total[5m]))',
    "up",
    'foo{a="b",}',
    'foo{path="/a(b"}',
    "foo{path='it\\'s'}",
    "label_replace(up, `dst`, `$1`, `src`, `(.*)`)",
    "histogram_quantile(0.99, sum by (le) (rate(x_bucket[5m])))",
    "up # trailing comment (with an unclosed paren",
    'x_total{job=~"(?P<name>a|b)"}',
  ])("accepts %s", (text) => {
    expect(parsePromql(text).ok).toBe(true);
  });

  it.each([
    // the wizard's own example from issue 11: balanced brackets, still invalid
    [
      "http_requests_total{service=}",
      'line 1, column 29: parse error: unexpected "}" in a label matcher (expected a quoted value, e.g. label="value")',
    ],
    ["sum(rate(x[5m])", "line 1, column 16: parse error: unexpected end of input"],
    ['foo{a="b"', "line 1, column 10: parse error: unexpected end of input"],
    ["up +", "line 1, column 5: parse error: unexpected end of input after an operator"],
    ['foo{a="x"}\n  + ', "line 2, column 5: parse error: unexpected end of input after an operator"],
    ["foo bar", 'line 1, column 5: parse error: unexpected "bar"'],
    ["", "line 1, column 1: the expression is empty"],
    ["# only a comment", "line 1, column 1: the expression is empty"],
    ["{}", "line 1, column 1: parse error: vector selector must contain at least one non-empty matcher"],
    ['{a=~".*"}', "vector selector must contain at least one non-empty matcher"],
    ['foo{__name__="bar"}', "metric name must not be set twice"],
    ['foo{a=~"("}', 'line 1, column 5: parse error: invalid regular expression "(" for label a'],
    ['{"foo.bar"}', "quoted metric or label names need Prometheus 3"],
  ])("rejects %j with its position", (text, message) => {
    expect(errorOf(text)).toContain(message);
  });

  it("counts lines and columns from 1", () => {
    expect(positionOf("ab\ncd", 0)).toEqual({ line: 1, column: 1 });
    expect(positionOf("ab\ncd", 4)).toEqual({ line: 2, column: 2 });
  });
});

describe("checkSeriesSelector", () => {
  it("returns the metric and matchers of one selector", () => {
    const r = checkSeriesSelector('http_requests_total{service="checkout", code=~"5.."}');
    expect(r.ok && r.selector).toEqual({
      metric: "http_requests_total",
      matchers: [
        { name: "service", op: "=", value: "checkout", from: 20 },
        { name: "code", op: "=~", value: "5..", from: 40 },
      ],
      matchersText: 'service="checkout", code=~"5.."',
      text: 'http_requests_total{service="checkout", code=~"5.."}',
    });
  });

  it.each([
    [
      "rate(x_total[5m])",
      'line 1, column 1: must be one series selector such as metric{label="value"}, got a function call',
    ],
    ["x_total[5m]", "got a range vector"],
    ["sum(x_total)", "got a aggregation"],
    ["a_total / b_total", "got a binary expression"],
    ["x_total offset 5m", "got a selector with offset"],
    ["1", "got a number"],
    ["x_total{a=}", "line 1, column 11: parse error"],
  ])("refuses %j", (text, message) => {
    const r = checkSeriesSelector(text);
    expect(r.ok ? "" : r.message).toContain(message);
  });
});
