import { describe, expect, it } from "vitest";
import { localPromqlCheck } from "@/lib/prometheus";

describe("localPromqlCheck", () => {
  it.each([
    'sum(rate(http_requests_total{code=~"5.."}[5m])) / sum(rate(http_requests_total[5m]))',
    "up",
    "-up",
    'foo{a="b",}',
    'foo{path="/a(b"}', // brackets inside strings do not count
    "foo{path='it\\'s'}",
    "label_replace(up, `dst`, `$1`, `src`, `(.*)`)",
    "histogram_quantile(0.99, sum by (le) (rate(x_bucket[5m])))",
    "up # trailing comment (with an unclosed paren",
    "sum(up) by (job)",
    "foo_by_and",
  ])("accepts %s", (expr) => {
    expect(localPromqlCheck(expr)).toEqual({ ok: true });
  });

  it.each([
    ["", "line 1, column 1: the expression is empty"],
    ["   ", "the expression is empty"],
    ["# only a comment", "the expression is empty"],
    ["sum(rate(x[5m])", "line 1, column 16: parse error: unexpected end of input"],
    ["foo{", "line 1, column 5: parse error: unexpected end of input"],
    ["rate(x[5m)", "line 1, column 10: parse error"],
    ["sum(x))", 'line 1, column 7: parse error: unexpected ")"'],
    ['foo{a="b}', "line 1, column 10: parse error: unexpected end of input"],
    ["up +", "line 1, column 5: parse error: unexpected end of input after an operator"],
    ["up ==", "line 1, column 6: parse error: unexpected end of input"],
    ["up and", "parse error: unexpected end of input"],
    ["sum(up) by", "parse error"],
    ["up offset", "parse error"],
    // balanced brackets, no dangling operator: what the old bracket scanner let through (issue 11)
    ["http_requests_total{service=}", 'line 1, column 29: parse error: unexpected "}"'],
    ["rate(http_requests_total)", 'expected type matrix in call to function "rate", got vector'],
  ])("rejects %j with a message", (expr, message) => {
    const result = localPromqlCheck(expr);
    expect(result.ok).toBe(false);
    expect(result.ok ? "" : result.message).toContain(message);
  });
});
