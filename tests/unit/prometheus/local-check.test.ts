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
    ["", "empty expression"],
    ["   ", "empty expression"],
    ["# only a comment", "empty expression"],
    ["sum(rate(x[5m])", "unclosed left parenthesis at position 4"],
    ["foo{", "unclosed left brace at position 4"],
    ["rate(x[5m)", "unclosed left bracket at position 7"],
    ["sum(x))", "unexpected right parenthesis"],
    ['foo{a="b}', "unterminated quoted string starting at position 7"],
    ["up +", 'expression ends with operator "+"'],
    ["up / ", 'expression ends with operator "/"'],
    ["up ==", 'expression ends with operator "=="'],
    ["up and", 'expression ends with keyword "and"'],
    ["sum(up) by", 'expression ends with keyword "by"'],
    ["up offset", 'expression ends with keyword "offset"'],
  ])("rejects %j with a message", (expr, message) => {
    const result = localPromqlCheck(expr);
    expect(result.ok).toBe(false);
    expect(result.ok ? "" : result.message).toContain(message);
  });
});
